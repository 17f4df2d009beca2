using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>
/// Work that adds to a case without moving it (a reply, new customer messages) is published as a
/// <see cref="CaseActivity"/> to the case's holder and team, so an open case view stays current.
/// </summary>
public sealed class CaseActivityTests
{
    [Fact]
    public async Task AReplyIsPublishedToTheHolderAndTheirTeam()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        h.ClearEvents();

        // Act
        await h.Engine.ReplyAsync(caseId, "Looking into it now.", EngineHarness.As(ana));

        // Assert
        var activity = Assert.IsType<CaseActivity>(Assert.Single(h.Events));
        Assert.Equal((caseId, CaseActivityKind.Reply, ana.Id, team.Id), (activity.CaseId, activity.Kind, activity.AgentId, activity.TeamId));
        Assert.Equal([ana.Id], activity.Audience.Agents);
        Assert.Equal([team.Id], activity.Audience.Teams);
    }

    [Fact]
    public async Task NewMessagesOnAnOpenCaseAreAnnouncedAndOnAClosedOneAreNot()
    {
        // Arrange: one case assigned to Ana, one queued, one resolved.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, capacity: 1);
        await h.StartAsync();
        var assigned = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(assigned, EngineHarness.As(ana));
        var queued = await h.OpenCaseAsync();
        var resolved = await h.OpenCaseAsync();
        await h.Engine.ResolveAsync(resolved, "Done.", RoutingActor.ForSupervisor());
        h.ClearEvents();

        // Act
        h.Engine.ConversationUpdated(assigned);
        h.Engine.ConversationUpdated(queued);
        h.Engine.ConversationUpdated(resolved);
        await h.Engine.FlushAsync();

        // Assert: the assigned case goes to Ana and her team; the queued one to no agent; the resolved one to nobody.
        var events = h.EventsOf<CaseActivity>();
        Assert.Equal([assigned, queued], events.Select(e => e.CaseId));
        Assert.All(events, e => Assert.Equal(CaseActivityKind.Conversation, e.Kind));
        Assert.Equal((ana.Id, team.Id), (events[0].AgentId, events[0].TeamId));
        Assert.Null(events[1].AgentId);
        Assert.Equal(CaseStatus.Queued, (await h.CaseAsync(queued)).Status);
    }
}
