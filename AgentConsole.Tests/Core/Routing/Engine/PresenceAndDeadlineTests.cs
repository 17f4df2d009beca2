using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>
/// Presence driven by live connections (grace, hold, reconnect) and the first-reply deadline.
/// The engine starts with every agent disconnected, so each test opens a connection for the
/// agents it does not want to go Away.
/// </summary>
public sealed class PresenceAndDeadlineTests
{
    [Fact]
    public async Task MarksAnAgentAwayWhenTheirLastConnectionStaysClosedForTheGracePeriod()
    {
        // Arrange: two tabs open; closing one leaves the agent connected.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.ConnectionClosedAsync(ana.Id);
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        var afterOneTabClosed = (await h.StoredAgentAsync(ana.Id)).Presence;
        await h.Engine.ConnectionClosedAsync(ana.Id);
        h.ClearEvents();

        // Act
        await h.AdvanceAsync(TimeSpan.FromSeconds(h.Options.PresenceGraceSeconds - 1));
        var withinGrace = (await h.StoredAgentAsync(ana.Id)).Presence;
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(Presence.Available, afterOneTabClosed);
        Assert.Equal(Presence.Available, withinGrace);
        var stored = await h.StoredAgentAsync(ana.Id);
        Assert.Equal(Presence.Away, stored.Presence);
        Assert.True(stored.AwayForDisconnect);
        Assert.Equal(h.Now, stored.UnavailableSince);
        var changed = Assert.Single(h.EventsOf<PresenceChanged>());
        Assert.Equal((ana.Id, Presence.Away, true, false), (changed.AgentId, changed.Presence, changed.Automatic, changed.Connected));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task MarksAgentsWhoNeverConnectAfterAStartAway()
    {
        // Arrange: Ana connects to the new process, Ben does not.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        var ben = await h.AgentAsync("Ben", team);
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);

        // Act
        await h.AdvanceAsync(TimeSpan.FromSeconds(h.Options.PresenceGraceSeconds));

        // Assert
        Assert.Equal(Presence.Available, (await h.StoredAgentAsync(ana.Id)).Presence);
        Assert.Equal(Presence.Away, (await h.StoredAgentAsync(ben.Id)).Presence);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task ReroutesThePendingOffersOfAnAgentWhoWentAwayForADroppedConnection()
    {
        // Arrange: offers outlast the grace, so only going Away can take this one back.
        await using var h = await EngineHarness.CreateAsync(o => o.OfferTimeoutSeconds = 300);
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        var ben = await h.AgentAsync("Ben", team, skills: (Skill.Billing, 3));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.ConnectionOpenedAsync(ben.Id);
        var caseId = await h.OpenCaseAsync();
        Assert.Equal(ana.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        await h.Engine.ConnectionClosedAsync(ana.Id);
        h.ClearEvents();

        // Act
        await h.AdvanceAsync(TimeSpan.FromSeconds(h.Options.PresenceGraceSeconds));

        // Assert
        var withdrawn = Assert.Single(h.EventsOf<OfferWithdrawn>());
        Assert.Equal((caseId, ana.Id, CaseEventReason.AgentUnavailable), (withdrawn.CaseId, withdrawn.AgentId, withdrawn.Reason));
        Assert.Equal(ben.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        Assert.Contains(h.EventsOf<PresenceChanged>(), e => e.AgentId == ana.Id && e.Presence == Presence.Away && e.Automatic);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(ben.Id, stored.OfferedAgentId);
        Assert.Single(stored.Events, e => e.Type == CaseEventType.Withdrawn);
        Assert.Equal(0, (await h.Engine.SnapshotAsync()).Agents.Single(a => a.Id == ana.Id).Load);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RequeuesAnAwayAgentsAssignedCasesWhenTheHoldRunsOut()
    {
        // Arrange: Ana holds a case she already replied on, then her connection drops for good.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        var ben = await h.AgentAsync("Ben", team, presence: Presence.Busy, skills: (Skill.Billing, 3));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.ConnectionOpenedAsync(ben.Id);
        var caseId = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        await h.Engine.ReplyAsync(caseId, "Looking into it now.", EngineHarness.As(ana));
        await h.Engine.ConnectionClosedAsync(ana.Id);
        await h.AdvanceAsync(TimeSpan.FromSeconds(h.Options.PresenceGraceSeconds));
        Assert.Equal(Presence.Away, (await h.StoredAgentAsync(ana.Id)).Presence);
        await h.AdvanceAsync(TimeSpan.FromMinutes(h.Options.HoldMinutes) - TimeSpan.FromSeconds(1));
        var heldFor = (await h.CaseAsync(caseId)).AssignedAgentId;
        h.ClearEvents();

        // Act
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        // Assert: held until the hold ran out, then back in the queue (Ben is busy).
        Assert.Equal(ana.Id, heldFor);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(CaseStatus.Queued, stored.Status);
        Assert.Equal(1, stored.BounceCount);
        Assert.Single(stored.Events, e => e.Type == CaseEventType.HoldExpired);
        Assert.DoesNotContain(ana.Id, stored.ExcludedAgentIds);
        var reassigned = Assert.Single(h.EventsOf<CaseReassigned>());
        Assert.Equal((ana.Id, (Guid?)null, CaseEventReason.HoldExpired), (reassigned.FromAgentId, reassigned.ToAgentId, reassigned.Reason));
        var snapshot = await h.Engine.SnapshotAsync();
        Assert.Equal([caseId], snapshot.QueueOrder);
        Assert.Equal(0, snapshot.Agents.Single(a => a.Id == ana.Id).Load);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task ReroutesAnAwayAgentsAssignedCaseToAnotherAgentWhenTheHoldRunsOut()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        var ben = await h.AgentAsync("Ben", team, skills: (Skill.Billing, 3));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.ConnectionOpenedAsync(ben.Id);
        var caseId = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        await h.Engine.ReplyAsync(caseId, "Looking into it now.", EngineHarness.As(ana));
        await h.Engine.ConnectionClosedAsync(ana.Id);
        await h.AdvanceAsync(TimeSpan.FromSeconds(h.Options.PresenceGraceSeconds));
        h.ClearEvents();

        // Act
        await h.AdvanceAsync(TimeSpan.FromMinutes(h.Options.HoldMinutes));

        // Assert
        Assert.Equal(ben.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(ben.Id, stored.OfferedAgentId);
        Assert.Equal(1, stored.BounceCount);
        Assert.Single(stored.Events, e => e.Type == CaseEventType.HoldExpired);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task KeepsTheCasesOfAnAgentWhoReconnectsBeforeTheHoldRunsOutAndMakesThemAvailable()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        var ben = await h.AgentAsync("Ben", team, skills: (Skill.Billing, 3));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.ConnectionOpenedAsync(ben.Id);
        var caseId = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        await h.Engine.ReplyAsync(caseId, "Looking into it now.", EngineHarness.As(ana));
        await h.Engine.ConnectionClosedAsync(ana.Id);
        await h.AdvanceAsync(TimeSpan.FromSeconds(h.Options.PresenceGraceSeconds));
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        h.ClearEvents();

        // Act
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.AdvanceAsync(TimeSpan.FromMinutes(h.Options.HoldMinutes));

        // Assert
        var stored = await h.StoredAgentAsync(ana.Id);
        Assert.Equal(Presence.Available, stored.Presence);
        Assert.False(stored.AwayForDisconnect);
        Assert.Null(stored.UnavailableSince);
        Assert.Contains(h.EventsOf<PresenceChanged>(), e => e.AgentId == ana.Id && e.Presence == Presence.Available);
        Assert.Empty(h.EventsOf<CaseReassigned>());
        var @case = await h.CaseAsync(caseId);
        Assert.Equal(CaseStatus.Assigned, @case.Status);
        Assert.Equal(ana.Id, @case.AssignedAgentId);
        Assert.Equal(0, @case.BounceCount);
        Assert.DoesNotContain(@case.Events, e => e.Type == CaseEventType.HoldExpired);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task KeepsConnectedAgentsAvailableAfterAFailedCommandMadeTheEngineRebuildItsState()
    {
        // Arrange: storing Ana's accept fails, so the engine rebuilds its memory from the store.
        // Her console stays connected throughout: a rebuild is not a lost connection.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        var ben = await h.AgentAsync("Ben", team, skills: (Skill.Billing, 3));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.ConnectionOpenedAsync(ben.Id);
        var caseId = await h.OpenCaseAsync();
        await h.FailWritesAsync("fail_accept", "UPDATE", "Cases", "NEW.\"Status\" = 'Assigned'", "injected");
        await Assert.ThrowsAnyAsync<Exception>(() => h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana)));
        await h.StopFailingAsync("fail_accept", "Cases");

        // Act
        await h.AdvanceAsync(TimeSpan.FromSeconds(h.Options.PresenceGraceSeconds));

        // Assert
        Assert.Equal(Presence.Available, (await h.StoredAgentAsync(ana.Id)).Presence);
        Assert.Equal(Presence.Available, (await h.StoredAgentAsync(ben.Id)).Presence);
        Assert.Equal(1, (await h.Engine.SnapshotAsync()).Agents.Single(a => a.Id == ana.Id).Connections);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task HoldsACaseGivenToAnAgentWhoIsAlreadyAwayForAFullHoldFromTheAssignment()
    {
        // Arrange: Ana has been away longer than a hold when a supervisor gives her a case.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        var ben = await h.AgentAsync("Ben", team, skills: (Skill.Billing, 3));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ben.Id);
        await h.Engine.SetPresenceAsync(ana.Id, Presence.Away, EngineHarness.As(ana));
        await h.AdvanceAsync(TimeSpan.FromMinutes(h.Options.HoldMinutes + 1));
        var caseId = await h.OpenCaseAsync();
        await h.Engine.ReassignAsync(caseId, ana.Id, "Ana knows this customer", overrideCapacity: false, RoutingActor.ForSupervisor());

        // Act
        await h.AdvanceAsync(TimeSpan.FromMinutes(h.Options.HoldMinutes) - TimeSpan.FromSeconds(1));
        var during = (await h.Engine.SnapshotAsync()).Cases.Single(c => c.Id == caseId).Holder;
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(ana.Id, during);
        var stored = await h.CaseAsync(caseId);
        Assert.Contains(stored.Events, e => e.Type == CaseEventType.HoldExpired);
        Assert.Equal(ben.Id, stored.HolderId);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task OffersAnAgentWhoseOfferTimedOutTheNextQueuedCaseTheyCanTake()
    {
        // Arrange: Ana, the only agent, can hold one case; the second case waits.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, capacity: 1, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        var first = await h.OpenCaseAsync();
        var second = await h.OpenCaseAsync();

        // Act
        await h.AdvanceAsync(h.Options.OfferTimeout);

        // Assert: the first case is never offered to her again; the second one is.
        var snapshot = await h.Engine.SnapshotAsync();
        Assert.Equal(CaseStatus.Queued, snapshot.Cases.Single(c => c.Id == first).Status);
        Assert.Equal(ana.Id, snapshot.Cases.Single(c => c.Id == second).Holder);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RestoresThePresenceAnAgentHadChosenWhenTheyReconnect()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.SetPresenceAsync(ana.Id, Presence.Busy, EngineHarness.As(ana));
        await h.Engine.ConnectionClosedAsync(ana.Id);
        await h.AdvanceAsync(TimeSpan.FromSeconds(h.Options.PresenceGraceSeconds));
        Assert.Equal(Presence.Away, (await h.StoredAgentAsync(ana.Id)).Presence);

        // Act
        await h.Engine.ConnectionOpenedAsync(ana.Id);

        // Assert
        var stored = await h.StoredAgentAsync(ana.Id);
        Assert.Equal(Presence.Busy, stored.Presence);
        Assert.Null(stored.PresenceBeforeAway);
        Assert.False(stored.AwayForDisconnect);
    }

    [Fact]
    public async Task AnAgentALeadSetsAvailableWithoutAConnectionBecomesAwayAfterTheGrace()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, presence: Presence.Offline);
        await h.StartAsync();

        // Act
        await h.Engine.SetPresenceAsync(ana.Id, Presence.Available, RoutingActor.ForSupervisor());
        await h.AdvanceAsync(TimeSpan.FromSeconds(h.Options.PresenceGraceSeconds - 1));
        var during = (await h.StoredAgentAsync(ana.Id)).Presence;
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(Presence.Available, during);
        Assert.Equal(Presence.Away, (await h.StoredAgentAsync(ana.Id)).Presence);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task LeavesAnAgentAwayOnReconnectWhenTheyChoseAwayThemselves()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.SetPresenceAsync(ana.Id, Presence.Away, EngineHarness.As(ana));
        await h.Engine.ConnectionClosedAsync(ana.Id);
        await h.AdvanceAsync(TimeSpan.FromSeconds(h.Options.PresenceGraceSeconds));

        // Act
        await h.Engine.ConnectionOpenedAsync(ana.Id);

        // Assert
        var stored = await h.StoredAgentAsync(ana.Id);
        Assert.Equal(Presence.Away, stored.Presence);
        Assert.False(stored.AwayForDisconnect);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task ReclaimsACaseWhoseAgentDoesNotReplyInTimeAndAlertsTheTeamLead()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        var ben = await h.AgentAsync("Ben", team, skills: (Skill.Billing, 3));
        var lee = await h.AgentAsync("Lee", team, AgentTier.Senior, presence: Presence.Busy, skills: (Skill.Retention, 5));
        await h.SetLeadAsync(team, lee);
        await h.StartAsync();
        foreach (var agent in new[] { ana, ben, lee }) await h.Engine.ConnectionOpenedAsync(agent.Id);
        var caseId = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        Assert.Equal(h.Now + TimeSpan.FromMinutes(h.Options.FirstReplyMinutes), (await h.CaseAsync(caseId)).FirstReplyDueAt);
        await h.AdvanceAsync(TimeSpan.FromMinutes(h.Options.FirstReplyMinutes) - TimeSpan.FromSeconds(1));
        var beforeDeadline = (await h.CaseAsync(caseId)).AssignedAgentId;
        h.ClearEvents();

        // Act
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(ana.Id, beforeDeadline);
        var stored = await h.CaseAsync(caseId);
        Assert.Single(stored.Events, e => e.Type == CaseEventType.Reclaimed);
        Assert.Equal(1, stored.BounceCount);
        Assert.Contains(ana.Id, stored.ExcludedAgentIds);
        Assert.Equal(ben.Id, stored.OfferedAgentId);
        Assert.Equal(ben.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        var reassigned = Assert.Single(h.EventsOf<CaseReassigned>());
        Assert.Equal((ana.Id, CaseEventReason.Reclaimed), (reassigned.FromAgentId, reassigned.Reason));
        var alert = Assert.Single(h.EventsOf<LeadAlert>());
        Assert.Equal((team.Id, (Guid?)lee.Id, caseId), (alert.TeamId, alert.LeadAgentId, alert.Case.CaseId));
        Assert.Contains("Ana did not reply within 10 min", alert.Message);
        var alerted = Assert.Single(stored.Events, e => e.Type == CaseEventType.LeadAlerted);
        Assert.Contains(lee.Id.ToString(), alerted.Detail);
        Assert.Equal(0, (await h.Engine.SnapshotAsync()).Agents.Single(a => a.Id == ana.Id).Load);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task ReclaimsAnUrgentCaseAfterTheShorterUrgentFirstReplyWindow()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        var ben = await h.AgentAsync("Ben", team, skills: (Skill.Billing, 3));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.ConnectionOpenedAsync(ben.Id);
        var caseId = await h.OpenCaseAsync(priority: CasePriority.Urgent);
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        h.ClearEvents();

        // Act
        await h.AdvanceAsync(TimeSpan.FromMinutes(h.Options.UrgentFirstReplyMinutes));

        // Assert
        var stored = await h.CaseAsync(caseId);
        Assert.Single(stored.Events, e => e.Type == CaseEventType.Reclaimed);
        Assert.Equal(ben.Id, stored.OfferedAgentId);
        Assert.Contains("within 3 min", Assert.Single(h.EventsOf<LeadAlert>()).Message);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task QueuesAReclaimedCaseRatherThanGivingItBackToTheAgentWhoMissedTheDeadline()
    {
        // Arrange: Ana is the only one who can take it.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        var caseId = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        h.ClearEvents();

        // Act
        await h.AdvanceAsync(TimeSpan.FromMinutes(h.Options.FirstReplyMinutes));

        // Assert: no lead on the team, and the alert still goes to the team.
        Assert.Empty(h.EventsOf<CaseOffered>());
        Assert.Equal(CaseStatus.Queued, (await h.CaseAsync(caseId)).Status);
        Assert.Null(Assert.Single(h.EventsOf<LeadAlert>()).LeadAgentId);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task StopsTheFirstReplyDeadlineWhenTheAgentRepliesInTimeAndStoresTheReply()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        var ben = await h.AgentAsync("Ben", team, skills: (Skill.Billing, 3));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.ConnectionOpenedAsync(ben.Id);
        var caseId = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));

        // Act
        var messageId = await h.Engine.ReplyAsync(caseId, "  Hi, I can see the double charge and am refunding it.  ", EngineHarness.As(ana));
        var repliedAt = h.Now;
        await h.AdvanceAsync(TimeSpan.FromMinutes(h.Options.FirstReplyMinutes * 2));

        // Assert
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(CaseStatus.Assigned, stored.Status);
        Assert.Equal(ana.Id, stored.AssignedAgentId);
        Assert.Null(stored.FirstReplyDueAt);
        Assert.Equal(repliedAt, stored.FirstRepliedAt);
        Assert.DoesNotContain(stored.Events, e => e.Type == CaseEventType.Reclaimed);
        Assert.Single(stored.Events, e => e.Type == CaseEventType.Replied);
        Assert.Empty(h.EventsOf<LeadAlert>());
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var message = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == messageId);
        Assert.Equal((stored.ConversationId, MessageAuthor.Agent), (message.ConversationId, message.Author));
        Assert.Equal("Hi, I can see the double charge and am refunding it.", message.Text);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RefusesAReplyFromAnAgentWhoDoesNotHoldTheCase()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        var ben = await h.AgentAsync("Ben", team, skills: (Skill.Billing, 3));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.ConnectionOpenedAsync(ben.Id);
        var caseId = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));

        // Act
        await Assert.ThrowsAsync<RoutingForbiddenException>(() => h.Engine.ReplyAsync(caseId, "Hello from Ben", EngineHarness.As(ben)));

        // Assert
        var stored = await h.CaseAsync(caseId);
        Assert.NotNull(stored.FirstReplyDueAt);
        Assert.Null(stored.FirstRepliedAt);
        await using var db = await h.DbFactory.CreateDbContextAsync();
        Assert.False(await db.Messages.AnyAsync(m => m.ConversationId == stored.ConversationId && m.Author == MessageAuthor.Agent));
        await h.AssertInvariantsAsync();
    }
}
