using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>Moving cases by hand: a lead's reassignment, an agent's transfer, escalation to engineering, and resolving.</summary>
public sealed class ReassignTransferEngineeringTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task LetsALeadReassignACaseToAnotherAgentOfTheirTeamAndFreesThePreviousHolder()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var desk = await BillingDeskAsync(h);
        var caseId = await GiveCaseAsync(h, desk.Ana);
        h.ClearEvents();

        // Act
        var card = await h.Engine.ReassignAsync(caseId, desk.Ben.Id, "Ben knows this customer", overrideCapacity: false, EngineHarness.AsLead(desk.Lee));

        // Assert
        Assert.Equal((CaseStatus.Assigned, (Guid?)desk.Ben.Id), (card.Status, card.AgentId));
        var reassigned = Assert.Single(h.EventsOf<CaseReassigned>());
        Assert.Equal(((Guid?)desk.Ana.Id, (Guid?)desk.Ben.Id, "Ben knows this customer"), (reassigned.FromAgentId, reassigned.ToAgentId, reassigned.Note));
        var assigned = Assert.Single(h.EventsOf<CaseAssigned>());
        Assert.Equal((desk.Ben.Id, desk.Lee.Id.ToString()), (assigned.AgentId, assigned.ActorId));
        var snapshot = await h.Engine.SnapshotAsync();
        Assert.Equal(0, snapshot.Agents.Single(a => a.Id == desk.Ana.Id).Load);
        Assert.Equal(1, snapshot.Agents.Single(a => a.Id == desk.Ben.Id).Load);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(desk.Ben.Id, stored.AssignedAgentId);
        Assert.False(stored.CapacityOverride);
        Assert.Equal("Ben knows this customer", Assert.Single(stored.Events, e => e.Type == CaseEventType.Reassigned).Comment);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task LetsALeadSendACaseBackToTheQueueWithoutOfferingItBackToItsHolder()
    {
        // Arrange: Ben and Cara are busy, so nobody but Ana could take it.
        await using var h = await EngineHarness.CreateAsync();
        var desk = await BillingDeskAsync(h, benPresence: Presence.Busy, caraPresence: Presence.Busy);
        var caseId = await GiveCaseAsync(h, desk.Ana);
        h.ClearEvents();

        // Act
        var card = await h.Engine.ReassignAsync(caseId, null, "Needs a fresh pair of eyes", overrideCapacity: false, EngineHarness.AsLead(desk.Lee));

        // Assert
        Assert.Equal(CaseStatus.Queued, card.Status);
        var reassigned = Assert.Single(h.EventsOf<CaseReassigned>());
        Assert.Equal(((Guid?)desk.Ana.Id, (Guid?)null), (reassigned.FromAgentId, reassigned.ToAgentId));
        Assert.Empty(h.EventsOf<CaseOffered>());
        var snapshot = await h.Engine.SnapshotAsync();
        Assert.Equal([caseId], snapshot.QueueOrder);
        Assert.Equal(0, snapshot.Agents.Single(a => a.Id == desk.Ana.Id).Load);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(1, stored.BounceCount);
        Assert.Contains(desk.Ana.Id, stored.ExcludedAgentIds);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RefusesAReassignmentAboveCapacityWithoutAnOverrideAndChangesNothing()
    {
        // Arrange: Ben can hold one case and holds one.
        await using var h = await EngineHarness.CreateAsync();
        var desk = await BillingDeskAsync(h, benCapacity: 1);
        var caseId = await GiveEachACaseAsync(h, desk);
        h.ClearEvents();

        // Act
        var error = await Assert.ThrowsAsync<CapacityExceededException>(() =>
            h.Engine.ReassignAsync(caseId, desk.Ben.Id, null, overrideCapacity: false, EngineHarness.AsLead(desk.Lee)));

        // Assert
        Assert.Equal((1, 1), (error.Load, error.Capacity));
        Assert.Empty(h.Events);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(desk.Ana.Id, stored.AssignedAgentId);
        Assert.DoesNotContain(stored.Events, e => e.Type is CaseEventType.Reassigned or CaseEventType.CapacityOverride);
        var snapshot = await h.Engine.SnapshotAsync();
        Assert.Equal(1, snapshot.Agents.Single(a => a.Id == desk.Ana.Id).Load);
        Assert.Equal(1, snapshot.Agents.Single(a => a.Id == desk.Ben.Id).Load);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task LetsALeadReassignAboveCapacityWithAnExplicitOverrideAndLogsIt()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var desk = await BillingDeskAsync(h, benCapacity: 1);
        var caseId = await GiveEachACaseAsync(h, desk);
        h.ClearEvents();

        // Act
        var card = await h.Engine.ReassignAsync(caseId, desk.Ben.Id, "VIP, Ben's account", overrideCapacity: true, EngineHarness.AsLead(desk.Lee));

        // Assert
        Assert.True(card.CapacityOverride);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(desk.Ben.Id, stored.AssignedAgentId);
        Assert.True(stored.CapacityOverride);
        var logged = Assert.Single(stored.Events, e => e.Type == CaseEventType.CapacityOverride);
        Assert.Equal(("1/1", "VIP, Ben's account", CaseEventReason.Reassigned), (logged.Detail, logged.Comment, logged.Reason));
        Assert.Equal(desk.Lee.Id.ToString(), logged.ActorId);
        var snapshot = await h.Engine.SnapshotAsync();
        Assert.Equal(2, snapshot.Agents.Single(a => a.Id == desk.Ben.Id).Load);
        Assert.True(snapshot.Cases.Single(c => c.Id == caseId).CapacityOverride);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RefusesAnAgentWhoTriesToAssignAboveCapacity()
    {
        // Arrange: Ana transfers her case straight to Ben, who is full.
        await using var h = await EngineHarness.CreateAsync();
        var desk = await BillingDeskAsync(h, benCapacity: 1);
        var caseId = await GiveEachACaseAsync(h, desk);
        h.ClearEvents();

        // Act
        await Assert.ThrowsAsync<RoutingForbiddenException>(() =>
            h.Engine.TransferAsync(caseId, TransferTarget.ToAgent(desk.Ben.Id), "Please take it", EngineHarness.As(desk.Ana), overrideCapacity: true));

        // Assert
        Assert.Empty(h.Events);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(desk.Ana.Id, stored.AssignedAgentId);
        Assert.False(stored.CapacityOverride);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RefusesAnAgentWhoTriesToReassignAsIfTheyWereALead()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var desk = await BillingDeskAsync(h);
        var caseId = await GiveCaseAsync(h, desk.Ana);
        h.ClearEvents();

        // Act
        await Assert.ThrowsAsync<RoutingForbiddenException>(() =>
            h.Engine.ReassignAsync(caseId, desk.Ben.Id, null, overrideCapacity: true, EngineHarness.As(desk.Ana)));

        // Assert
        Assert.Empty(h.Events);
        Assert.Equal(desk.Ana.Id, (await h.CaseAsync(caseId)).AssignedAgentId);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RefusesALeadOfAnotherTeamWhoTriesToReassignTheCase()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var desk = await BillingDeskAsync(h);
        var caseId = await GiveCaseAsync(h, desk.Ana);
        h.ClearEvents();

        // Act
        var toTheirOwnAgent = await Record.ExceptionAsync(() =>
            h.Engine.ReassignAsync(caseId, desk.Cara.Id, null, overrideCapacity: false, EngineHarness.AsLead(desk.Olga)));
        var withinTheTeam = await Record.ExceptionAsync(() =>
            h.Engine.ReassignAsync(caseId, desk.Ben.Id, null, overrideCapacity: false, EngineHarness.AsLead(desk.Olga)));
        var toTheQueue = await Record.ExceptionAsync(() =>
            h.Engine.ReassignAsync(caseId, null, null, overrideCapacity: false, EngineHarness.AsLead(desk.Olga)));

        // Assert
        Assert.IsType<RoutingForbiddenException>(toTheirOwnAgent);
        Assert.IsType<RoutingForbiddenException>(withinTheTeam);
        Assert.IsType<RoutingForbiddenException>(toTheQueue);
        Assert.Empty(h.Events);
        Assert.Equal(desk.Ana.Id, (await h.CaseAsync(caseId)).AssignedAgentId);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task RefusesALeadWhoTriesToReassignToAnAgentOfAnotherTeam()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var desk = await BillingDeskAsync(h);
        var caseId = await GiveCaseAsync(h, desk.Ana);

        // Act
        await Assert.ThrowsAsync<RoutingForbiddenException>(() =>
            h.Engine.ReassignAsync(caseId, desk.Cara.Id, null, overrideCapacity: false, EngineHarness.AsLead(desk.Lee)));

        // Assert
        Assert.Equal(desk.Ana.Id, (await h.CaseAsync(caseId)).AssignedAgentId);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task TransfersACaseToASkillAndReroutesItButNotBackToTheAgentWhoPassedItOn()
    {
        // Arrange: Ana is also the best at Technical, but she passed the case on.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Support");
        var ana = await h.AgentAsync("Ana", team, skills: [(Skill.Billing, 5), (Skill.Technical, 5)]);
        var tom = await h.AgentAsync("Tom", team, skills: (Skill.Technical, 3));
        await h.StartAsync();
        await ConnectAsync(h, ana, tom);
        var caseId = await GiveCaseAsync(h, ana);
        h.ClearEvents();

        // Act
        var card = await h.Engine.TransferAsync(caseId, TransferTarget.ToSkill(Skill.Technical), "It's an API error, not billing", EngineHarness.As(ana));

        // Assert
        Assert.Equal((CaseStatus.Offered, Skill.Technical), (card.Status, card.RequiredSkill));
        Assert.Equal(tom.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(Skill.Technical, stored.RequiredSkill);
        Assert.Equal(tom.Id, stored.OfferedAgentId);
        Assert.Equal("It's an API error, not billing", Assert.Single(stored.Events, e => e.Type == CaseEventType.Transferred).Comment);
        Assert.Equal(0, (await h.Engine.SnapshotAsync()).Agents.Single(a => a.Id == ana.Id).Load);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task TransfersACaseToATeamAndOffersItOnlyToThatTeamsAgents()
    {
        // Arrange: Ben in Billing is the better match, but the case goes to Escalations.
        await using var h = await EngineHarness.CreateAsync();
        var desk = await BillingDeskAsync(h);
        var caseId = await GiveCaseAsync(h, desk.Ana);
        h.ClearEvents();

        // Act
        await h.Engine.TransferAsync(caseId, TransferTarget.ToTeam(desk.Escalations.Id), "Escalations owns refunds over 1k", EngineHarness.As(desk.Ana));

        // Assert
        Assert.Equal(desk.Cara.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(desk.Escalations.Id, stored.TeamId);
        var explanation = JsonSerializer.Deserialize<RoutingExplanation>(stored.RoutingExplanation!, Json)!;
        Assert.Equal(CandidateFilter.Team, explanation.Steps[0].Candidates.Single(c => c.AgentId == desk.Ben.Id).DroppedBy);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task KeepsACaseTransferredToATeamQueuedUntilOneOfThatTeamsAgentsIsFree()
    {
        // Arrange: Cara is in a meeting; Ben in Billing is free.
        await using var h = await EngineHarness.CreateAsync();
        var desk = await BillingDeskAsync(h, caraPresence: Presence.InMeeting);
        var caseId = await GiveCaseAsync(h, desk.Ana);
        await h.Engine.TransferAsync(caseId, TransferTarget.ToTeam(desk.Escalations.Id), null, EngineHarness.As(desk.Ana));
        Assert.Equal(CaseStatus.Queued, (await h.CaseAsync(caseId)).Status);
        h.ClearEvents();

        // Act
        await h.Engine.SetPresenceAsync(desk.Ben.Id, Presence.Available, EngineHarness.As(desk.Ben));
        await h.Engine.SetPresenceAsync(desk.Cara.Id, Presence.Available, EngineHarness.As(desk.Cara));

        // Assert
        Assert.Equal(desk.Cara.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task AWaitingCaseTransferredToAnotherSkillWaitsForThatSkill()
    {
        // Arrange: nobody is free for billing, so the case waits; a supervisor sends it to technical support.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Support");
        await h.AgentAsync("Ana", team, presence: Presence.Offline, skills: (Skill.Billing, 5));
        var tom = await h.AgentAsync("Tom", team, presence: Presence.Offline, skills: (Skill.Technical, 4));
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();
        await h.Engine.TransferAsync(caseId, TransferTarget.ToSkill(Skill.Technical), "It is an API error", RoutingActor.ForSupervisor());

        // Act: the first technical agent becomes free.
        await h.Engine.SetPresenceAsync(tom.Id, Presence.Available, EngineHarness.As(tom));

        // Assert: the queue filed the case under its new skill, so Tom is offered it.
        Assert.Equal(tom.Id, (await h.CaseAsync(caseId)).OfferedAgentId);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task TransfersACaseDirectlyToANamedAgent()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var desk = await BillingDeskAsync(h);
        var caseId = await GiveCaseAsync(h, desk.Ana);
        h.ClearEvents();

        // Act
        var card = await h.Engine.TransferAsync(caseId, TransferTarget.ToAgent(desk.Ben.Id), "Ben handled the last refund", EngineHarness.As(desk.Ana));

        // Assert
        Assert.Equal((CaseStatus.Assigned, (Guid?)desk.Ben.Id), (card.Status, card.AgentId));
        Assert.Empty(h.EventsOf<CaseOffered>());
        var assigned = Assert.Single(h.EventsOf<CaseAssigned>());
        Assert.Equal((desk.Ben.Id, CaseEventReason.Transferred), (assigned.AgentId, assigned.How));
        var reassigned = Assert.Single(h.EventsOf<CaseReassigned>());
        Assert.Equal(((Guid?)desk.Ana.Id, (Guid?)desk.Ben.Id), (reassigned.FromAgentId, reassigned.ToAgentId));
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(desk.Ben.Id, stored.AssignedAgentId);
        var transferred = Assert.Single(stored.Events, e => e.Type == CaseEventType.Transferred);
        Assert.Equal("Ben handled the last refund", transferred.Comment);
        var snapshot = await h.Engine.SnapshotAsync();
        Assert.Equal(0, snapshot.Agents.Single(a => a.Id == desk.Ana.Id).Load);
        Assert.Equal(1, snapshot.Agents.Single(a => a.Id == desk.Ben.Id).Load);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task EscalatesADefectToEngineeringWithABugReportAndRoutesItOnlyToAnEngineer()
    {
        // Arrange: Sue, a senior with the skill, is free; only Eve is an engineer.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Product");
        var ana = await h.AgentAsync("Ana", team, capacity: 5, skills: (Skill.Technical, 5));
        var sue = await h.AgentAsync("Sue", team, AgentTier.Senior, capacity: 5, skills: (Skill.Technical, 4));
        var eve = await h.AgentAsync("Eve", team, AgentTier.Engineering, skills: (Skill.Technical, 2));
        await h.StartAsync();
        await ConnectAsync(h, ana, sue, eve);
        const string page = "https://app.example.com/reports/42/export";
        var caseId = await h.OpenCaseAsync(IssueCategory.Technical, Skill.Technical, pageUrl: page);
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        var similarOne = await h.OpenCaseAsync(IssueCategory.Technical, Skill.Technical);
        var similarTwo = await h.OpenCaseAsync(IssueCategory.Technical, Skill.Technical);
        await h.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);
        await h.Engine.ReplyAsync(caseId, "I can reproduce it, passing it to engineering.", EngineHarness.As(ana));
        h.ClearEvents();
        var input = new BugReportInput("Export to CSV fails with a 500", ["Open report 42", "", "Click Export, then CSV"], "A CSV downloads", "Error 500");

        // Act
        var report = await h.Engine.EscalateToEngineeringAsync(caseId, input, EngineHarness.As(ana));

        // Assert
        Assert.Equal(eve.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(AgentTier.Engineering, stored.Tier);
        Assert.Equal(eve.Id, stored.OfferedAgentId);
        Assert.Single(stored.Events, e => e.Type == CaseEventType.ToEngineering);
        var bug = BugReport.FromJson(stored.BugReport)!;
        Assert.Equal(report.ToJson(), stored.BugReport);
        Assert.Equal("Export to CSV fails with a 500", bug.Title);
        Assert.Equal(["Open report 42", "Click Export, then CSV"], bug.StepsToReproduce);
        Assert.Equal(("A CSV downloads", "Error 500"), (bug.Expected, bug.Actual));
        Assert.Equal(page, bug.Environment.PageUrl);
        Assert.Equal("web", bug.Environment.Channel);
        Assert.Equal(2, bug.Impact.SimilarOpenCases);
        Assert.Equal(new[] { similarOne, similarTwo }.Order(), bug.Impact.SimilarCaseIds.Order());
        Assert.Contains(bug.TranscriptExcerpt, l => l.Author == "Customer" && l.Text.StartsWith("I need help with Technical", StringComparison.Ordinal));
        Assert.Contains(bug.TranscriptExcerpt, l => l.Author == "Agent" && l.Text == "I can reproduce it, passing it to engineering.");
        Assert.Equal("Ana", bug.ReportedBy);
        var explanation = JsonSerializer.Deserialize<RoutingExplanation>(stored.RoutingExplanation!, Json)!;
        Assert.Equal(RoutingStep.Engineering, explanation.DecidedBy);
        Assert.DoesNotContain(explanation.Steps.SelectMany(s => s.Candidates), c => c.AgentId == sue.Id);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task KeepsAnEngineeringEscalationQueuedForTheNextEngineerRatherThanASenior()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Product");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Technical, 5));
        // Less proficient than Ana, so the first offer is Ana's (equal agents would tie-break on random ids).
        var sue = await h.AgentAsync("Sue", team, AgentTier.Senior, skills: (Skill.Technical, 4));
        var eve = await h.AgentAsync("Eve", team, AgentTier.Engineering, presence: Presence.Busy, skills: (Skill.Technical, 3));
        await h.StartAsync();
        await ConnectAsync(h, ana, sue, eve);
        var caseId = await h.OpenCaseAsync(IssueCategory.Technical, Skill.Technical);
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        await h.Engine.EscalateToEngineeringAsync(caseId, new BugReportInput("Crash", ["Open the app"], null, null), EngineHarness.As(ana));
        Assert.Equal(CaseStatus.Queued, (await h.CaseAsync(caseId)).Status);
        h.ClearEvents();

        // Act
        await h.Engine.SetPresenceAsync(eve.Id, Presence.Available, EngineHarness.As(eve));

        // Assert
        Assert.Equal(eve.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        await h.AssertInvariantsAsync();
    }

    public static TheoryData<string[]> MissingSteps => new() { Array.Empty<string>(), new[] { "  ", "" } };

    [Theory]
    [MemberData(nameof(MissingSteps))]
    public async Task RefusesAnEngineeringEscalationWithoutReproductionSteps(string[] steps)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Product");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Technical, 5));
        var eve = await h.AgentAsync("Eve", team, AgentTier.Engineering, skills: (Skill.Technical, 3));
        await h.StartAsync();
        await ConnectAsync(h, ana, eve);
        var caseId = await h.OpenCaseAsync(IssueCategory.Technical, Skill.Technical);
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        h.ClearEvents();

        // Act
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            h.Engine.EscalateToEngineeringAsync(caseId, new BugReportInput("Crash", steps, null, null), EngineHarness.As(ana)));

        // Assert
        Assert.Contains("reproduction step", error.Message);
        Assert.Empty(h.Events);
        var stored = await h.CaseAsync(caseId);
        Assert.Equal((CaseStatus.Assigned, AgentTier.Specialist), (stored.Status, stored.Tier));
        Assert.Null(stored.BugReport);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task ResolvingACaseFreesCapacityAndPullsTheNextQueuedCaseToThatAgent()
    {
        // Arrange: Ana holds one case, her capacity; two more wait, the older first.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, capacity: 1, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await ConnectAsync(h, ana);
        var first = await GiveCaseAsync(h, ana);
        var older = await h.OpenCaseAsync();
        await h.AdvanceAsync(TimeSpan.FromSeconds(10));
        var newer = await h.OpenCaseAsync();
        await h.Engine.ReplyAsync(first, "Done on our side.", EngineHarness.As(ana));
        h.ClearEvents();

        // Act
        await h.Engine.ResolveAsync(first, "Refund issued", EngineHarness.As(ana));

        // Assert
        var resolved = Assert.Single(h.EventsOf<CaseResolved>());
        Assert.Equal((first, (Guid?)ana.Id, "Refund issued"), (resolved.CaseId, resolved.AgentId, resolved.Note));
        var offered = Assert.Single(h.EventsOf<CaseOffered>());
        Assert.Equal((older, ana.Id), (offered.Case.CaseId, offered.AgentId));
        var stored = await h.CaseAsync(first);
        Assert.Equal((CaseStatus.Resolved, "Refund issued"), (stored.Status, stored.ResolutionNote));
        var snapshot = await h.Engine.SnapshotAsync();
        Assert.Equal([newer], snapshot.QueueOrder);
        Assert.Equal(1, snapshot.Agents.Single(a => a.Id == ana.Id).Load);
        await h.AssertInvariantsAsync();
    }

    private sealed record Desk(Team Billing, Team Escalations, Agent Ana, Agent Ben, Agent Lee, Agent Cara, Agent Olga);

    // Billing: Ana (best), Ben and their lead Lee; Escalations: Cara and her lead Olga.
    private static async Task<Desk> BillingDeskAsync(EngineHarness h, int benCapacity = 3, Presence benPresence = Presence.Available,
        Presence caraPresence = Presence.Available)
    {
        var billing = await h.TeamAsync("Billing");
        var escalations = await h.TeamAsync("Escalations");
        var ana = await h.AgentAsync("Ana", billing, skills: (Skill.Billing, 5));
        var ben = await h.AgentAsync("Ben", billing, capacity: benCapacity, presence: benPresence, skills: (Skill.Billing, 4));
        var lee = await h.AgentAsync("Lee", billing, AgentTier.Senior, presence: Presence.Busy, skills: (Skill.Retention, 5));
        var cara = await h.AgentAsync("Cara", escalations, presence: caraPresence, skills: (Skill.Billing, 2));
        var olga = await h.AgentAsync("Olga", escalations, AgentTier.Senior, presence: Presence.Busy, skills: (Skill.Retention, 5));
        await h.SetLeadAsync(billing, lee);
        await h.SetLeadAsync(escalations, olga);
        await h.StartAsync();
        await ConnectAsync(h, ana, ben, lee, cara, olga);
        return new Desk(billing, escalations, ana, ben, lee, cara, olga);
    }

    // Ben gets one case while Ana is busy; then Ana gets one. Returns Ana's case.
    private static async Task<long> GiveEachACaseAsync(EngineHarness h, Desk desk)
    {
        await h.Engine.SetPresenceAsync(desk.Ana.Id, Presence.Busy, EngineHarness.As(desk.Ana));
        await GiveCaseAsync(h, desk.Ben);
        await h.Engine.SetPresenceAsync(desk.Ana.Id, Presence.Available, EngineHarness.As(desk.Ana));
        return await GiveCaseAsync(h, desk.Ana);
    }

    // Opens a case that the engine offers to the agent, who accepts it.
    private static async Task<long> GiveCaseAsync(EngineHarness h, Agent agent)
    {
        var caseId = await h.OpenCaseAsync();
        var card = await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(agent));
        Assert.Equal(agent.Id, card.AgentId);
        return caseId;
    }

    // The engine starts with everyone disconnected; a live connection keeps them from going Away.
    private static async Task ConnectAsync(EngineHarness h, params Agent[] agents)
    {
        foreach (var agent in agents) await h.Engine.ConnectionOpenedAsync(agent.Id);
    }
}
