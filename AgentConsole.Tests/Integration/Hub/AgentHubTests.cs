using System.Net;
using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration.Hub;

public sealed class AgentHubTests : HubTestBase
{
    private const string Escalating = "I was charged twice this month and I want a refund. Let me talk to a human agent now.";

    [Fact]
    public async Task AnAgentsClientReceivesTheOfferForAnEscalationPostedToTheApiAndAcceptsItThroughTheHub()
    {
        var clients = new Dictionary<string, HubClient>
        {
            [Marcus] = await ConnectAsync(Marcus),
            [Priya] = await ConnectAsync(Priya),
            [Lena] = await ConnectAsync(Lena),
            [Sam] = await ConnectAsync(Sam),
        };
        var ids = await AgentIdsAsync();

        using var response = await PostEventsAsync("conv-refund", Batch(CustomerMessage("e1", Escalating, 1)));
        var caseId = (await ReadJsonAsync(response)).GetProperty("escalation").GetProperty("id").GetInt64();

        var offers = await Task.WhenAll(clients.Values.Select(c => Catch(c.WaitForAsync("CaseOffered", e => CaseIdOf(e) == caseId, TimeSpan.FromSeconds(5)))));
        var offer = offers.First(o => o is not null)!.Value;
        var recipient = ids.Single(kv => kv.Value == offer.GetProperty("agentId").GetGuid()).Key;
        Assert.Contains(recipient, new[] { Marcus, Priya });
        Assert.Equal("conv-refund", offer.GetProperty("case").GetProperty("conversationExternalId").GetString());
        Assert.Equal("Billing", offer.GetProperty("case").GetProperty("category").GetString());

        var card = await clients[recipient].Connection.InvokeAsync<JsonElement>("AcceptOffer", caseId);
        Assert.Equal("Assigned", card.GetProperty("status").GetString());
        var again = await Assert.ThrowsAsync<HubException>(() => clients[recipient].Connection.InvokeAsync<JsonElement>("AcceptOffer", caseId));
        Assert.Contains("no longer pending", again.Message);
        await clients[recipient].WaitForAsync("CaseAssigned", e => CaseIdOf(e) == caseId);

        // Only the recipient and, through the team group, their team's lead may hear of the offer;
        // and each event reaches a connection once, a lead's own offers included.
        var offeredBeforeMarker = new Dictionary<string, int>();
        foreach (var (email, client) in clients)
            offeredBeforeMarker[email] = (await ReceivedBeforeMarkerAsync(client, ids[email])).Count(e => e.Name == "CaseOffered" && CaseIdOf(e.Body) == caseId);
        Assert.Equal(1, offeredBeforeMarker[recipient]);
        var mayHear = recipient == Priya ? new[] { Priya, Marcus } : [Marcus];
        foreach (var email in clients.Keys.Where(e => !mayHear.Contains(e)))
            Assert.True(offeredBeforeMarker[email] == 0, $"{email} heard of the offer to {recipient}.");
        await using var db = Factory.CreateDbContext();
        var stored = await db.Cases.SingleAsync(c => c.Id == caseId);
        Assert.Equal(ids[recipient], stored.AssignedAgentId);
    }

    [Fact]
    public async Task WhenTheCustomerWritesAgainTheAgentHoldingTheCaseHearsOfItAndOtherAgentsDoNot()
    {
        // Arrange: a case assigned to whoever it was offered to.
        var ids = await AgentIdsAsync();
        using var first = await PostEventsAsync("conv-again", Batch(CustomerMessage("e1", Escalating, 1)));
        var caseId = (await ReadJsonAsync(first)).GetProperty("escalation").GetProperty("id").GetInt64();
        await Engine.FlushAsync();
        var holder = (await Engine.SnapshotAsync()).Cases.Single(c => c.Id == caseId).Holder!.Value;
        var holderEmail = ids.Single(kv => kv.Value == holder).Key;
        await using var agent = await ConnectAsync(holderEmail);
        await agent.Connection.InvokeAsync<JsonElement>("AcceptOffer", caseId);
        await using var other = await ConnectAsync(Sam);

        // Act: the customer adds to the conversation.
        using var again = await PostEventsAsync("conv-again", Batch(CustomerMessage("e2", "Also the second invoice is wrong.", 2)));
        again.EnsureSuccessStatusCode();

        // Assert
        var activity = await agent.WaitForAsync(nameof(CaseActivity), e => e.GetProperty("caseId").GetInt64() == caseId);
        Assert.Equal("Conversation", activity.GetProperty("kind").GetString());
        Assert.DoesNotContain(await ReceivedBeforeMarkerAsync(other, ids[Sam]), e => e.Name == nameof(CaseActivity));
    }

    [Fact]
    public async Task AnotherAgentCannotAcceptAnOfferMadeToSomeoneElse()
    {
        var marcus = await ConnectAsync(Marcus);
        var priya = await ConnectAsync(Priya);
        using var response = await PostEventsAsync("conv-refund", Batch(CustomerMessage("e1", Escalating, 1)));
        var caseId = (await ReadJsonAsync(response)).GetProperty("escalation").GetProperty("id").GetInt64();
        await Engine.FlushAsync();
        var state = (await Engine.SnapshotAsync()).Cases.Single(c => c.Id == caseId);
        var ids = await AgentIdsAsync();
        var other = state.Holder == ids[Marcus] ? priya : marcus;

        var refused = await Assert.ThrowsAsync<HubException>(() => other.Connection.InvokeAsync<JsonElement>("AcceptOffer", caseId));

        Assert.Contains("no longer pending", refused.Message);
        Assert.Equal(CaseStatus.Offered, (await Engine.SnapshotAsync()).Cases.Single(c => c.Id == caseId).Status);
    }

    [Fact]
    public async Task TwoConnectionsOfOneAgentAcceptingTheSameOfferAtOnceHaveOneEffect()
    {
        var first = await ConnectAsync(Marcus);
        var second = await ConnectAsync(Marcus);
        var ids = await AgentIdsAsync();
        // Only Marcus may take billing work for this test.
        await Engine.SetPresenceAsync(ids[Priya], Presence.Offline, RoutingActor.ForSupervisor());
        using var response = await PostEventsAsync("conv-refund", Batch(CustomerMessage("e1", Escalating, 1)));
        var caseId = (await ReadJsonAsync(response)).GetProperty("escalation").GetProperty("id").GetInt64();
        await first.WaitForAsync("CaseOffered", e => CaseIdOf(e) == caseId);

        var results = await Task.WhenAll(
            Catch(first.Connection.InvokeAsync<JsonElement>("AcceptOffer", caseId)),
            Catch(second.Connection.InvokeAsync<JsonElement>("AcceptOffer", caseId)));

        Assert.Single(results, r => r is not null);
        await using var db = Factory.CreateDbContext();
        Assert.Equal(1, await db.CaseEvents.CountAsync(e => e.CaseId == caseId && e.Type == CaseEventType.Accepted));
    }

    [Fact]
    public async Task DecliningThroughTheHubNeedsAReasonAndSendsTheCaseToSomeoneElse()
    {
        var marcus = await ConnectAsync(Marcus);
        var priya = await ConnectAsync(Priya);
        var ids = await AgentIdsAsync();
        // A billing question, not a dispute: the frontline may take it too.
        using var response = await PostEventsAsync("conv-invoice", Batch(CustomerMessage("e1", "The amount on my invoice is wrong. Can I talk to a person please?", 1)));
        var caseId = (await ReadJsonAsync(response)).GetProperty("escalation").GetProperty("id").GetInt64();
        await Engine.FlushAsync();
        var holder = (await Engine.SnapshotAsync()).Cases.Single(c => c.Id == caseId).Holder;
        var (declining, other) = holder == ids[Marcus] ? (marcus, ids[Priya]) : (priya, ids[Marcus]);

        await Assert.ThrowsAsync<HubException>(() => declining.Connection.InvokeAsync("DeclineOffer", caseId, " "));
        await declining.Connection.InvokeAsync("DeclineOffer", caseId, "Not my area");

        var withdrawn = await declining.WaitForAsync("OfferWithdrawn", e => e.GetProperty("caseId").GetInt64() == caseId);
        var after = (await Engine.SnapshotAsync()).Cases.Single(c => c.Id == caseId);
        Assert.Equal("Declined", withdrawn.GetProperty("reason").GetString());
        Assert.Equal(other, after.Holder);
        Assert.Contains(holder!.Value, after.ExcludedAgents);
    }

    [Fact]
    public async Task SetPresenceChangesTheAgentsPresenceAndRejectsUnknownValues()
    {
        var priya = await ConnectAsync(Priya);
        var ids = await AgentIdsAsync();

        await priya.Connection.InvokeAsync("SetPresence", "InMeeting");
        var bad = await Assert.ThrowsAsync<HubException>(() => priya.Connection.InvokeAsync("SetPresence", "Sleeping"));

        Assert.Contains("Unknown presence", bad.Message);
        var changed = await priya.WaitForAsync("PresenceChanged", e => e.GetProperty("presence").GetString() == "InMeeting");
        Assert.Equal(ids[Priya], changed.GetProperty("agentId").GetGuid());
        await using var db = Factory.CreateDbContext();
        Assert.Equal(Presence.InMeeting, (await db.Agents.SingleAsync(a => a.Id == ids[Priya])).Presence);
    }

    [Fact]
    public async Task AnAgentWhoseConnectionDropsBecomesAwayAfterTheGraceAndComesBackOnReconnect()
    {
        var ids = await AgentIdsAsync();
        var priya = await ConnectAsync(Priya);
        // The hub tells the engine about a connection just after the handshake that the client waits for.
        await WaitUntilAsync(async () => (await Engine.SnapshotAsync()).Agents.Single(a => a.Id == ids[Priya]).Connections == 1);
        await priya.Connection.StopAsync();
        await WaitUntilAsync(async () => (await Engine.SnapshotAsync()).Agents.Single(a => a.Id == ids[Priya]).Connections == 0);

        await AdvanceAsync(TimeSpan.FromSeconds(61));

        Assert.Equal(Presence.Away, (await Engine.SnapshotAsync()).Agents.Single(a => a.Id == ids[Priya]).Presence);
        await ConnectAsync(Priya);
        await WaitUntilAsync(async () => (await Engine.SnapshotAsync()).Agents.Single(a => a.Id == ids[Priya]).Connections == 1);
        Assert.Equal(Presence.Available, (await Engine.SnapshotAsync()).Agents.Single(a => a.Id == ids[Priya]).Presence);
    }

    [Fact]
    public async Task TeamLeadsHearTheirTeamsOffersAndSupervisorsHearEverything()
    {
        var supervisor = await ConnectAsync(role: "Supervisor");
        var lena = await ConnectAsync(Lena);     // leads Technical Support
        var marcus = await ConnectAsync(Marcus); // leads Billing & Accounts
        await ConnectAsync(Priya);

        using var response = await PostEventsAsync("conv-refund", Batch(CustomerMessage("e1", Escalating, 1)));
        var caseId = (await ReadJsonAsync(response)).GetProperty("escalation").GetProperty("id").GetInt64();

        await supervisor.WaitForAsync("CaseOffered", e => CaseIdOf(e) == caseId);
        await marcus.WaitForAsync("CaseOffered", e => CaseIdOf(e) == caseId);
        var lenaHeard = await ReceivedBeforeMarkerAsync(lena, (await AgentIdsAsync())[Lena]);
        Assert.DoesNotContain(lenaHeard, e => e.Name == "CaseOffered" && CaseIdOf(e.Body) == caseId);
    }

    [Fact]
    public async Task TheHubRefusesAnonymousConnectionsAndBadTokens()
    {
        var anonymous = new HubConnectionBuilder().WithUrl(new Uri(BaseAddress, "/hubs/agents")).Build();
        var forged = new HubConnectionBuilder().WithUrl(new Uri(BaseAddress, "/hubs/agents"),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>("not-a-token")).Build();

        var noToken = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        var badToken = await Assert.ThrowsAsync<HttpRequestException>(() => forged.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
        await anonymous.DisposeAsync();
        await forged.DisposeAsync();
    }

    private async Task<Dictionary<string, Guid>> AgentIdsAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.Agents.ToDictionaryAsync(a => a.Email, a => a.Id);
    }

    private async Task AdvanceAsync(TimeSpan by)
    {
        Factory.Clock.Advance(by);
        await Engine.FlushAsync();
        await Engine.FlushAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition never held.");
            await Task.Delay(20);
        }
    }

    private static async Task<JsonElement?> Catch(Task<JsonElement> task)
    {
        try { return await task; }
        catch (Exception e) when (e is TimeoutException or HubException) { return null; }
    }
}
