using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>
/// A restart is a new engine on the same SQLite file: the queue, the offers, the assignments and
/// the deadlines come back from the store, and the deadlines fire when they would have without it.
/// </summary>
public sealed class RestartTests
{
    private static readonly TimeSpan JustBefore = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task RestoresTheSameQueueHoldersAndDeadlinesAfterARestart()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var world = await RestartWorld.ArrangeAsync(h);
        var before = await h.Engine.SnapshotAsync();

        // Act
        await h.RestartAsync();
        var after = await h.Engine.SnapshotAsync();

        // Assert
        Assert.Equal([world.QueuedHigh, world.QueuedNormal, world.QueuedSecurity, world.QueuedTechnicalLow], after.QueueOrder);
        Assert.Equal(before.QueueOrder, after.QueueOrder);
        Assert.Equal(before.Cases.Select(CaseView), after.Cases.Select(CaseView));
        Assert.Equal(before.Agents.Select(AgentView), after.Agents.Select(AgentView));

        var offered = after.Cases.Single(c => c.Id == world.Offered);
        Assert.Equal((CaseStatus.Offered, world.Ana.Id, world.OfferExpiresAt), (offered.Status, offered.Holder, offered.OfferExpiresAt));
        var assigned = after.Cases.Single(c => c.Id == world.Assigned);
        Assert.Equal((CaseStatus.Assigned, world.Ben.Id, world.ReplyDueAt), (assigned.Status, assigned.Holder, assigned.FirstReplyDueAt));
        var held = after.Cases.Single(c => c.Id == world.Held);
        Assert.Equal((CaseStatus.Assigned, world.Cleo.Id, (DateTime?)null), (held.Status, held.Holder, held.FirstReplyDueAt));
        var cleo = after.Agents.Single(a => a.Id == world.Cleo.Id);
        Assert.Equal((Presence.Away, world.HoldEndsAt - TimeSpan.FromMinutes(h.Options.HoldMinutes)), (cleo.Presence, cleo.UnavailableSince));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task OfferTimesOutAtItsOriginalExpiryAfterARestartAndNotBefore()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var world = await RestartWorld.ArrangeAsync(h);
        await h.RestartAsync();
        await world.ReconnectAvailableAgentsAsync();
        await h.AdvanceAsync(world.OfferExpiresAt - JustBefore - h.Now);
        Assert.Equal(CaseStatus.Offered, (await h.CaseAsync(world.Offered)).Status);
        Assert.Empty(h.EventsOf<OfferWithdrawn>());

        // Act
        await h.AdvanceAsync(JustBefore);

        // Assert
        var withdrawn = Assert.Single(h.EventsOf<OfferWithdrawn>());
        Assert.Equal((world.Offered, world.Ana.Id, CaseEventReason.TimedOut, world.OfferExpiresAt), (withdrawn.CaseId, withdrawn.AgentId, withdrawn.Reason, withdrawn.At));
        var stored = await h.CaseAsync(world.Offered);
        Assert.Equal(CaseStatus.Queued, stored.Status);
        Assert.Contains(world.Ana.Id, stored.ExcludedAgentIds);
        Assert.Contains(stored.Events, e => e.Type == CaseEventType.TimedOut && e.At == world.OfferExpiresAt);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task HoldOfAnAwayAgentExpiresAtItsOriginalEndAfterARestartAndNotBefore()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var world = await RestartWorld.ArrangeAsync(h);
        await h.RestartAsync();
        await world.ReconnectAvailableAgentsAsync();
        await h.AdvanceAsync(world.HoldEndsAt - JustBefore - h.Now);
        var stillHeld = await h.CaseAsync(world.Held);
        Assert.Equal((CaseStatus.Assigned, world.Cleo.Id), (stillHeld.Status, stillHeld.HolderId));
        Assert.DoesNotContain(h.EventsOf<CaseReassigned>(), e => e.Case.CaseId == world.Held);

        // Act
        await h.AdvanceAsync(JustBefore);

        // Assert
        var released = Assert.Single(h.EventsOf<CaseReassigned>(), e => e.Case.CaseId == world.Held);
        Assert.Equal((world.Cleo.Id, (Guid?)null, CaseEventReason.HoldExpired, world.HoldEndsAt), (released.FromAgentId, released.ToAgentId, released.Reason, released.At));
        var stored = await h.CaseAsync(world.Held);
        Assert.Equal(CaseStatus.Queued, stored.Status);
        Assert.Contains(stored.Events, e => e.Type == CaseEventType.HoldExpired && e.At == world.HoldEndsAt);
        Assert.Equal(0, (await h.Engine.SnapshotAsync()).Agents.Single(a => a.Id == world.Cleo.Id).Load);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task MissedFirstReplyIsReclaimedAtItsOriginalDeadlineAfterARestartAndNotBefore()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var world = await RestartWorld.ArrangeAsync(h);
        await h.RestartAsync();
        await world.ReconnectAvailableAgentsAsync();
        await h.AdvanceAsync(world.ReplyDueAt - JustBefore - h.Now);
        var stillAssigned = await h.CaseAsync(world.Assigned);
        Assert.Equal((CaseStatus.Assigned, world.Ben.Id), (stillAssigned.Status, stillAssigned.HolderId));
        Assert.Empty(h.EventsOf<LeadAlert>());

        // Act
        await h.AdvanceAsync(JustBefore);

        // Assert
        var reclaimed = Assert.Single(h.EventsOf<CaseReassigned>(), e => e.Case.CaseId == world.Assigned);
        Assert.Equal((world.Ben.Id, (Guid?)null, CaseEventReason.Reclaimed, world.ReplyDueAt), (reclaimed.FromAgentId, reclaimed.ToAgentId, reclaimed.Reason, reclaimed.At));
        var alert = Assert.Single(h.EventsOf<LeadAlert>());
        Assert.Equal((world.Assigned, world.ReplyDueAt), (alert.Case.CaseId, alert.At));
        var stored = await h.CaseAsync(world.Assigned);
        Assert.Equal(CaseStatus.Queued, stored.Status);
        Assert.Contains(world.Ben.Id, stored.ExcludedAgentIds);
        Assert.Contains(stored.Events, e => e.Type == CaseEventType.Reclaimed && e.At == world.ReplyDueAt);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RoutesCasesOpenedWhileTheEngineWasStoppedWhenItStarts()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, capacity: 2, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.StopAsync();
        var billing = await h.OpenCaseAsync(route: false);
        var security = await h.OpenCaseAsync(IssueCategory.Security, Skill.Security, route: false);
        h.ClearEvents();

        // Act
        await h.StartAsync();

        // Assert
        var offer = Assert.Single(h.EventsOf<CaseOffered>());
        Assert.Equal((billing, ana.Id), (offer.Case.CaseId, offer.AgentId));
        Assert.Equal(CaseStatus.Offered, (await h.CaseAsync(billing)).Status);
        var waiting = await h.CaseAsync(security);
        Assert.Equal(CaseStatus.Queued, waiting.Status);
        Assert.Equal([security], (await h.Engine.SnapshotAsync()).QueueOrder);
        Assert.Contains(waiting.Events, e => e.Type == CaseEventType.Routed);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task AgentWhoDoesNotReconnectAfterARestartBecomesAwayAfterTheGraceButOneWhoReconnectsStaysAvailable()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var gone = await h.AgentAsync("Gone", team, skills: (Skill.Billing, 5));
        var back = await h.AgentAsync("Back", team, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(gone.Id);
        await h.Engine.ConnectionOpenedAsync(back.Id);
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.All((await h.Engine.SnapshotAsync()).Agents, a => Assert.Equal(Presence.Available, a.Presence));
        await h.RestartAsync();
        var restartedAt = h.Now;
        await h.Engine.ConnectionOpenedAsync(back.Id);
        var grace = TimeSpan.FromSeconds(h.Options.PresenceGraceSeconds);
        await h.AdvanceAsync(grace - JustBefore);
        Assert.All((await h.Engine.SnapshotAsync()).Agents, a => Assert.Equal(Presence.Available, a.Presence));
        h.ClearEvents();

        // Act
        await h.AdvanceAsync(JustBefore);

        // Assert
        var agents = (await h.Engine.SnapshotAsync()).Agents;
        Assert.Equal(Presence.Away, agents.Single(a => a.Id == gone.Id).Presence);
        Assert.Equal(Presence.Available, agents.Single(a => a.Id == back.Id).Presence);
        var change = Assert.Single(h.EventsOf<PresenceChanged>());
        Assert.Equal((gone.Id, Presence.Away, true, restartedAt + grace), (change.AgentId, change.Presence, change.Automatic, change.At));
        var stored = await h.StoredAgentAsync(gone.Id);
        Assert.Equal((Presence.Away, true), (stored.Presence, stored.AwayForDisconnect));
        await h.AssertInvariantsAsync();
    }

    private static object CaseView(CaseState c) => (c.Id, c.Status, c.Holder, c.OfferExpiresAt, c.FirstReplyDueAt, c.CapacityOverride,
        string.Join(",", c.ExcludedAgents.Order()), c.TeamId, c.Card.Status, c.Card.AgentId, c.Card.AgentName, c.Card.QueuedAt, c.Card.BounceCount);

    // Connections are not stored: nobody is connected to a process that just started.
    private static object AgentView(AgentState a) => (a.Id, a.Presence, a.Load, a.Capacity, a.UnavailableSince, a.LastAssignedAt);

    /// <summary>
    /// Three agents of one team, one skill each so that routing is predictable: Ana has a pending
    /// Billing offer, Ben an accepted case waiting for its first reply, Cleo is Away with a case
    /// held for her; four cases wait in the queue, one of them for a skill nobody has.
    /// </summary>
    private sealed class RestartWorld
    {
        private EngineHarness _h = null!;

        public Agent Ana { get; private set; } = null!;
        public Agent Ben { get; private set; } = null!;
        public Agent Cleo { get; private set; } = null!;
        public long Held { get; private set; }
        public long Assigned { get; private set; }
        public long Offered { get; private set; }
        public long QueuedNormal { get; private set; }
        public long QueuedHigh { get; private set; }
        public long QueuedTechnicalLow { get; private set; }
        public long QueuedSecurity { get; private set; }
        public DateTime HoldEndsAt { get; private set; }
        public DateTime ReplyDueAt { get; private set; }
        public DateTime OfferExpiresAt { get; private set; }

        public static async Task<RestartWorld> ArrangeAsync(EngineHarness h)
        {
            var w = new RestartWorld { _h = h };
            var team = await h.TeamAsync("Support");
            w.Ana = await h.AgentAsync("Ana", team, capacity: 1, skills: (Skill.Billing, 5));
            w.Ben = await h.AgentAsync("Ben", team, capacity: 1, skills: (Skill.AccountManagement, 5));
            w.Cleo = await h.AgentAsync("Cleo", team, capacity: 2, skills: (Skill.Technical, 5));
            await h.SetLeadAsync(team, w.Ben);
            await h.StartAsync();
            foreach (var agent in new[] { w.Ana, w.Ben, w.Cleo }) await h.Engine.ConnectionOpenedAsync(agent.Id);

            // Cleo took a case, replied, then went Away: the case is held for her.
            w.Held = await h.OpenCaseAsync(IssueCategory.Technical, Skill.Technical);
            await h.Engine.AcceptOfferAsync(w.Held, EngineHarness.As(w.Cleo));
            await h.Engine.ReplyAsync(w.Held, "Looking into it now.", EngineHarness.As(w.Cleo));
            await h.AdvanceAsync(TimeSpan.FromMinutes(1));
            await h.Engine.SetPresenceAsync(w.Cleo.Id, Presence.Away, EngineHarness.As(w.Cleo));
            w.HoldEndsAt = h.Now + TimeSpan.FromMinutes(h.Options.HoldMinutes);

            // Ben accepted a case and has not replied yet.
            await h.AdvanceAsync(TimeSpan.FromMinutes(1));
            w.Assigned = await h.OpenCaseAsync(IssueCategory.AccountAccess, Skill.AccountManagement);
            await h.Engine.AcceptOfferAsync(w.Assigned, EngineHarness.As(w.Ben));
            w.ReplyDueAt = h.Now + h.Options.FirstReplyWindow(CasePriority.Normal)!.Value;

            // Ana has a pending offer, which fills her; the rest wait.
            await h.AdvanceAsync(TimeSpan.FromMinutes(1));
            w.Offered = await h.OpenCaseAsync();
            w.OfferExpiresAt = h.Now + h.Options.OfferTimeout;
            w.QueuedNormal = await h.OpenCaseAsync();
            await h.AdvanceAsync(TimeSpan.FromSeconds(2));
            w.QueuedSecurity = await h.OpenCaseAsync(IssueCategory.Security, Skill.Security);
            w.QueuedTechnicalLow = await h.OpenCaseAsync(IssueCategory.Technical, Skill.Technical, priority: CasePriority.Low);
            w.QueuedHigh = await h.OpenCaseAsync(priority: CasePriority.High);
            await h.AdvanceAsync(TimeSpan.FromSeconds(5));

            var snapshot = await h.Engine.SnapshotAsync();
            Assert.Equal(w.Ana.Id, snapshot.Cases.Single(c => c.Id == w.Offered).Holder);
            Assert.Equal(4, snapshot.QueueOrder.Count);
            return w;
        }

        /// <summary>Ana and Ben open their consoles again, so the presence grace does not make them Away.</summary>
        public async Task ReconnectAvailableAgentsAsync()
        {
            await _h.Engine.ConnectionOpenedAsync(Ana.Id);
            await _h.Engine.ConnectionOpenedAsync(Ben.Id);
        }
    }
}
