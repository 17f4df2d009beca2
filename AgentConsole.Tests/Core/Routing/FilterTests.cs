using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using static AgentConsole.Tests.Core.Routing.RoutingFixtures;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Routing;

public sealed class FilterTests
{
    private readonly RoutingPolicy _policy = Policy();

    private CandidateVerdict VerdictAtSpecialistStep(CaseToRoute @case, AgentSnapshot agent) =>
        _policy.Route(@case, [agent], Now).Explain().Steps.First(s => s.Step == RoutingStep.Specialist).Candidates.Single();

    [Theory]
    [InlineData(Presence.Busy, "Busy")]
    [InlineData(Presence.Away, "Away")]
    [InlineData(Presence.InMeeting, "In a meeting")]
    [InlineData(Presence.Offline, "Offline")]
    public void OnlyAvailableAgentsAreOfferedNewWork(Presence presence, string reason)
    {
        var agent = Agent("Marcus", presence: presence);

        var verdict = VerdictAtSpecialistStep(Case(dispute: true), agent);

        Assert.Equal(CandidateFilter.Presence, verdict.DroppedBy);
        Assert.Equal(reason, verdict.Reason);
    }

    [Fact]
    public void AnAgentWithoutTheSkillIsDropped()
    {
        var agent = Agent("Lena", skill: Skill.Technical);

        var verdict = VerdictAtSpecialistStep(Case(dispute: true), agent);

        Assert.Equal(CandidateFilter.Skill, verdict.DroppedBy);
        Assert.Equal("No Billing skill", verdict.Reason);
    }

    [Fact]
    public void ProficiencyZeroCountsAsNoSkill()
    {
        var agent = Agent("Lena") with { Skills = SkillLevels.Of((Skill.Billing, 0)) };

        var decision = _policy.Route(Case(dispute: true), [agent], Now);

        Assert.Equal(RoutingOutcome.Queue, decision.Outcome);
    }

    [Fact]
    public void AnAgentWhoDeclinedTheCaseIsNotOfferedItAgain()
    {
        var marcus = Agent("Marcus", proficiency: 5);
        var dana = Agent("Dana", proficiency: 2);
        var @case = Case().Excluding(marcus.Id);

        var decision = _policy.Route(@case, [marcus, dana], Now);
        var verdict = decision.Explain().Steps[0].Candidates.Single(c => c.AgentId == marcus.Id);

        Assert.Same(dana, decision.Agent);
        Assert.Equal(CandidateFilter.Excluded, verdict.DroppedBy);
        Assert.Equal("Declined this case or let its offer time out", verdict.Reason);
    }

    [Fact]
    public void ExcludingAnAgentLeavesTheOriginalCaseUntouched()
    {
        var original = Case();
        var agentId = Guid.NewGuid();

        var excluded = original.Excluding(agentId).Excluding(agentId);

        Assert.Empty(original.ExcludedAgents);
        Assert.Equal([agentId], excluded.ExcludedAgents);
    }

    [Theory]
    [InlineData(3, 3, "At capacity 3/3")]
    [InlineData(4, 3, "At capacity 4/3")]
    [InlineData(0, 0, "At capacity 0/0")]
    public void AnAgentAtOrOverCapacityIsDropped(int load, int capacity, string reason)
    {
        var agent = Agent("Marcus", load: load, capacity: capacity);

        var verdict = VerdictAtSpecialistStep(Case(dispute: true), agent);

        Assert.Equal(CandidateFilter.Capacity, verdict.DroppedBy);
        Assert.Equal(reason, verdict.Reason);
    }

    [Fact]
    public void AnAgentWithOneFreeSlotIsEligible()
    {
        var agent = Agent("Marcus", load: 2, capacity: 3);

        Assert.True(CapacityLimiter.Admits(agent));
        Assert.Same(agent, _policy.Route(Case(), [agent], Now).Agent);
    }

    [Fact]
    public void ACaseTransferredToATeamGoesOnlyToThatTeam()
    {
        var billing = Agent("Marcus", proficiency: 5, team: BillingTeam);
        var tech = Agent("Lena", proficiency: 5, team: TechTeam, load: 0);
        var @case = Case() with { TeamId = TechTeam };

        var decision = _policy.Route(@case, [billing, tech], Now);
        var verdict = decision.Explain().Steps[0].Candidates.Single(c => c.AgentId == billing.Id);

        Assert.Same(tech, decision.Agent);
        Assert.Equal(CandidateFilter.Team, verdict.DroppedBy);
        Assert.False(TeamFilter.Admits(billing, @case));
        Assert.True(TeamFilter.Admits(billing, Case()));
    }

    [Fact]
    public void FiltersRunInAFixedOrderAndReportTheFirstThatFails()
    {
        AgentSnapshot[] agents =
        [
            Agent("OtherTeam", skill: Skill.Technical, presence: Presence.Away, load: 3, team: TechTeam),
            Agent("NoSkill", skill: Skill.Technical, presence: Presence.Away, load: 3),
            Agent("Declined", presence: Presence.Away, load: 3),
            Agent("Away", presence: Presence.Away, load: 3),
            Agent("Full", load: 3),
        ];
        var @case = (Case(dispute: true) with { TeamId = BillingTeam }).Excluding(agents[2].Id);

        var verdicts = _policy.Route(@case, agents, Now).Explain().Steps[0].Candidates.ToDictionary(c => c.AgentName, c => c.DroppedBy);

        Assert.Equal(CandidateFilter.Team, verdicts["OtherTeam"]);
        Assert.Equal(CandidateFilter.Skill, verdicts["NoSkill"]);
        Assert.Equal(CandidateFilter.Excluded, verdicts["Declined"]);
        Assert.Equal(CandidateFilter.Presence, verdicts["Away"]);
        Assert.Equal(CandidateFilter.Capacity, verdicts["Full"]);
    }

    [Fact]
    public void OnCallAgentsAreHeldToCapacityToo()
    {
        var onCall = Agent("Tom", AgentTier.Senior, presence: Presence.Busy, onCall: true, load: 2, capacity: 2);

        var decision = _policy.Route(Case(priority: CasePriority.Urgent, dispute: true), [onCall], Now);
        var verdict = decision.Explain().Steps.Single(s => s.Step == RoutingStep.SeniorOrOnCall).Candidates.Single();

        Assert.Equal(RoutingOutcome.Queue, decision.Outcome);
        Assert.Equal("At capacity 2/2", verdict.Reason);
    }

    [Fact]
    public void AnUnreachableOnCallAgentIsExplainedAsSuch()
    {
        var onCall = Agent("Tom", AgentTier.Senior, presence: Presence.Offline, onCall: true);

        var verdict = _policy.Route(Case(priority: CasePriority.Urgent, dispute: true), [onCall], Now).Explain()
            .Steps.Single(s => s.Step == RoutingStep.SeniorOrOnCall).Candidates.Single();

        Assert.Equal("Offline (on call, but not reachable)", verdict.Reason);
    }

    [Fact]
    public void EligibilityFilterWaivesTheSkillOnlyWhenTheStepSaysSo()
    {
        var filter = new EligibilityFilter(ShippedSettings.Routing());
        var agent = Agent("Tom", AgentTier.Senior, Skill.Security);

        Assert.Equal(CandidateFilter.Skill, filter.Check(agent, Case(), proficiency: 0, skillRequired: true, onCallStep: false));
        Assert.Null(filter.Check(agent, Case(), proficiency: 0, skillRequired: false, onCallStep: true));
    }
}
