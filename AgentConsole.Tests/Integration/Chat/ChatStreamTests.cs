using System.Text.Json;
using System.Text.Json.Nodes;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Chat;

/// <summary>The customer's live stream against the real engine: escalation, the agent's reply and typing, resolution and the rating.</summary>
public sealed class ChatStreamTests : ApiTestBase
{
    private IRoutingDesk Engine => Factory.Services.GetRequiredService<IRoutingDesk>();

    [Fact]
    public async Task TheCustomerSeesTheEscalationTheAgentsReplyWithTheirNameAndTheRatingQuestion()
    {
        // Arrange: a customer asks for a person, which opens a case.
        var customer = new ChatClient(Factory.CreateClient());
        await customer.StartAsync();
        await using var stream = await customer.StreamAsync();
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        using (await customer.SendAsync("I was charged twice for March. Put me through to a person on your team right now please")) { }
        var conversationId = (await Factory.Services.GetRequiredService<CustomerChat>().ConversationIdAsync(
            (await Factory.Services.GetRequiredService<CustomerChat>().FindAsync(customer.Token))!))!.Value;
        await stream.NextAsync((name, data) => name == "message" && data.GetProperty("author").GetString() == "customer");
        await stream.NextAsync((name, data) => name == "status" && data.GetProperty("stage").GetString() is "queued" or "offered");

        // Act: an agent takes it (accepting the offer, or assigned by a supervisor while it waits), types and replies.
        var (caseId, agent) = await TakeAsync(conversationId);
        var assigned = await stream.NextAsync((name, data) => name == "status" && data.GetProperty("stage").GetString() == "assigned");
        await Factory.Services.GetRequiredService<DeskTyping>().AgentTypingAsync(caseId, agent.Id, agent.Name);
        var typing = await stream.NextAsync((name, _) => name == "typing");
        await Engine.ReplyAsync(caseId, "Hi, I'm sorry about the double charge. I can see both payments and I'm refunding one now.",
            RoutingActor.ForAgent(agent.Id, agent.TeamId, agent.Name));
        var reply = await stream.NextAsync((name, data) => name == "message" && data.GetProperty("author").GetString() == "agent");

        // Assert
        Assert.Equal(agent.Name, assigned.Data.GetProperty("agentName").GetString());
        Assert.Equal(agent.Name, typing.Data.GetProperty("name").GetString());
        Assert.Equal(agent.Name, reply.Data.GetProperty("name").GetString());
        Assert.Contains("refunding one now", reply.Data.GetProperty("html").GetString());

        // Act: the agent resolves; the customer is asked to rate, and rates.
        await Engine.ResolveAsync(caseId, "Refunded the duplicate.", RoutingActor.ForAgent(agent.Id, agent.TeamId, agent.Name));
        var ratingsBefore = await LearnedRatingsAsync(agent.Id);
        var asked = await stream.NextAsync((name, data) => name == "status" && data.GetProperty("ratingRequested").GetBoolean());
        using var rated = await customer.PostAsync("/api/chat/rating", new JsonObject { ["score"] = 5, ["comment"] = "Quick and kind." });
        using var again = await customer.PostAsync("/api/chat/rating", new JsonObject { ["score"] = 1 });
        var thanked = await stream.NextAsync((name, data) => name == "status" && data.GetProperty("rated").GetBoolean());

        // Assert
        Assert.Equal("resolved", asked.Data.GetProperty("stage").GetString());
        Assert.Equal(System.Net.HttpStatusCode.NoContent, rated.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
        Assert.False(thanked.Data.GetProperty("ratingRequested").GetBoolean());
        await using var db = Factory.CreateDbContext();
        var rating = await db.ChatRatings.SingleAsync();
        Assert.Equal((caseId, 5, "Quick and kind."), (rating.CaseId!.Value, rating.Score, rating.Comment));
        // Routing learns from the rating, in the record of the agent who resolved the case (once, though rated twice).
        await Engine.FlushAsync();
        Assert.Equal(ratingsBefore + 1, await LearnedRatingsAsync(agent.Id));
    }

    private async Task<int> LearnedRatingsAsync(Guid agentId) => (await Engine.OutcomesOfAsync(agentId)).Values.Sum(e => e.Ratings);

    [Fact]
    public async Task AQueuedCustomerSeesTheirPlaceMoveAsTheQueueMoves()
    {
        // Arrange: every agent goes offline, so two customers' cases wait in the queue.
        foreach (var a in (await Engine.SnapshotAsync()).Agents)
            await Engine.SetPresenceAsync(a.Id, AgentConsole.Core.Routing.Presence.Offline, RoutingActor.ForSupervisor());
        var first = new ChatClient(Factory.CreateClient());
        await first.StartAsync();
        using (await first.SendAsync("I need a human agent please, the invoice is wrong")) { }
        var second = new ChatClient(Factory.CreateClient());
        await second.StartAsync();
        await using var stream = await second.StreamAsync();
        using (await second.SendAsync("let me speak to a real person about my refund")) { }
        var waiting = await stream.NextAsync((name, data) => name == "status" && data.GetProperty("stage").GetString() == "queued"
            && data.GetProperty("queuePosition").ValueKind == JsonValueKind.Number);
        var before = waiting.Data.GetProperty("queuePosition").GetInt32();

        // Act: a case ahead of them leaves the queue.
        long ahead;
        await using (var db = Factory.CreateDbContext())
            ahead = await db.Cases.Where(c => c.Status == CaseStatus.Queued).OrderByDescending(c => c.Priority).ThenBy(c => c.QueuedAt).Select(c => c.Id).FirstAsync();
        await Engine.ResolveAsync(ahead, "Handled by phone.", RoutingActor.ForSupervisor());
        var moved = await stream.NextAsync((name, data) => name == "status" && data.GetProperty("queuePosition").ValueKind == JsonValueKind.Number
            && data.GetProperty("queuePosition").GetInt32() < before);

        // Assert
        Assert.Equal(before - 1, moved.Data.GetProperty("queuePosition").GetInt32());
        Assert.False(string.IsNullOrEmpty(moved.Data.GetProperty("team").GetString()));
    }

    private async Task<(long CaseId, AgentState Agent)> TakeAsync(Guid conversationId)
    {
        long caseId;
        await using (var db = Factory.CreateDbContext())
            caseId = await db.Cases.Where(c => c.ConversationId == conversationId).Select(c => c.Id).SingleAsync();
        var snapshot = await Engine.SnapshotAsync();
        if (snapshot.Cases.Single(c => c.Id == caseId) is { Status: CaseStatus.Offered, Holder: { } holder })
        {
            var offered = snapshot.Agents.Single(a => a.Id == holder);
            await Engine.AcceptOfferAsync(caseId, RoutingActor.ForAgent(offered.Id, offered.TeamId, offered.Name));
            return (caseId, offered);
        }
        var agent = snapshot.Agents.First(a => a.Presence == AgentConsole.Core.Routing.Presence.Available);
        await Engine.ReassignAsync(caseId, agent.Id, "Taking this one.", overrideCapacity: true, RoutingActor.ForSupervisor());
        return (caseId, agent);
    }
}
