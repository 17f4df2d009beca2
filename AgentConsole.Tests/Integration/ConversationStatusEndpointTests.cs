using Microsoft.Extensions.DependencyInjection;
using System.Net;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Integrations;
using BotIntegration = AgentConsole.Core.Integrations.Integration;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration;

public sealed class ConversationStatusEndpointTests : ApiTestBase
{
    [Fact]
    public async Task ReturnsTheTranscriptInTimeOrderWithTheLatestPage()
    {
        var body = Batch(CustomerMessage("e2", "second", 20), CustomerMessage("e1", "first", 10), BotMessage("e3", "third", 0.9, 30));
        body["page"] = new System.Text.Json.Nodes.JsonObject { ["url"] = "https://app.example.com/help", ["title"] = "Help" };
        await PostEventsAsync("conv-order", body);

        using var response = await Bot.GetAsync("/api/v1/conversations/conv-order");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await ReadJsonAsync(response);
        Assert.Equal("BotActive", view.GetProperty("status").GetString());
        Assert.Equal(["first", "second", "third"], view.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Equal("Bot", view.GetProperty("messages")[2].GetProperty("author").GetString());
        Assert.Equal("https://app.example.com/help", view.GetProperty("page").GetProperty("url").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, view.GetProperty("case").ValueKind);
    }

    [Fact]
    public async Task UnknownConversationGets404()
    {
        using var response = await Bot.GetAsync("/api/v1/conversations/no-such-conversation");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await ReadJsonAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AnotherIntegrationCannotSeeTheConversation()
    {
        await PostEventsAsync("conv-private", Batch(CustomerMessage("e1", "private", 1)));
        var otherKey = ApiKeys.Generate();
        await using (var db = Factory.CreateDbContext())
        {
            db.Integrations.Add(new BotIntegration("Other bot", otherKey, AgentConsoleFactory.Start.UtcDateTime));
            await db.SaveChangesAsync();
        }
        Factory.Services.GetRequiredService<AgentConsole.Core.Integrations.IntegrationKeyStore>().Invalidate();
        using var other = Factory.CreateBotClient(otherKey);

        using var response = await other.GetAsync("/api/v1/conversations/conv-private");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ShowsTheCaseWithItsQueuePosition()
    {
        // The routing engine offered the demo data's queued cases at start-up; these two are stored
        // straight into the queue behind its back, so they wait: a High one first, then this Normal one.
        await PostEventsAsync("conv-ahead", Batch(CustomerMessage("e1", "the invoice total looks odd", 1)));
        await OpenCaseAsync("conv-ahead", CasePriority.High);
        await PostEventsAsync("conv-queued", Batch(CustomerMessage("e1", "my invoice is wrong", 1)));
        await OpenCaseAsync("conv-queued", CasePriority.Normal);

        var view = await ReadJsonAsync(await Bot.GetAsync("/api/v1/conversations/conv-queued"));

        Assert.Equal("Queued", view.GetProperty("status").GetString());
        var @case = view.GetProperty("case");
        Assert.Equal("Queued", @case.GetProperty("status").GetString());
        Assert.Equal("Normal", @case.GetProperty("priority").GetString());
        Assert.Equal(2, @case.GetProperty("queuePosition").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, @case.GetProperty("assignedAgentName").ValueKind);
    }

    [Fact]
    public async Task AnUrgentCaseGoesToTheFrontOfTheQueue()
    {
        await PostEventsAsync("conv-urgent", Batch(CustomerMessage("e1", "where do I change the report colours", 1)));
        await OpenCaseAsync("conv-urgent", CasePriority.Urgent);

        var view = await ReadJsonAsync(await Bot.GetAsync("/api/v1/conversations/conv-urgent"));

        Assert.Equal(1, view.GetProperty("case").GetProperty("queuePosition").GetInt32());
    }

    [Fact]
    public async Task ShowsTheAssignedAgentsName()
    {
        var view = await ReadJsonAsync(await Bot.GetAsync("/api/v1/conversations/demo-conv-1003"));

        Assert.Equal("Assigned", view.GetProperty("status").GetString());
        Assert.Equal("Marcus Okafor", view.GetProperty("case").GetProperty("assignedAgentName").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, view.GetProperty("case").GetProperty("queuePosition").ValueKind);
    }

    [Fact]
    public async Task TheIngestionReplyCarriesTheOpenEscalation()
    {
        using var response = await PostEventsAsync("demo-conv-1001", Batch(CustomerMessage("e-new", "any update?", 1)));

        // At start-up the routing engine offered the demo's High billing case to its billing specialist.
        var reply = await ReadJsonAsync(response);
        var escalation = reply.GetProperty("escalation");
        Assert.Equal("Offered", reply.GetProperty("status").GetString());
        Assert.Equal("Offered", escalation.GetProperty("status").GetString());
        Assert.Equal("High", escalation.GetProperty("priority").GetString());
        Assert.Equal("Billing", escalation.GetProperty("category").GetString());
    }

    [Fact]
    public async Task TheReportedStatusFollowsTheCaseWhileTheConversationStoresOnlyItsStage()
    {
        // Arrange: at start-up the engine offered the demo's billing case; its agent accepts it.
        var engine = Factory.Services.GetRequiredService<IRoutingDesk>();
        long caseId;
        await using (var db = Factory.CreateDbContext())
            caseId = await db.Cases.Where(c => c.Conversation!.ExternalId == "demo-conv-1001").Select(c => c.Id).SingleAsync();
        var offered = (await engine.SnapshotAsync()).Cases.Single(c => c.Id == caseId);
        Assert.Equal(CaseStatus.Offered, offered.Status);
        var agent = (await engine.SnapshotAsync()).Agents.Single(a => a.Id == offered.Holder);

        // Act
        await engine.AcceptOfferAsync(caseId, RoutingActor.ForAgent(agent.Id, agent.TeamId, agent.Name));
        var view = await ReadJsonAsync(await Bot.GetAsync("/api/v1/conversations/demo-conv-1001"));

        // Assert
        Assert.Equal(("Assigned", "Assigned"), (view.GetProperty("status").GetString(), view.GetProperty("case").GetProperty("status").GetString()));
        await using var check = Factory.CreateDbContext();
        Assert.Equal(ConversationStage.WithHumans, (await check.Conversations.SingleAsync(c => c.ExternalId == "demo-conv-1001")).Stage);
    }

    private async Task OpenCaseAsync(string externalId, CasePriority priority)
    {
        await using var db = Factory.CreateDbContext();
        var conversation = await db.Conversations.SingleAsync(c => c.ExternalId == externalId);
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var @case = new Case(conversation, EscalationDecision.Escalated(
            [new EscalationReason(ReasonCategory.CustomerRequest, "test", "asked for a human")],
            IssueCategory.Billing, 0.8, priority, Skill.Billing, AgentTier.Specialist, -0.3, SentimentTrend.Steady), "briefing", now);
        @case.Queue(now);
        db.Cases.Add(@case);
        await db.SaveChangesAsync();
    }
}
