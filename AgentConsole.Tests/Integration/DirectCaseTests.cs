using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentConsole.Tests.Integration;

/// <summary>Cases opened directly, with no bot (email, phone), through <c>POST /api/v1/cases</c>.</summary>
public sealed class DirectCaseTests : ApiTestBase
{
    private const string Crash = "The export button crashes with error 500 every time I click it on the reports page";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static JsonObject DirectCase(string key, params string[] texts) => new()
    {
        ["externalId"] = key,
        ["channel"] = "email",
        ["customer"] = new JsonObject { ["externalId"] = "cus-direct", ["name"] = "Robin Hale", ["tier"] = "Pro" },
        ["messages"] = new JsonArray([.. texts.Select((text, i) => (JsonNode)new JsonObject { ["id"] = $"mail-{i + 1}", ["at"] = At(i + 1), ["text"] = text })]),
    };

    private Task<HttpResponseMessage> PostCaseAsync(JsonNode body, HttpClient? client = null) => PostCaseRawAsync(body.ToJsonString(), client);

    private Task<HttpResponseMessage> PostCaseRawAsync(string body, HttpClient? client = null) =>
        (client ?? Bot).PostAsync("/api/v1/cases", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<(int Conversations, int Messages, int Ledger, int Cases)> CountRowsAsync(string key)
    {
        await using var db = Factory.CreateDbContext();
        return (await db.Conversations.CountAsync(c => c.ExternalId == key),
            await db.Messages.CountAsync(m => db.Conversations.Any(c => c.Id == m.ConversationId && c.ExternalId == key)),
            await db.InboundEvents.CountAsync(e => db.Conversations.Any(c => c.Id == e.ConversationId && c.ExternalId == key)),
            await db.Cases.CountAsync(c => c.Conversation!.ExternalId == key));
    }

    [Fact]
    public async Task OpensAQueuedCaseThatTheRoutingEngineOffers()
    {
        using var response = await PostCaseAsync(DirectCase("mail-thread-1", Crash));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/conversations/mail-thread-1", response.Headers.Location?.OriginalString);
        var reply = await ReadJsonAsync(response);
        var caseId = reply.GetProperty("caseId").GetInt64();
        Assert.True(reply.GetProperty("created").GetBoolean());
        Assert.Equal("Queued", reply.GetProperty("status").GetString());
        Assert.Equal(caseId, reply.GetProperty("case").GetProperty("id").GetInt64());
        Assert.True(reply.GetProperty("case").GetProperty("queuePosition").GetInt32() >= 1);
        var engine = Factory.Services.GetRequiredService<IRoutingDesk>();
        await Eventually.HoldsAsync(async () => (await engine.SnapshotAsync()).Cases.SingleOrDefault(c => c.Id == caseId)?.Status == CaseStatus.Offered,
            Timeout, "the routing engine offers the direct case to an agent");
    }

    [Fact]
    public async Task TheBriefingCarriesTheCustomersWordsAndTheReasonSaysItWasOpenedDirectly()
    {
        using var response = await PostCaseAsync(DirectCase("call-77", Crash, "I already cleared my cache and tried another browser"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = Factory.CreateDbContext();
        var @case = await db.Cases.Include(c => c.Conversation).SingleAsync(c => c.Conversation!.ExternalId == "call-77");
        var authors = await db.Messages.Where(m => m.ConversationId == @case.ConversationId).Select(m => m.Author).ToListAsync();
        Assert.Equal("email", @case.Conversation!.Channel);
        Assert.Equal(ReasonCategory.CustomerRequest, @case.Reasons[0].Category);
        Assert.Equal(AgentConsole.Core.Conversations.Ingestion.DirectCase.Trigger, @case.Reasons[0].Trigger);
        Assert.Contains("export button crashes with error 500", @case.BriefingMarkdown);
        Assert.Contains("cleared my cache", @case.BriefingMarkdown);
        Assert.Contains("Customer Robin Hale", @case.BriefingMarkdown);
        Assert.DoesNotContain("assistant", @case.BriefingMarkdown);
        Assert.Equal([MessageAuthor.Customer, MessageAuthor.Customer], authors);
    }

    [Fact]
    public async Task TheTriggersDecideTheRoutingFromTheTextUnlessTheRequestAsksForIt()
    {
        var asked = DirectCase("mail-asked", Crash);
        asked["category"] = "Billing";
        asked["priority"] = "urgent";

        using var decided = await PostCaseAsync(DirectCase("mail-decided", Crash));
        using var requested = await PostCaseAsync(asked);

        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        await using var db = Factory.CreateDbContext();
        var byText = await db.Cases.SingleAsync(c => c.Conversation!.ExternalId == "mail-decided");
        var byRequest = await db.Cases.SingleAsync(c => c.Conversation!.ExternalId == "mail-asked");
        Assert.Equal((IssueCategory.Technical, Skill.Technical), (byText.Category, byText.RequiredSkill));
        Assert.Contains(byText.Reasons, r => r.Category == ReasonCategory.ProductDefect);
        Assert.Equal((IssueCategory.Billing, Skill.Billing, CasePriority.Urgent, AgentTier.Senior),
            (byRequest.Category, byRequest.RequiredSkill, byRequest.Priority, byRequest.Tier));
    }

    [Fact]
    public async Task ARetryFindsTheSameCaseAndStoresNothingTwice()
    {
        var body = DirectCase("mail-retry", Crash, "Still broken this morning");
        using var first = await PostCaseAsync(body);
        var before = await CountRowsAsync("mail-retry");

        // The same request, its fields in another order.
        var reordered = new JsonObject(body.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var retries = await Task.WhenAll(PostCaseAsync(body), PostCaseAsync(reordered));

        var caseId = (await ReadJsonAsync(first)).GetProperty("caseId").GetInt64();
        foreach (var retry in retries)
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            var again = await ReadJsonAsync(retry);
            Assert.False(again.GetProperty("created").GetBoolean());
            Assert.Equal(caseId, again.GetProperty("caseId").GetInt64());
            retry.Dispose();
        }
        Assert.Equal((1, 2, 3, 1), before);
        Assert.Equal(before, await CountRowsAsync("mail-retry"));
    }

    [Fact]
    public async Task AnotherRequestUnderTheSameKeyIsAConflict()
    {
        using var first = await PostCaseAsync(DirectCase("mail-conflict", Crash));
        var before = await CountRowsAsync("mail-conflict");

        using var response = await PostCaseAsync(DirectCase("mail-conflict", "A different problem about my invoice"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("different request", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(before, await CountRowsAsync("mail-conflict"));
    }

    [Fact]
    public async Task AKeyABotConversationAlreadyHasIsRefused()
    {
        await PostEventsAsync("conv-from-bot", Batch(CustomerMessage("e1", "How do I export a dashboard to PDF?", 1)));
        var before = await CountRowsAsync("conv-from-bot");

        using var response = await PostCaseAsync(DirectCase("conv-from-bot", Crash));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("events API", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(before, await CountRowsAsync("conv-from-bot"));
        Assert.Equal(0, before.Cases);
    }

    public static TheoryData<string, string, string> InvalidRequests => new()
    {
        // body, the field the problem must name, a phrase the message must contain
        { """{"channel":"email","customer":{"externalId":"c1"},"messages":[{"at":"2026-03-14T09:00:00Z","text":"hi"}]}""", "externalId", "required" },
        { """{"externalId":"bad key!","channel":"email","customer":{"externalId":"c1"},"messages":[{"at":"2026-03-14T09:00:00Z","text":"hi"}]}""", "externalId", "letters" },
        { """{"externalId":"k1","customer":{"externalId":"c1"},"messages":[{"at":"2026-03-14T09:00:00Z","text":"hi"}]}""", "channel", "required" },
        { """{"externalId":"k1","channel":"e mail","customer":{"externalId":"c1"},"messages":[{"at":"2026-03-14T09:00:00Z","text":"hi"}]}""", "channel", "letters" },
        { """{"externalId":"k1","channel":"email","messages":[{"at":"2026-03-14T09:00:00Z","text":"hi"}]}""", "customer", "required" },
        { """{"externalId":"k1","channel":"email","customer":{"name":"No id"},"messages":[{"at":"2026-03-14T09:00:00Z","text":"hi"}]}""", "customer.externalId", "required" },
        { """{"externalId":"k1","channel":"email","customer":{"externalId":"c1"},"messages":[]}""", "messages", "1 to" },
        { """{"externalId":"k1","channel":"email","customer":{"externalId":"c1"}}""", "messages", "required" },
        { """{"externalId":"k1","channel":"email","customer":{"externalId":"c1"},"messages":[{"at":"2026-03-14T09:00:00Z","text":"   "}]}""", "messages[0].text", "empty" },
        { """{"externalId":"k1","channel":"email","customer":{"externalId":"c1"},"messages":[{"at":"2026-03-14T09:00:00Z","text":42}]}""", "messages[0].text", "string" },
        { """{"externalId":"k1","channel":"email","customer":{"externalId":"c1"},"messages":[{"at":"2026-03-14T09:00:00","text":"hi"}]}""", "messages[0].at", "offset" },
        { """{"externalId":"k1","channel":"email","customer":{"externalId":"c1"},"messages":[{"at":"2026-03-15T09:00:00Z","text":"hi"}]}""", "messages[0].at", "future" },
        { """{"externalId":"k1","channel":"email","customer":{"externalId":"c1"},"messages":[{"text":"hi"}]}""", "messages[0].at", "required" },
        { """{"externalId":"k1","channel":"email","customer":{"externalId":"c1"},"messages":[{"id":"m","at":"2026-03-14T09:00:00Z","text":"a"},{"id":"m","at":"2026-03-14T09:00:00Z","text":"b"}]}""", "messages[1].id", "unique" },
        { """{"externalId":"k1","channel":"email","customer":{"externalId":"c1"},"messages":[{"at":"2026-03-14T09:00:00Z","text":"hi"}],"category":"Plumbing"}""", "category", "one of" },
        { """{"externalId":"k1","channel":"email","customer":{"externalId":"c1"},"messages":[{"at":"2026-03-14T09:00:00Z","text":"hi"}],"priority":3}""", "priority", "one of" },
        { """{"externalId":"k1","channel":"email","customer":{"externalId":"c1"},"messages":[{"at":"2026-03-14T09:00:00Z","text":"hi"}],"skill":"Juggling"}""", "skill", "one of" },
        { """{"externalId":"k1","channel":"email","customer":{"externalId":"c1"},"messages":{"text":"hi"}}""", "messages", "array" },
        { """{"externalId":"k1","channel":"email","customer":{"externalId":"c1"},"page":{"url":"javascript:alert(1)"},"messages":[{"at":"2026-03-14T09:00:00Z","text":"hi"}]}""", "page.url", "http" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task AnInvalidRequestGets400NamingTheFieldAndStoresNothing(string body, string field, string phrase)
    {
        using var response = await PostCaseRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ReadJsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for '{field}' in {errors}");
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(phrase, StringComparison.OrdinalIgnoreCase));
        Assert.Equal((0, 0, 0, 0), await CountRowsAsync("k1"));
    }

    [Fact]
    public async Task TextOverTheLimitGets400AndStoresNothing()
    {
        var limit = Factory.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxTextLength;

        using var response = await PostCaseAsync(DirectCase("mail-long", new string('x', limit + 1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("messages[0].text", out _));
        Assert.Equal((0, 0, 0, 0), await CountRowsAsync("mail-long"));
    }

    [Fact]
    public async Task ARequestWithoutAKeyGets401()
    {
        using var client = Factory.CreateClient();

        using var response = await PostCaseAsync(DirectCase("mail-anonymous", Crash), client);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((0, 0, 0, 0), await CountRowsAsync("mail-anonymous"));
    }

    [Fact]
    public async Task TheHistoryMetricsCountADirectCaseAsStartedWithAHuman()
    {
        var metrics = Factory.Services.GetRequiredService<HistoryMetrics>();
        var day = DateOnly.FromDateTime(AgentConsoleFactory.Start.UtcDateTime);
        var filter = metrics.Days(day.AddDays(-1), day.AddDays(1));
        var before = await metrics.ResolutionTimeAsync(filter);
        var rateBefore = (await metrics.EscalationRateAsync(filter)).Overall;
        using var response = await PostCaseAsync(DirectCase("mail-metrics", Crash));
        var caseId = (await ReadJsonAsync(response)).GetProperty("caseId").GetInt64();
        var engine = Factory.Services.GetRequiredService<IRoutingDesk>();
        await Eventually.HoldsAsync(async () => (await engine.SnapshotAsync()).Cases.SingleOrDefault(c => c.Id == caseId)?.Status == CaseStatus.Offered,
            Timeout, "the routing engine offers the direct case");
        var snapshot = await engine.SnapshotAsync();
        var agent = snapshot.Agents.Single(a => a.Id == snapshot.Cases.Single(c => c.Id == caseId).Holder);
        var actor = RoutingActor.ForAgent(agent.Id, agent.TeamId, agent.Name);

        await engine.AcceptOfferAsync(caseId, actor);
        await engine.ResolveAsync(caseId, "Fixed the export", actor);
        var after = await metrics.ResolutionTimeAsync(filter);

        Assert.Equal(before.StartedWithHuman.Count + 1, after.StartedWithHuman.Count);
        Assert.Equal(before.Escalated.Count, after.Escalated.Count);
        // Never the bot's: neither an escalation nor a conversation the bot kept.
        Assert.Equal(rateBefore, (await metrics.EscalationRateAsync(filter)).Overall);
    }
}
