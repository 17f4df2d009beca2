using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using static AgentConsole.Tests.Core.Routing.RoutingFixtures;

namespace AgentConsole.Tests.Core.Routing;

public sealed class DecisionTreeTests
{
    private readonly RoutingPolicy _policy = Policy();

    [Fact]
    public void OffersCaseToLeastLoadedBillingSpecialist()
    {
        var busy = Agent("Marcus", load: 2);
        var free = Agent("Dana", load: 1);

        var decision = _policy.Route(Case(), [busy, free], Now);

        Assert.Equal(RoutingOutcome.Offer, decision.Outcome);
        Assert.Equal(RoutingStep.Specialist, decision.Step);
        Assert.Same(free, decision.Agent);
    }

    [Fact]
    public void SpecialistCaseGoesToSpecialistEvenWhenAFrontlineAgentIsMoreProficient()
    {
        var frontline = Agent("Priya", AgentTier.Frontline, proficiency: 5);
        var specialist = Agent("Marcus", proficiency: 2);

        var decision = _policy.Route(Case(), [frontline, specialist], Now);

        Assert.Same(specialist, decision.Agent);
        Assert.Equal(RoutingStep.Specialist, decision.Step);
    }

    [Fact]
    public void SeniorAgentsCountAsSpecialists()
    {
        var senior = Agent("Tom", AgentTier.Senior);

        var decision = _policy.Route(Case(), [senior], Now);

        Assert.Same(senior, decision.Agent);
        Assert.Equal(RoutingStep.Specialist, decision.Step);
    }

    [Fact]
    public void FallsBackToFrontlineWithGuidanceWhenNoSpecialistIsFree()
    {
        var away = Agent("Marcus", presence: Presence.Away);
        var frontline = Agent("Priya", AgentTier.Frontline);

        var decision = _policy.Route(Case(IssueCategory.Billing), [away, frontline], Now);

        Assert.Same(frontline, decision.Agent);
        Assert.Equal(RoutingStep.FrontlineWithGuidance, decision.Step);
    }

    [Fact]
    public void DoesNotGiveBillingDisputesToTheFrontline()
    {
        var frontline = Agent("Priya", AgentTier.Frontline);

        var decision = _policy.Route(Case(IssueCategory.Billing, dispute: true), [frontline], Now);

        Assert.Equal(RoutingOutcome.Queue, decision.Outcome);
        Assert.Equal("No specialist available", decision.Reason);
    }

    [Fact]
    public void GivesDisputesToTheFrontlineWhenConfigured()
    {
        var policy = Policy(o => o.FrontlineGuidanceForDisputes = true);
        var frontline = Agent("Priya", AgentTier.Frontline);

        var decision = policy.Route(Case(IssueCategory.Billing, dispute: true), [frontline], Now);

        Assert.Same(frontline, decision.Agent);
    }

    [Theory]
    [InlineData(IssueCategory.Integration, Skill.Integration)]
    [InlineData(IssueCategory.Security, Skill.Security)]
    [InlineData(IssueCategory.Cancellation, Skill.Retention)]
    public void CategoriesOutsideTheGuidanceListSkipTheFrontline(IssueCategory category, Skill skill)
    {
        var frontline = Agent("Priya", AgentTier.Frontline, skill);

        var decision = _policy.Route(Case(category, skill), [frontline], Now);

        Assert.Equal(RoutingOutcome.Queue, decision.Outcome);
    }

    [Fact]
    public void ConfiguredGuidanceCategoriesReplaceTheDefaults()
    {
        var policy = Policy(o => o.FrontlineGuidanceCategories = [IssueCategory.Integration]);
        var billingFrontline = Agent("Priya", AgentTier.Frontline);
        var integrationFrontline = Agent("Sam", AgentTier.Frontline, Skill.Integration);

        var billing = policy.Route(Case(IssueCategory.Billing), [billingFrontline], Now);
        var integration = policy.Route(Case(IssueCategory.Integration, Skill.Integration), [integrationFrontline], Now);

        Assert.Equal(RoutingOutcome.Queue, billing.Outcome);
        Assert.Same(integrationFrontline, integration.Agent);
    }

    [Fact]
    public void QueuesANonUrgentCaseWhenNoSpecialistIsFreeAndKeepsItsContext()
    {
        var atCapacity = Agent("Marcus", load: 3);
        var onCallBusy = Agent("Tom", AgentTier.Senior, presence: Presence.Busy, onCall: true);
        var @case = Case(IssueCategory.Billing, dispute: true, priority: CasePriority.High) with { ExcludedAgents = new HashSet<Guid> { Guid.NewGuid() } };

        var decision = _policy.Route(@case, [atCapacity, onCallBusy], Now);

        Assert.Equal(RoutingOutcome.Queue, decision.Outcome);
        Assert.Equal(RoutingStep.Queue, decision.Step);
        Assert.Equal("No specialist available", decision.Reason);
        Assert.Null(decision.Agent);
        Assert.Same(@case, decision.Case);
    }

    [Fact]
    public void UrgentCaseGoesToASeniorWithoutTheSkillWhenNoSpecialistIsFree()
    {
        var specialistAway = Agent("Marcus", presence: Presence.Away);
        var senior = Agent("Tom", AgentTier.Senior, Skill.Security, proficiency: 5);

        var decision = _policy.Route(Case(IssueCategory.Billing, dispute: true, priority: CasePriority.Urgent), [specialistAway, senior], Now);

        Assert.Same(senior, decision.Agent);
        Assert.Equal(RoutingStep.SeniorOrOnCall, decision.Step);
    }

    [Fact]
    public void UrgentCaseGoesToTheFrontlineWithGuidanceBeforeTheOnCallRotation()
    {
        var frontline = Agent("Priya", AgentTier.Frontline);
        var onCall = Agent("Tom", AgentTier.Senior, presence: Presence.Busy, onCall: true, proficiency: 5);

        var decision = _policy.Route(Case(IssueCategory.Billing, priority: CasePriority.Urgent), [frontline, onCall], Now);

        Assert.Same(frontline, decision.Agent);
        Assert.Equal(RoutingStep.FrontlineWithGuidance, decision.Step);
    }

    [Theory]
    [InlineData(Presence.Available)]
    [InlineData(Presence.Busy)]
    [InlineData(Presence.InMeeting)]
    public void UrgentCaseReachesAnOnCallAgentWhoIsConnected(Presence presence)
    {
        var onCall = Agent("Sam", AgentTier.Frontline, Skill.Technical, presence: presence, onCall: true);

        var decision = _policy.Route(Case(IssueCategory.Security, Skill.Security, AgentTier.Senior, CasePriority.Urgent), [onCall], Now);

        Assert.Same(onCall, decision.Agent);
        Assert.Equal(RoutingStep.SeniorOrOnCall, decision.Step);
    }

    [Theory]
    [InlineData(Presence.Away)]
    [InlineData(Presence.Offline)]
    public void OnCallAgentsWithoutALiveConnectionAreNotOfferedUrgentWorkByDefault(Presence presence)
    {
        var onCall = Agent("Tom", AgentTier.Senior, Skill.Security, presence: presence, onCall: true);

        var decision = _policy.Route(Case(IssueCategory.Security, Skill.Security, AgentTier.Senior, CasePriority.Urgent), [onCall], Now);

        Assert.Equal(RoutingOutcome.Queue, decision.Outcome);
        Assert.Equal("No specialist available, nor a senior or on-call agent", decision.Reason);
    }

    [Fact]
    public void AwayOnCallAgentsAreReachableWhenConfigured()
    {
        var policy = Policy(o => o.OnCallReachablePresences = [Presence.Available, Presence.Away]);
        var onCall = Agent("Tom", AgentTier.Senior, Skill.Security, presence: Presence.Away, onCall: true);

        var decision = policy.Route(Case(IssueCategory.Security, Skill.Security, AgentTier.Senior, CasePriority.Urgent), [onCall], Now);

        Assert.Same(onCall, decision.Agent);
    }

    [Fact]
    public void BusySeniorWhoIsNotOnCallIsNotOfferedUrgentWork()
    {
        var senior = Agent("Tom", AgentTier.Senior, presence: Presence.Busy);

        var decision = _policy.Route(Case(priority: CasePriority.Urgent, dispute: true), [senior], Now);

        Assert.Equal(RoutingOutcome.Queue, decision.Outcome);
    }

    [Fact]
    public void UrgentFallbackNeedsTheSkillWhenConfigured()
    {
        var policy = Policy(o => o.UrgentFallbackRequiresSkill = true);
        var unskilled = Agent("Tom", AgentTier.Senior, Skill.Security);

        var decision = policy.Route(Case(priority: CasePriority.Urgent, dispute: true), [unskilled], Now);

        Assert.Equal(RoutingOutcome.Queue, decision.Outcome);
    }

    [Fact]
    public void UrgentFallbackStillPrefersTheSkilledAgent()
    {
        var unskilled = Agent("Tom", AgentTier.Senior, Skill.Security, proficiency: 5, load: 0);
        var skilledOnCall = Agent("Sam", AgentTier.Frontline, presence: Presence.Busy, onCall: true, proficiency: 1, load: 2);

        var decision = _policy.Route(Case(priority: CasePriority.Urgent, dispute: true), [unskilled, skilledOnCall], Now);

        Assert.Same(skilledOnCall, decision.Agent);
    }

    [Fact]
    public void CaseAgedToUrgentDoesNotOpenTheUrgentStep()
    {
        var policy = Policy(o => o.Aging.HighToUrgentMinutes = 10);
        var onCall = Agent("Tom", AgentTier.Senior, Skill.Security, onCall: true);
        var @case = Case(priority: CasePriority.High, dispute: true, queuedAt: Now.AddHours(-5));

        var decision = policy.Route(@case, [onCall], Now);

        Assert.Equal(CasePriority.Urgent, policy.Ordering.EffectivePriority(@case, Now));
        Assert.Equal(RoutingOutcome.Queue, decision.Outcome);
    }

    [Fact]
    public void CaseThatNeedsNoSpecialistGoesToTheFrontlineFirst()
    {
        var specialist = Agent("Marcus", proficiency: 5);
        var frontline = Agent("Priya", AgentTier.Frontline, Skill.ProductTraining, proficiency: 2);
        var expertInProduct = specialist with { Skills = SkillLevels.Of((Skill.ProductTraining, 5)) };

        var decision = _policy.Route(Case(IssueCategory.ProductQuestion, Skill.ProductTraining, AgentTier.Frontline), [expertInProduct, frontline], Now);

        Assert.Same(frontline, decision.Agent);
        Assert.Equal(RoutingStep.Frontline, decision.Step);
    }

    [Fact]
    public void CaseThatNeedsNoSpecialistClimbsToASpecialistWhenNoFrontlineIsFree()
    {
        var frontline = Agent("Priya", AgentTier.Frontline, Skill.ProductTraining, load: 3);
        var specialist = Agent("Marcus", skill: Skill.ProductTraining);

        var decision = _policy.Route(Case(IssueCategory.ProductQuestion, Skill.ProductTraining, AgentTier.Frontline), [frontline, specialist], Now);

        Assert.Same(specialist, decision.Agent);
        Assert.Equal(RoutingStep.Specialist, decision.Step);
    }

    [Fact]
    public void CaseThatNeedsNoSpecialistIsQueuedWhenNobodyHasTheSkill()
    {
        var decision = _policy.Route(Case(IssueCategory.ProductQuestion, Skill.ProductTraining, AgentTier.Frontline), [Agent("Marcus")], Now);

        Assert.Equal(RoutingOutcome.Queue, decision.Outcome);
        Assert.Equal("No agent available", decision.Reason);
    }

    [Fact]
    public void EngineeringCaseGoesOnlyToEngineers()
    {
        var specialist = Agent("Lena", skill: Skill.Technical, proficiency: 5);
        var engineer = Agent("Aiko", AgentTier.Engineering, Skill.Technical, proficiency: 2);

        var decision = _policy.Route(Case(IssueCategory.Technical, Skill.Technical, AgentTier.Engineering), [specialist, engineer], Now);

        Assert.Same(engineer, decision.Agent);
        Assert.Equal(RoutingStep.Engineering, decision.Step);
    }

    [Fact]
    public void EngineeringCaseWaitsForAnEngineer()
    {
        var specialist = Agent("Lena", skill: Skill.Technical, proficiency: 5, onCall: true);
        var engineerOffline = Agent("Aiko", AgentTier.Engineering, Skill.Technical, presence: Presence.Offline);

        var decision = _policy.Route(Case(IssueCategory.Technical, Skill.Technical, AgentTier.Engineering, CasePriority.Urgent), [specialist, engineerOffline], Now);

        Assert.Equal(RoutingOutcome.Queue, decision.Outcome);
        Assert.Equal("No engineer available, nor an on-call engineer", decision.Reason);
    }

    [Fact]
    public void UrgentEngineeringCaseReachesTheOnCallEngineerInAMeeting()
    {
        var engineer = Agent("Aiko", AgentTier.Engineering, Skill.Integration, presence: Presence.InMeeting, onCall: true);

        var decision = _policy.Route(Case(IssueCategory.Technical, Skill.Technical, AgentTier.Engineering, CasePriority.Urgent), [engineer], Now);

        Assert.Same(engineer, decision.Agent);
        Assert.Equal(RoutingStep.SeniorOrOnCall, decision.Step);
    }

    [Fact]
    public void OrdinaryCasesNeverGoToEngineers()
    {
        var engineer = Agent("Aiko", AgentTier.Engineering, Skill.Technical, proficiency: 5, onCall: true);

        var decision = _policy.Route(Case(IssueCategory.Technical, Skill.Technical, AgentTier.Senior, CasePriority.Urgent), [engineer], Now);

        Assert.Equal(RoutingOutcome.Queue, decision.Outcome);
    }

    [Fact]
    public void RouteToHandsAQueuedCaseToTheAgentWhoBecameFree()
    {
        var frontline = Agent("Priya", AgentTier.Frontline);

        var guided = _policy.RouteTo(Case(IssueCategory.Billing), frontline, Now);
        var dispute = _policy.RouteTo(Case(IssueCategory.Billing, dispute: true), frontline, Now);

        Assert.Same(frontline, guided.Agent);
        Assert.Equal(RoutingStep.FrontlineWithGuidance, guided.Step);
        Assert.Equal(RoutingOutcome.Queue, dispute.Outcome);
    }

    [Fact]
    public void CanTakeAgreesWithRoutingToTheAgentAlone()
    {
        var random = new Random(4);
        var agents = RandomAgents(random, 60);

        for (var i = 0; i < 400; i++)
        {
            var @case = RandomCase(random, i, agents);
            foreach (var agent in agents)
                Assert.Equal(_policy.RouteTo(@case, agent, Now).Outcome == RoutingOutcome.Offer, _policy.CanTake(agent, @case));
        }
    }

    [Fact]
    public void RoutingNeverOffersACaseToAnAgentWhoCannotTakeIt()
    {
        var random = new Random(7);
        var agents = RandomAgents(random, 80);

        for (var i = 0; i < 500; i++)
        {
            var @case = RandomCase(random, i, agents);
            var decision = _policy.Route(@case, agents, Now);
            if (decision.Agent is not { } agent) continue;
            Assert.True(agent.Load < agent.Capacity);
            Assert.DoesNotContain(agent.Id, @case.ExcludedAgents);
            Assert.True(@case.TeamId is null || @case.TeamId == agent.TeamId);
            Assert.Equal(@case.IsEngineering, agent.Tier == AgentTier.Engineering);
            Assert.True(agent.Presence == Presence.Available || (agent.OnCall && decision.Step == RoutingStep.SeniorOrOnCall));
        }
    }
}
