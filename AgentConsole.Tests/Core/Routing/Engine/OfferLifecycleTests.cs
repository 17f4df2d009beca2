using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>An offer from the moment it is made: accepted, declined, or left to time out.</summary>
public sealed class OfferLifecycleTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task ReroutesAnOfferNobodyAnswersWithinThirtySecondsToAnotherAgent()
    {
        // Arrange: Ana is first choice, Ben second.
        await using var h = await EngineHarness.CreateAsync();
        var (ana, ben) = await h.TwoBillingSpecialistsAsync();
        var caseId = await h.OpenCaseAsync();
        Assert.Equal(ana.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        h.ClearEvents();

        // Act
        await h.AdvanceAsync(TimeSpan.FromSeconds(29));
        var stillPending = h.EventsOf<OfferWithdrawn>().Count;
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(0, stillPending);
        var withdrawn = Assert.Single(h.EventsOf<OfferWithdrawn>());
        Assert.Equal((caseId, ana.Id, CaseEventReason.TimedOut), (withdrawn.CaseId, withdrawn.AgentId, withdrawn.Reason));
        var offered = Assert.Single(h.EventsOf<CaseOffered>());
        Assert.Equal(ben.Id, offered.AgentId);
        Assert.Equal(h.Now + TimeSpan.FromSeconds(30), offered.ExpiresAt);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(ben.Id, stored.OfferedAgentId);
        Assert.Equal(1, stored.BounceCount);
        Assert.Contains(ana.Id, stored.ExcludedAgentIds);
        var timedOut = Assert.Single(stored.Events, e => e.Type == CaseEventType.TimedOut);
        Assert.Equal((CaseEventReason.TimedOut, ana.Id.ToString()), (timedOut.Reason, timedOut.Detail));
        Assert.Equal(0, (await h.Engine.SnapshotAsync()).Agents.Single(a => a.Id == ana.Id).Load);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task NeverOffersTheCaseAgainToAnAgentWhoLetItTimeOut()
    {
        // Arrange: Ana times out, then Ben times out too.
        await using var h = await EngineHarness.CreateAsync();
        var (ana, ben) = await h.TwoBillingSpecialistsAsync();
        var caseId = await h.OpenCaseAsync();
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        h.ClearEvents();

        // Act
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        // Assert: both are free and have the skill, but the case waits.
        Assert.Empty(h.EventsOf<CaseOffered>());
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(CaseStatus.Queued, stored.Status);
        Assert.Equal(2, stored.Events.Count(e => e.Type == CaseEventType.TimedOut));
        var snapshot = await h.Engine.SnapshotAsync();
        Assert.Equal([caseId], snapshot.QueueOrder);
        Assert.Equal(new HashSet<Guid> { ana.Id, ben.Id }, snapshot.Cases.Single(c => c.Id == caseId).ExcludedAgents.ToHashSet());
        var explanation = JsonSerializer.Deserialize<RoutingExplanation>(stored.RoutingExplanation!, Json)!;
        Assert.All(explanation.Steps[0].Candidates, c => Assert.Equal(CandidateFilter.Excluded, c.DroppedBy));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task TimesOffersOutAfterTheConfiguredTimeout()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync(o => o.OfferTimeoutSeconds = 45);
        var (ana, ben) = await h.TwoBillingSpecialistsAsync();
        var caseId = await h.OpenCaseAsync();
        Assert.Equal(h.Now + TimeSpan.FromSeconds(45), Assert.Single(h.EventsOf<CaseOffered>()).ExpiresAt);

        // Act
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        var offeredAt30 = (await h.CaseAsync(caseId)).OfferedAgentId;
        await h.AdvanceAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.Equal(ana.Id, offeredAt30);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(ben.Id, stored.OfferedAgentId);
        var timedOut = Assert.Single(stored.Events, e => e.Type == CaseEventType.TimedOut);
        Assert.Equal((CaseEventReason.TimedOut, EngineHarness.Start.UtcDateTime.AddSeconds(45)), (timedOut.Reason, timedOut.At));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task ReroutesADeclinedCaseToAnotherAgentAndLogsTheReason()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var (ana, ben) = await h.TwoBillingSpecialistsAsync();
        var caseId = await h.OpenCaseAsync();
        h.ClearEvents();

        // Act
        await h.Engine.DeclineOfferAsync(caseId, "  Conflict of interest: my cousin's account  ", EngineHarness.As(ana));

        // Assert
        var withdrawn = Assert.Single(h.EventsOf<OfferWithdrawn>());
        Assert.Equal((ana.Id, CaseEventReason.Declined), (withdrawn.AgentId, withdrawn.Reason));
        Assert.Equal(ben.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        var stored = await h.CaseAsync(caseId);
        var declined = Assert.Single(stored.Events, e => e.Type == CaseEventType.Declined);
        Assert.Equal((CaseEventReason.Declined, "Conflict of interest: my cousin's account"), (declined.Reason, declined.Comment));
        Assert.Equal(ana.Id.ToString(), declined.ActorId);
        Assert.Contains(ana.Id, stored.ExcludedAgentIds);
        var explanation = JsonSerializer.Deserialize<RoutingExplanation>(stored.RoutingExplanation!, Json)!;
        var anaVerdict = explanation.Steps[0].Candidates.Single(c => c.AgentId == ana.Id);
        Assert.Equal(CandidateFilter.Excluded, anaVerdict.DroppedBy);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task DoesNotOfferADeclinedCaseBackToTheAgentWhoDeclinedItEvenWhenNobodyElseCanTakeIt()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        var caseId = await h.OpenCaseAsync();
        h.ClearEvents();

        // Act
        await h.Engine.DeclineOfferAsync(caseId, "Not my area", EngineHarness.As(ana));

        // Assert
        Assert.Empty(h.EventsOf<CaseOffered>());
        Assert.Equal(CaseStatus.Queued, (await h.CaseAsync(caseId)).Status);
        await h.AssertInvariantsAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task RefusesADeclineWithoutAReason(string reason)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var (ana, _) = await h.TwoBillingSpecialistsAsync();
        var caseId = await h.OpenCaseAsync();
        h.ClearEvents();

        // Act
        var error = await Assert.ThrowsAsync<DomainException>(() => h.Engine.DeclineOfferAsync(caseId, reason, EngineHarness.As(ana)));

        // Assert
        Assert.Contains("why", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(h.Events);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(CaseStatus.Offered, stored.Status);
        Assert.Equal(ana.Id, stored.OfferedAgentId);
        Assert.DoesNotContain(stored.Events, e => e.Type == CaseEventType.Declined);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RefusesASecondAcceptBecauseTheOfferIsNoLongerPending()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var (ana, _) = await h.TwoBillingSpecialistsAsync();
        var caseId = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        h.ClearEvents();

        // Act
        var error = await Assert.ThrowsAsync<OfferNotPendingException>(() => h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana)));

        // Assert
        Assert.Contains("no longer pending", error.Message);
        Assert.Equal(caseId, error.CaseId);
        Assert.Empty(h.Events);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(CaseStatus.Assigned, stored.Status);
        Assert.Single(stored.Events, e => e.Type == CaseEventType.Accepted);
        Assert.Equal(1, (await h.Engine.SnapshotAsync()).Agents.Single(a => a.Id == ana.Id).Load);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task AcceptsOnlyOnceWhenTheSameAgentAcceptsTwiceAtOnce()
    {
        // Arrange: a double click sends two accepts before the first completes.
        await using var h = await EngineHarness.CreateAsync();
        var (ana, _) = await h.TwoBillingSpecialistsAsync();
        var caseId = await h.OpenCaseAsync();
        h.ClearEvents();

        // Act
        var first = h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        var second = h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        var card = await first;

        // Assert
        Assert.Equal(CaseStatus.Assigned, card.Status);
        await Assert.ThrowsAsync<OfferNotPendingException>(() => second);
        Assert.Single(h.EventsOf<CaseAssigned>());
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RefusesAnAcceptFromAnAgentTheCaseWasNotOfferedTo()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var (ana, ben) = await h.TwoBillingSpecialistsAsync();
        var caseId = await h.OpenCaseAsync();
        h.ClearEvents();

        // Act
        await Assert.ThrowsAsync<OfferNotPendingException>(() => h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ben)));

        // Assert: still Ana's to answer.
        Assert.Empty(h.Events);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(CaseStatus.Offered, stored.Status);
        Assert.Equal(ana.Id, stored.OfferedAgentId);
        Assert.Equal(CaseStatus.Assigned, (await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana))).Status);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RefusesADeclineFromAnAgentTheCaseWasNotOfferedTo()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var (ana, ben) = await h.TwoBillingSpecialistsAsync();
        var caseId = await h.OpenCaseAsync();
        h.ClearEvents();

        // Act
        await Assert.ThrowsAsync<OfferNotPendingException>(() => h.Engine.DeclineOfferAsync(caseId, "Too busy", EngineHarness.As(ben)));

        // Assert
        Assert.Empty(h.Events);
        Assert.Equal(ana.Id, (await h.CaseAsync(caseId)).OfferedAgentId);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RefusesAnAcceptAfterTheOfferExpired()
    {
        // Arrange: Ana is the only agent, so after the timeout the case waits.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        var caseId = await h.OpenCaseAsync();
        await h.AdvanceAsync(TimeSpan.FromSeconds(31));
        h.ClearEvents();

        // Act
        await Assert.ThrowsAsync<OfferNotPendingException>(() => h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana)));

        // Assert
        Assert.Empty(h.EventsOf<CaseAssigned>());
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(CaseStatus.Queued, stored.Status);
        Assert.Null(stored.AssignedAgentId);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RefusesAnAcceptAtTheInstantTheOfferExpiresAndLeavesTheCaseWithTheNextAgent()
    {
        // Arrange: the accept is sent as the clock reaches the expiry, before anyone waited for the timeout.
        await using var h = await EngineHarness.CreateAsync();
        var (ana, ben) = await h.TwoBillingSpecialistsAsync();
        var caseId = await h.OpenCaseAsync();
        h.ClearEvents();

        // Act
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var accept = h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));

        // Assert
        await Assert.ThrowsAsync<OfferNotPendingException>(() => accept);
        await h.Engine.FlushAsync();
        Assert.Empty(h.EventsOf<CaseAssigned>());
        Assert.Equal(ben.Id, (await h.CaseAsync(caseId)).OfferedAgentId);
        await h.AssertInvariantsAsync();
    }
}
