using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>The routing decision tree, step by step, as the engine applies it to stored cases.</summary>
public sealed class DecisionTreeEngineTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task OffersCaseToTheMostProficientSpecialistEvenWhenLessProficientOnesAreFreer()
    {
        // Arrange: Ana is an expert but busier in relative terms; Ben is free but a beginner.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, capacity: 2, skills: (Skill.Billing, 5));
        var ben = await h.AgentAsync("Ben", team, capacity: 10, skills: (Skill.Billing, 2));
        await h.StartAsync();
        await ConnectAsync(h, ana, ben);

        // Act
        var caseId = await h.OpenCaseAsync();

        // Assert
        var offered = Assert.Single(h.EventsOf<CaseOffered>());
        Assert.Equal(ana.Id, offered.AgentId);
        Assert.Equal(RoutingStep.Specialist, Explanation(await h.CaseAsync(caseId)).DecidedBy);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task OffersCaseToTheSpecialistWithTheLowestLoadRelativeToCapacityWhenProficiencyTies()
    {
        // Arrange: both hold one case, but Ana's one case is half her capacity and Ben's a tenth of his.
        // Ben was assigned more recently, so only the load ratio can pick him.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, capacity: 2, skills: (Skill.Billing, 4));
        var ben = await h.AgentAsync("Ben", team, capacity: 10, presence: Presence.Busy, skills: (Skill.Billing, 4));
        await h.StartAsync();
        await ConnectAsync(h, ana, ben);
        await GiveCaseAsync(h, ana);
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        await h.Engine.SetPresenceAsync(ana.Id, Presence.Busy, EngineHarness.As(ana));
        await h.Engine.SetPresenceAsync(ben.Id, Presence.Available, EngineHarness.As(ben));
        await GiveCaseAsync(h, ben);
        await h.Engine.SetPresenceAsync(ana.Id, Presence.Available, EngineHarness.As(ana));
        h.ClearEvents();

        // Act
        var caseId = await h.OpenCaseAsync();

        // Assert
        Assert.Equal(ben.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        var chosen = Explanation(await h.CaseAsync(caseId)).Steps[0].Candidates.Single(c => c.Chosen);
        Assert.Equal(ben.Id, chosen.AgentId);
        Assert.Equal("1 of 10 cases", chosen.Terms.Single(t => t.Name == AgentScorer.SpareCapacityTerm).Detail);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task OffersCaseToTheSpecialistIdleLongestWhenProficiencyAndLoadTie()
    {
        // Arrange: same skill, same load and capacity; Ana was last assigned ten minutes before Ben.
        // No reply deadline, so that Ana keeps her case while the clock runs.
        await using var h = await EngineHarness.CreateAsync(o => o.FirstReplyMinutes = 0);
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, capacity: 3, skills: (Skill.Billing, 4));
        var ben = await h.AgentAsync("Ben", team, capacity: 3, presence: Presence.Busy, skills: (Skill.Billing, 4));
        await h.StartAsync();
        await ConnectAsync(h, ana, ben);
        await GiveCaseAsync(h, ana);
        await h.AdvanceAsync(TimeSpan.FromMinutes(10));
        await h.Engine.SetPresenceAsync(ana.Id, Presence.Busy, EngineHarness.As(ana));
        await h.Engine.SetPresenceAsync(ben.Id, Presence.Available, EngineHarness.As(ben));
        await GiveCaseAsync(h, ben);
        await h.Engine.SetPresenceAsync(ana.Id, Presence.Available, EngineHarness.As(ana));
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        h.ClearEvents();

        // Act
        var caseId = await h.OpenCaseAsync();

        // Assert
        Assert.Equal(ana.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        var candidates = Explanation(await h.CaseAsync(caseId)).Steps[0].Candidates;
        Assert.Equal([ana.Id, ben.Id], candidates.Select(c => c.AgentId));
        Assert.Equal("Last assigned 11 min ago", candidates[0].Terms.Single(t => t.Name == AgentScorer.IdleTerm).Detail);
        await h.AssertInvariantsAsync();
    }

    [Theory]
    [InlineData(IssueCategory.ProductQuestion, Skill.ProductTraining)]
    [InlineData(IssueCategory.Billing, Skill.Billing)]
    [InlineData(IssueCategory.AccountAccess, Skill.AccountManagement)]
    [InlineData(IssueCategory.Other, Skill.Billing)]
    public async Task OffersSpecialistCaseToFrontlineWithGuidanceWhenNoSpecialistIsFreeAndTheCategoryAllowsIt(IssueCategory category, Skill skill)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Support");
        var specialist = await h.AgentAsync("Sam", team, presence: Presence.Busy, skills: (skill, 5));
        var frontline = await h.AgentAsync("Fay", team, AgentTier.Frontline, skills: (skill, 2));
        await h.StartAsync();
        await ConnectAsync(h, specialist, frontline);

        // Act
        var caseId = await h.OpenCaseAsync(category, skill);

        // Assert
        Assert.Equal(frontline.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        var explanation = Explanation(await h.CaseAsync(caseId));
        Assert.Equal(RoutingStep.FrontlineWithGuidance, explanation.DecidedBy);
        Assert.Equal(CandidateFilter.Presence, explanation.Steps[0].Candidates.Single(c => c.AgentId == specialist.Id).DroppedBy);
        await h.AssertInvariantsAsync();
    }

    [Theory]
    [InlineData(IssueCategory.Security, Skill.Security)]
    [InlineData(IssueCategory.Technical, Skill.Technical)]
    [InlineData(IssueCategory.Integration, Skill.Integration)]
    [InlineData(IssueCategory.Cancellation, Skill.Retention)]
    public async Task QueuesSpecialistCaseRatherThanGuidingFrontlineWhenTheCategoryDoesNotAllowIt(IssueCategory category, Skill skill)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Support");
        var specialist = await h.AgentAsync("Sam", team, presence: Presence.Busy, skills: (skill, 5));
        var frontline = await h.AgentAsync("Fay", team, AgentTier.Frontline, skills: (skill, 5));
        await h.StartAsync();
        await ConnectAsync(h, specialist, frontline);

        // Act
        var caseId = await h.OpenCaseAsync(category, skill);

        // Assert
        Assert.Empty(h.EventsOf<CaseOffered>());
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(CaseStatus.Queued, stored.Status);
        var explanation = Explanation(stored);
        Assert.Equal(RoutingOutcome.Queue, explanation.Outcome);
        var guidance = explanation.Steps.Single(s => s.Step == RoutingStep.FrontlineWithGuidance);
        var dropped = Assert.Single(guidance.Candidates);
        Assert.Equal(frontline.Id, dropped.AgentId);
        Assert.Equal(CandidateFilter.FrontlineNotAllowed, dropped.DroppedBy);
        Assert.Equal($"Frontline not allowed for {category}", dropped.Reason);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task GuidesFrontlineOnlyOnTheConfiguredCategories()
    {
        // Arrange: Security is configured for guidance and Billing is not.
        await using var h = await EngineHarness.CreateAsync(o => o.FrontlineGuidanceCategories = [IssueCategory.Security]);
        var team = await h.TeamAsync("Support");
        var frontline = await h.AgentAsync("Fay", team, AgentTier.Frontline, capacity: 5, skills: [(Skill.Security, 3), (Skill.Billing, 3)]);
        await h.StartAsync();
        await ConnectAsync(h, frontline);

        // Act
        var security = await h.OpenCaseAsync(IssueCategory.Security, Skill.Security);
        var billing = await h.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);

        // Assert
        Assert.Equal(security, Assert.Single(h.EventsOf<CaseOffered>()).Case.CaseId);
        Assert.Equal(CaseStatus.Queued, (await h.CaseAsync(billing)).Status);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task QueuesBillingDisputeRatherThanGuidingFrontline()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var frontline = await h.AgentAsync("Fay", team, AgentTier.Frontline, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await ConnectAsync(h, frontline);

        // Act
        var caseId = await OpenDisputeAsync(h);

        // Assert
        Assert.Empty(h.EventsOf<CaseOffered>());
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(CaseStatus.Queued, stored.Status);
        var guidance = Explanation(stored).Steps.Single(s => s.Step == RoutingStep.FrontlineWithGuidance);
        Assert.Equal("Frontline not allowed for Billing disputes", Assert.Single(guidance.Candidates).Reason);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task OffersBillingDisputeToFrontlineWithGuidanceWhenConfigured()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync(o => o.FrontlineGuidanceForDisputes = true);
        var team = await h.TeamAsync("Billing");
        var frontline = await h.AgentAsync("Fay", team, AgentTier.Frontline, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await ConnectAsync(h, frontline);

        // Act
        var caseId = await OpenDisputeAsync(h);

        // Assert
        Assert.Equal(frontline.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        Assert.Equal(RoutingStep.FrontlineWithGuidance, Explanation(await h.CaseAsync(caseId)).DecidedBy);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task OffersUrgentCaseToASeniorWithoutTheSkillWhenNoSpecialistIsFree()
    {
        // Arrange: no one has Security; the frontline may not take it.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Support");
        var senior = await h.AgentAsync("Sue", team, AgentTier.Senior, skills: (Skill.Billing, 5));
        var frontline = await h.AgentAsync("Fay", team, AgentTier.Frontline, skills: (Skill.Security, 5));
        await h.StartAsync();
        await ConnectAsync(h, senior, frontline);

        // Act
        var caseId = await h.OpenCaseAsync(IssueCategory.Security, Skill.Security, priority: CasePriority.Urgent);

        // Assert
        Assert.Equal(senior.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        var explanation = Explanation(await h.CaseAsync(caseId));
        Assert.Equal(RoutingStep.SeniorOrOnCall, explanation.DecidedBy);
        Assert.Equal(CandidateFilter.Skill, explanation.Steps[0].Candidates.Single(c => c.AgentId == senior.Id).DroppedBy);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task OffersUrgentCaseToAnOnCallAgentWhoIsBusyWhenNoSpecialistIsFree()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Support");
        var specialist = await h.AgentAsync("Sam", team, presence: Presence.Away, skills: (Skill.Security, 5));
        var onCall = await h.AgentAsync("Otto", team, AgentTier.Frontline, presence: Presence.Busy, onCall: true, skills: (Skill.Billing, 2));
        await h.StartAsync();
        await ConnectAsync(h, onCall);

        // Act
        var caseId = await h.OpenCaseAsync(IssueCategory.Security, Skill.Security, priority: CasePriority.Urgent);

        // Assert
        Assert.Equal(onCall.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        var explanation = Explanation(await h.CaseAsync(caseId));
        Assert.Equal(RoutingStep.SeniorOrOnCall, explanation.DecidedBy);
        Assert.Equal(CandidateFilter.Presence, explanation.Steps[0].Candidates.Single(c => c.AgentId == specialist.Id).DroppedBy);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task QueuesCaseThatIsNotUrgentInsteadOfFallingBackToSeniorsOrOnCall()
    {
        // Arrange: the same people as for the urgent fallbacks.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Support");
        var senior = await h.AgentAsync("Sue", team, AgentTier.Senior, skills: (Skill.Billing, 5));
        var onCall = await h.AgentAsync("Otto", team, AgentTier.Frontline, onCall: true, skills: (Skill.Billing, 2));
        await h.StartAsync();
        await ConnectAsync(h, senior, onCall);

        // Act
        var caseId = await h.OpenCaseAsync(IssueCategory.Security, Skill.Security, priority: CasePriority.High);

        // Assert
        Assert.Empty(h.EventsOf<CaseOffered>());
        var explanation = Explanation(await h.CaseAsync(caseId));
        Assert.Equal(RoutingOutcome.Queue, explanation.Outcome);
        Assert.Equal("No specialist available", explanation.Reason);
        Assert.False(explanation.Steps.Single(s => s.Step == RoutingStep.SeniorOrOnCall).Ran);
        Assert.Equal([caseId], (await h.Engine.SnapshotAsync()).QueueOrder);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task OffersQueuedCaseToTheNextSpecialistWhoBecomesAvailable()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Security");
        var specialist = await h.AgentAsync("Sam", team, presence: Presence.InMeeting, skills: (Skill.Security, 4));
        await h.StartAsync();
        await ConnectAsync(h, specialist);
        var caseId = await h.OpenCaseAsync(IssueCategory.Security, Skill.Security);
        Assert.Equal(CaseStatus.Queued, (await h.CaseAsync(caseId)).Status);

        // Act
        await h.Engine.SetPresenceAsync(specialist.Id, Presence.Available, EngineHarness.As(specialist));

        // Assert
        var offered = Assert.Single(h.EventsOf<CaseOffered>());
        Assert.Equal((caseId, specialist.Id), (offered.Case.CaseId, offered.AgentId));
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(CaseStatus.Offered, stored.Status);
        Assert.Equal(specialist.Id, stored.OfferedAgentId);
        Assert.Empty((await h.Engine.SnapshotAsync()).QueueOrder);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task OffersQueuedCaseToTheSpecialistWhoFreesCapacity()
    {
        // Arrange: Sam can hold one case and holds one; the second waits.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var sam = await h.AgentAsync("Sam", team, capacity: 1, skills: (Skill.Billing, 4));
        await h.StartAsync();
        await ConnectAsync(h, sam);
        var first = await GiveCaseAsync(h, sam);
        var second = await h.OpenCaseAsync();
        Assert.Equal(CaseStatus.Queued, (await h.CaseAsync(second)).Status);
        h.ClearEvents();

        // Act
        await h.Engine.ResolveAsync(first, "Refund issued", EngineHarness.As(sam));

        // Assert
        var offered = Assert.Single(h.EventsOf<CaseOffered>());
        Assert.Equal((second, sam.Id), (offered.Case.CaseId, offered.AgentId));
        Assert.Equal(CaseStatus.Resolved, (await h.CaseAsync(first)).Status);
        Assert.Equal(1, (await h.Engine.SnapshotAsync()).Agents.Single(a => a.Id == sam.Id).Load);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task OffersEngineeringCaseOnlyToTheEngineeringTier()
    {
        // Arrange: a senior and a specialist are experts and free; the engineer is less proficient.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Product");
        var senior = await h.AgentAsync("Sue", team, AgentTier.Senior, skills: (Skill.Technical, 5));
        var specialist = await h.AgentAsync("Sam", team, skills: (Skill.Technical, 5));
        var engineer = await h.AgentAsync("Eve", team, AgentTier.Engineering, skills: (Skill.Technical, 2));
        await h.StartAsync();
        await ConnectAsync(h, senior, specialist, engineer);

        // Act
        var caseId = await h.OpenCaseAsync(IssueCategory.Technical, Skill.Technical, AgentTier.Engineering);

        // Assert
        Assert.Equal(engineer.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        var explanation = Explanation(await h.CaseAsync(caseId));
        Assert.Equal(RoutingStep.Engineering, explanation.DecidedBy);
        Assert.Equal([engineer.Id], explanation.Steps[0].Candidates.Select(c => c.AgentId));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task QueuesUrgentEngineeringCaseWhenNoEngineerIsFreeEvenThoughSeniorsAre()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Product");
        var senior = await h.AgentAsync("Sue", team, AgentTier.Senior, onCall: true, skills: (Skill.Technical, 5));
        var engineer = await h.AgentAsync("Eve", team, AgentTier.Engineering, presence: Presence.InMeeting, skills: (Skill.Technical, 4));
        await h.StartAsync();
        await ConnectAsync(h, senior, engineer);

        // Act
        var caseId = await h.OpenCaseAsync(IssueCategory.Technical, Skill.Technical, AgentTier.Engineering, CasePriority.Urgent);

        // Assert
        Assert.Empty(h.EventsOf<CaseOffered>());
        var explanation = Explanation(await h.CaseAsync(caseId));
        Assert.Equal(RoutingOutcome.Queue, explanation.Outcome);
        Assert.DoesNotContain(explanation.Steps.SelectMany(s => s.Candidates), c => c.AgentId == senior.Id);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task StoresAnExplanationListingEveryCandidateWithTheFilterThatDroppedItAndTheWinnersTerms()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var marcus = await h.AgentAsync("Marcus", team, capacity: 3, skills: (Skill.Billing, 5));
        var priya = await h.AgentAsync("Priya", team, presence: Presence.Away, skills: (Skill.Billing, 5));
        var tom = await h.AgentAsync("Tom", team, AgentTier.Senior, skills: (Skill.Technical, 5));
        var zoe = await h.AgentAsync("Zoe", team, capacity: 0, skills: (Skill.Billing, 5));
        var ken = await h.AgentAsync("Ken", team, skills: (Skill.Billing, 3));
        await h.StartAsync();
        await ConnectAsync(h, marcus, tom, zoe, ken);

        // Act
        var caseId = await h.OpenCaseAsync();

        // Assert
        var stored = await h.CaseAsync(caseId);
        Assert.NotNull(stored.RoutingExplanation);
        Assert.Contains("\"droppedBy\":\"Presence\"", stored.RoutingExplanation);
        var explanation = Explanation(stored);
        Assert.Equal(caseId, explanation.CaseId);
        Assert.Equal(RoutingOutcome.Offer, explanation.Outcome);
        Assert.Equal(marcus.Id, explanation.AgentId);
        Assert.Equal(explanation.Summary, stored.RoutingSummary);

        var step = Assert.Single(explanation.Steps);
        Assert.Equal(RoutingStep.Specialist, step.Step);
        var verdicts = step.Candidates.ToDictionary(c => c.AgentId);
        Assert.Equal(5, verdicts.Count);
        Assert.True(verdicts[marcus.Id].Chosen);
        Assert.Null(verdicts[marcus.Id].DroppedBy);
        Assert.Equal("Eligible, ranked 2 of 2", verdicts[ken.Id].Reason);
        Assert.Equal((CandidateFilter?)CandidateFilter.Presence, verdicts[priya.Id].DroppedBy);
        Assert.Equal("Away", verdicts[priya.Id].Reason);
        Assert.Equal((CandidateFilter?)CandidateFilter.Skill, verdicts[tom.Id].DroppedBy);
        Assert.Equal("No Billing skill", verdicts[tom.Id].Reason);
        Assert.Equal((CandidateFilter?)CandidateFilter.Capacity, verdicts[zoe.Id].DroppedBy);
        Assert.Equal("At capacity 0/0", verdicts[zoe.Id].Reason);

        Assert.Equal([AgentScorer.ProficiencyTerm, AgentScorer.SpareCapacityTerm, AgentScorer.IdleTerm, OutcomeTerm.TermName, AffinityTerm.TermName], explanation.Terms.Select(t => t.Name));
        Assert.Equal(["Billing 5/5", "0 of 3 cases", "Never assigned", "No Billing cases resolved yet", "No recent case with this customer"], explanation.Terms.Select(t => t.Detail));
        Assert.DoesNotContain("No recent case", explanation.Summary);
        Assert.Equal(explanation.Score!.Value, explanation.Terms.Sum(t => t.Value), 6);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task AssignsDirectlyWithoutAnOfferWhenTheTeamAutoAssigns()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing", autoAssign: true);
        var marcus = await h.AgentAsync("Marcus", team, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await ConnectAsync(h, marcus);

        // Act
        var caseId = await h.OpenCaseAsync();

        // Assert
        Assert.Empty(h.EventsOf<CaseOffered>());
        var assigned = Assert.Single(h.EventsOf<CaseAssigned>());
        Assert.Equal((caseId, marcus.Id, CaseEventReason.AutoAssigned), (assigned.Case.CaseId, assigned.AgentId, assigned.How));
        var stored = await h.CaseAsync(caseId);
        Assert.Equal(CaseStatus.Assigned, stored.Status);
        Assert.Equal(marcus.Id, stored.AssignedAgentId);
        Assert.Equal(h.Now + TimeSpan.FromMinutes(h.Options.FirstReplyMinutes), stored.FirstReplyDueAt);
        Assert.DoesNotContain(stored.Events, e => e.Type == CaseEventType.Offered);
        await h.AssertInvariantsAsync();
    }

    private static RoutingExplanation Explanation(Case stored) =>
        JsonSerializer.Deserialize<RoutingExplanation>(stored.RoutingExplanation ?? throw new InvalidOperationException("No explanation."), Json)!;

    // The engine starts with everyone disconnected; a live connection keeps them from going Away.
    private static async Task ConnectAsync(EngineHarness h, params Agent[] agents)
    {
        foreach (var agent in agents) await h.Engine.ConnectionOpenedAsync(agent.Id);
    }

    // Opens a case that the engine offers to the agent, who accepts it.
    private static async Task<long> GiveCaseAsync(EngineHarness h, Agent agent)
    {
        var caseId = await h.OpenCaseAsync();
        var card = await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(agent));
        Assert.Equal(agent.Id, card.AgentId);
        return caseId;
    }

    // The harness opens cases for an explicit request; a billing dispute needs the dispute trigger.
    private static async Task<long> OpenDisputeAsync(EngineHarness h)
    {
        long id;
        await using (var db = await h.DbFactory.CreateDbContextAsync())
        {
            var customer = new Customer($"dispute-{Guid.NewGuid():N}", h.Now);
            var conversation = new Conversation(h.Integration, $"dispute-{Guid.NewGuid():N}", "web", h.Now);
            conversation.AttachCustomer(customer);
            db.Conversations.Add(conversation);
            db.Messages.Add(conversation.AddMessage(MessageAuthor.Customer, "I want a refund for a double charge", h.Now));
            var decision = EscalationDecision.Escalated([new EscalationReason(ReasonCategory.CustomerRequest, CaseToRoute.DisputeTrigger, "refund")],
                IssueCategory.Billing, 0.9, CasePriority.Normal, Skill.Billing, AgentTier.Specialist, -0.4, SentimentTrend.Steady);
            var @case = new Case(conversation, decision, "briefing", h.Now);
            @case.Queue(h.Now);
            db.Cases.Add(@case);
            await db.SaveChangesAsync();
            id = @case.Id;
        }
        await h.Engine.RouteNewCaseAsync(id);
        return id;
    }
}
