using AgentConsole.Core.Routing.Engine;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration;

public sealed class EscalationTests : ApiTestBase
{
    private const string Hacked = "Someone logged into my account from another country and changed my email";

    [Fact]
    public async Task AnEscalatingMessageOpensExactlyOneCaseEvenWhenRetried()
    {
        var body = Batch(CustomerMessage("e1", Hacked, 1));
        body["customer"] = new JsonObject { ["externalId"] = "cus-hacked", ["name"] = "Dana Ortiz", ["tier"] = "Business" };

        using var first = await PostEventsAsync("conv-hacked", body);
        var retries = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostEventsAsync("conv-hacked", body)));

        var reply = await ReadJsonAsync(first);
        Assert.Equal("Queued", reply.GetProperty("status").GetString());
        var decision = reply.GetProperty("decision");
        Assert.True(decision.GetProperty("escalate").GetBoolean());
        Assert.Equal("Urgent", decision.GetProperty("priority").GetString());
        Assert.Equal("SecurityCompliance", decision.GetProperty("reasons")[0].GetProperty("category").GetString());
        Assert.Equal("Security", decision.GetProperty("requiredSkill").GetString());
        Assert.Equal("Queued", reply.GetProperty("escalation").GetProperty("status").GetString());
        foreach (var retry in retries)
        {
            var again = await ReadJsonAsync(retry);
            Assert.Equal(0, again.GetProperty("newEvents").GetInt32());
            Assert.Equal(JsonValueKind.Null, again.GetProperty("decision").ValueKind);
            Assert.Equal(reply.GetProperty("escalation").GetProperty("id").GetInt64(), again.GetProperty("escalation").GetProperty("id").GetInt64());
        }
        // The routing engine takes the case from here; the only security agent in the demo data is away.
        await Factory.Services.GetRequiredService<IRoutingDesk>().FlushAsync();
        await using var db = Factory.CreateDbContext();
        var @case = await db.Cases.Include(c => c.Events).SingleAsync(c => c.Conversation!.ExternalId == "conv-hacked");
        Assert.Equal(CaseStatus.Queued, @case.Status);
        Assert.Equal([CaseEventType.Escalated, CaseEventType.Queued, CaseEventType.Routed], @case.Events.OrderBy(e => e.Id).Select(e => e.Type));
        Assert.Equal(1, await db.Cases.CountAsync(c => c.Conversation!.ExternalId == "conv-hacked"));
        Assert.Contains("Customer Dana Ortiz", @case.BriefingMarkdown);
        Assert.Contains("changed my email", @case.BriefingMarkdown);
        var message = await db.Messages.SingleAsync(m => m.Text == Hacked);
        Assert.Equal(message.Id, @case.Reasons[0].MessageId);
    }

    [Fact]
    public async Task LaterMessagesOnAnEscalatedConversationDoNotOpenAnotherCase()
    {
        await PostEventsAsync("conv-once", Batch(CustomerMessage("e1", Hacked, 1)));

        using var response = await PostEventsAsync("conv-once", Batch(CustomerMessage("e2", "Also my card was stolen, please hurry", 30)));

        var reply = await ReadJsonAsync(response);
        Assert.True(reply.GetProperty("decision").GetProperty("escalate").GetBoolean());
        await using var db = Factory.CreateDbContext();
        Assert.Equal(1, await db.Cases.CountAsync(c => c.Conversation!.ExternalId == "conv-once"));
    }

    [Fact]
    public async Task AnOrdinaryQuestionStaysWithTheBot()
    {
        using var response = await PostEventsAsync("conv-calm", Batch(
            CustomerMessage("e1", "How do I export a dashboard to PDF?", 1),
            BotMessage("e2", "Open the dashboard, then choose Share and Export as PDF.", 0.94, 2)));

        var reply = await ReadJsonAsync(response);
        Assert.Equal("BotActive", reply.GetProperty("status").GetString());
        Assert.False(reply.GetProperty("decision").GetProperty("escalate").GetBoolean());
        await using var db = Factory.CreateDbContext();
        Assert.False(await db.Cases.AnyAsync(c => c.Conversation!.ExternalId == "conv-calm"));
        var conversationId = await db.Conversations.Where(c => c.ExternalId == "conv-calm").Select(c => c.Id).SingleAsync();
        var state = await db.TriggerStates.SingleAsync(s => s.ConversationId == conversationId);
        // The leading category is kept beside the state, so the metrics can segment what the bot kept.
        Assert.Equal(state.Read().Category().Category, state.Category);
    }

    [Fact]
    public async Task TheBotsHandoffRequestEscalatesThroughTheApi()
    {
        var body = Batch(CustomerMessage("e1", "I need the invoice address changed for our last three invoices", 1));
        body["events"]!.AsArray().Add(new JsonObject { ["id"] = "e2", ["type"] = "bot.handoff_requested", ["at"] = At(2), ["reason"] = "invoice changes need finance approval" });

        using var response = await PostEventsAsync("conv-handoff", body);

        var decision = (await ReadJsonAsync(response)).GetProperty("decision");
        Assert.True(decision.GetProperty("escalate").GetBoolean());
        Assert.Contains(decision.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("trigger").GetString() == "bot-handoff");
    }

    [Fact]
    public async Task TheEvaluatePlaygroundDecidesAndStoresNothing()
    {
        int before;
        await using (var db = Factory.CreateDbContext()) before = await db.Messages.CountAsync() + await db.Cases.CountAsync();
        var body = JsonNode.Parse("""
            {"messages":[{"author":"customer","text":"my invoice is wrong"},{"author":"bot","text":"I don't understand, could you rephrase?","confidence":0.2}],
             "customer":{"tier":"Enterprise","annualContractValue":80000}}
            """)!;

        using var response = await Bot.PostAsync("/api/v1/triggers/evaluate", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var decision = await ReadJsonAsync(response);
        Assert.True(decision.GetProperty("escalate").GetBoolean());
        Assert.Contains(decision.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("category").GetString() == "CustomerValue");
        await using var check = Factory.CreateDbContext();
        Assert.Equal(before, await check.Messages.CountAsync() + await check.Cases.CountAsync());
    }

    [Theory]
    [InlineData("""{"messages":[{"author":"robot","text":"hi"}]}""", "messages[0].author")]
    [InlineData("""{"messages":[]}""", "messages")]
    [InlineData("""{"nothing":true}""", "text")]
    public async Task TheEvaluatePlaygroundRejectsBadInput(string body, string field)
    {
        using var response = await Bot.PostAsync("/api/v1/triggers/evaluate", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task TheEvaluatePlaygroundNeedsAKey()
    {
        using var anonymous = Factory.CreateClient();

        using var response = await anonymous.PostAsync("/api/v1/triggers/evaluate", new StringContent("""{"text":"hi"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class UnresolvedTimerTests
{
    [Fact]
    public async Task AConversationStillWithTheBotAfterFifteenMinutesEscalatesWithoutANewMessage()
    {
        using var database = new TempDatabase();
        using var app = new AgentConsoleFactory(database);
        using var bot = app.CreateBotClient();
        await Post(bot, "conv-slow", "How do I change the colour of a chart legend?");

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var early = await WaitForCaseAsync(app, "conv-slow", TimeSpan.FromMilliseconds(500));
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var late = await WaitForCaseAsync(app, "conv-slow", TimeSpan.FromSeconds(10));

        Assert.Null(early);
        Assert.NotNull(late);
        Assert.Equal(ReasonCategory.Timeout, late.Reasons[0].Category);
        Assert.Contains("16 minutes", late.Reasons[0].Evidence);
    }

    [Fact]
    public async Task TheTimerCarriesOnAfterARestart()
    {
        using var database = new TempDatabase();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(AgentConsoleFactory.Start);
        using (var first = new AgentConsoleFactory(database, clock: clock))
        using (var bot = first.CreateBotClient())
        {
            await Post(bot, "conv-restart", "Where can I see which teammates viewed a report?");
            clock.Advance(TimeSpan.FromMinutes(5));
        }

        using var second = new AgentConsoleFactory(database, clock: clock);
        _ = second.Services;
        clock.Advance(TimeSpan.FromMinutes(11));
        var @case = await WaitForCaseAsync(second, "conv-restart", TimeSpan.FromSeconds(10));

        Assert.NotNull(@case);
        Assert.Equal("unresolved", @case.Reasons[0].Trigger);
    }

    [Fact]
    public async Task AValuableCustomersConversationEscalatesSooner()
    {
        using var database = new TempDatabase();
        using var app = new AgentConsoleFactory(database);
        using var bot = app.CreateBotClient();
        await Post(bot, "conv-vip", "Where can I see which teammates viewed a report?", """{"externalId":"cus-vip","tier":"Enterprise"}""");

        app.Clock.Advance(TimeSpan.FromMinutes(8));
        var @case = await WaitForCaseAsync(app, "conv-vip", TimeSpan.FromSeconds(10));

        Assert.NotNull(@case);
        Assert.Contains(@case.Reasons, r => r.Category == ReasonCategory.CustomerValue);
    }

    private static async Task Post(HttpClient bot, string conversation, string text, string? customer = null)
    {
        var body = $$"""{{{(customer is null ? "" : $"\"customer\":{customer},")}}"events":[{"id":"e1","type":"customer.message","at":"{{AgentConsoleFactory.Start:O}}","text":"{{text}}"}]}""";
        using var response = await bot.PostAsync($"/api/v1/conversations/{conversation}/events", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<Case?> WaitForCaseAsync(AgentConsoleFactory app, string conversation, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = app.CreateDbContext())
            {
                var found = await db.Cases.SingleOrDefaultAsync(c => c.Conversation!.ExternalId == conversation);
                if (found is not null || DateTime.UtcNow > deadline) return found;
            }
            await Task.Delay(50);
        }
    }
}
