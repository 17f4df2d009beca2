using System.Text.Json;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using static AgentConsole.Tests.Core.Routing.RoutingFixtures;

namespace AgentConsole.Tests.Core.Routing;

public sealed class ExplanationTests
{
    private readonly RoutingPolicy _policy = Policy();

    [Fact]
    public void ExplainsEveryCandidateAndTheTermsThatPickedTheWinner()
    {
        var marcus = Agent("Marcus Okafor", proficiency: 5, load: 1, lastAssignedAt: Now.AddMinutes(-40));
        var dana = Agent("Dana", proficiency: 3);
        var away = Agent("Lena", presence: Presence.Away);
        var full = Agent("Omar", load: 3);
        var noSkill = Agent("Tom", AgentTier.Senior, Skill.Security);
        var declined = Agent("Ines");
        var @case = Case(id: 42).Excluding(declined.Id);

        var explanation = _policy.Route(@case, [away, full, noSkill, declined, dana, marcus], Now).Explain();
        var specialist = explanation.Steps.Single();

        Assert.Equal(42, explanation.CaseId);
        Assert.Equal(RoutingOutcome.Offer, explanation.Outcome);
        Assert.Equal(RoutingStep.Specialist, explanation.DecidedBy);
        Assert.Equal(marcus.Id, explanation.AgentId);
        Assert.Equal("Marcus Okafor", explanation.AgentName);
        Assert.Equal("Routed to Marcus Okafor (Specialist) at the specialist step: Billing 5/5, 1 of 3 cases, Last assigned 40 min ago.", explanation.Summary);
        Assert.Equal(["Billing 5/5", "1 of 3 cases", "Last assigned 40 min ago"], explanation.Terms.Select(t => t.Detail));
        Assert.Equal("Chose Marcus Okafor: 2 eligible of 6 considered", specialist.Result);
        Assert.Equal(
            [
                ("Marcus Okafor", "Chosen"), ("Dana", "Eligible, ranked 2 of 2"),
                ("Ines", "Declined this case or let its offer time out"), ("Lena", "Away"), ("Omar", "At capacity 3/3"), ("Tom", "No Billing skill"),
            ],
            specialist.Candidates.Select(c => (c.AgentName, c.Reason)));
        Assert.True(specialist.Candidates[0].Chosen);
        Assert.Equal(3, specialist.Candidates[1].Terms.Count);
        Assert.Empty(specialist.Candidates[2].Terms);
    }

    [Fact]
    public void ExplainsAQueuedCaseStepByStep()
    {
        var specialist = Agent("Marcus", load: 3);
        var frontline = Agent("Priya", AgentTier.Frontline);
        var @case = Case(IssueCategory.Billing, dispute: true, queuedAt: Now.AddMinutes(-45));

        var explanation = _policy.Route(@case, [specialist, frontline], Now).Explain();

        Assert.Equal(RoutingOutcome.Queue, explanation.Outcome);
        Assert.Equal(RoutingStep.Queue, explanation.DecidedBy);
        Assert.Equal("Queued: No specialist available.", explanation.Summary);
        Assert.Null(explanation.AgentId);
        Assert.Empty(explanation.Terms);
        Assert.Equal(
            [RoutingStep.Specialist, RoutingStep.FrontlineWithGuidance, RoutingStep.SeniorOrOnCall],
            explanation.Steps.Select(s => s.Step));
        Assert.Equal("At capacity 3/3", explanation.Steps[0].Candidates.Single().Reason);
        Assert.Equal("Frontline not allowed for Billing disputes", explanation.Steps[1].Result);
        var priya = explanation.Steps[1].Candidates.Single();
        Assert.Equal((CandidateFilter.FrontlineNotAllowed, "Frontline not allowed for Billing disputes"), (priya.DroppedBy!.Value, priya.Reason));
        Assert.False(explanation.Steps[2].Ran);
        Assert.Equal("Skipped: the case is Normal, not Urgent", explanation.Steps[2].Result);
        Assert.Equal(CasePriority.High, explanation.EffectivePriority);
        Assert.Equal(45 * 60, explanation.WaitedSeconds);
    }

    [Fact]
    public void ExplainsACategoryTheFrontlineMayNotTake()
    {
        var frontline = Agent("Sam", AgentTier.Frontline, Skill.Integration);

        var explanation = _policy.Route(Case(IssueCategory.Integration, Skill.Integration), [frontline], Now).Explain();

        Assert.Equal("Frontline not allowed for Integration", explanation.Steps[1].Candidates.Single().Reason);
    }

    [Fact]
    public void ExplainsAStepWithNobodyInItsTier()
    {
        var explanation = _policy.Route(Case(dispute: true), [Agent("Priya", AgentTier.Frontline)], Now).Explain();

        Assert.Equal("No candidates in this tier", explanation.Steps[0].Result);
    }

    [Fact]
    public void TheExplanationDescribesTheSnapshotsTheDecisionSawEvenAfterTheyChange()
    {
        var marcus = Agent("Marcus");
        AgentSnapshot[] agents = [marcus];
        var decision = _policy.Route(Case(), agents, Now);

        agents[0] = marcus with { Load = 3, Presence = Presence.Away };
        var explanation = decision.Explain();

        Assert.Equal(marcus.Id, explanation.AgentId);
        Assert.Equal("Chosen", explanation.Steps[0].Candidates.Single().Reason);
        Assert.Same(explanation, decision.Explain());
    }

    [Fact]
    public void SerialisesToJsonWithNamesAndReadsBack()
    {
        var frontline = Agent("Priya", AgentTier.Frontline);
        var explanation = _policy.Route(Case(IssueCategory.Billing, dispute: true, priority: CasePriority.Urgent), [frontline], Now).Explain();

        var json = JsonSerializer.Serialize(explanation);
        var read = JsonSerializer.Deserialize<RoutingExplanation>(json)!;

        Assert.Contains("\"Outcome\":\"Queue\"", json);
        Assert.Contains("\"RequiredSkill\":\"Billing\"", json);
        Assert.Contains("\"Category\":\"Billing\"", json);
        Assert.Contains("\"Step\":\"FrontlineWithGuidance\"", json);
        Assert.Contains("\"DroppedBy\":\"FrontlineNotAllowed\"", json);
        Assert.Contains("\"Tier\":\"Frontline\"", json);
        Assert.Contains("\"DecidedAt\":\"2026-03-14T09:00:00Z\"", json);
        Assert.Equal(json, JsonSerializer.Serialize(read));
    }

    [Fact]
    public void ADecisionRoutedToOneAgentIsExplainedToo()
    {
        var frontline = Agent("Priya", AgentTier.Frontline);

        var explanation = _policy.RouteTo(Case(), frontline, Now).Explain();

        Assert.Equal(RoutingStep.FrontlineWithGuidance, explanation.DecidedBy);
        Assert.Equal("No candidates in this tier", explanation.Steps[0].Result);
        Assert.Equal("Chosen", explanation.Steps[1].Candidates.Single().Reason);
    }

    [Fact]
    public void EveryDecisionCanBeExplainedAndAgreesWithItself()
    {
        var random = new Random(21);
        var agents = RandomAgents(random, 40);

        for (var i = 0; i < 300; i++)
        {
            var decision = _policy.Route(RandomCase(random, i, agents), agents, Now);
            var explanation = decision.Explain();

            Assert.Equal(decision.Outcome, explanation.Outcome);
            Assert.Equal(decision.Step, explanation.DecidedBy);
            Assert.Equal(decision.Agent?.Id, explanation.AgentId);
            if (decision.Agent is not null)
                Assert.Single(explanation.Steps.Single(s => s.Step == decision.Step).Candidates, c => c.Chosen);
            foreach (var candidate in explanation.Steps.SelectMany(s => s.Candidates))
                Assert.Equal(candidate.DroppedBy is null, candidate.Score is not null);
        }
    }

    [Fact]
    public void AtADeskOfThousandsAStepListsItsBestEligibleAgentsAndFirstDroppedOnesAndCountsTheRestByFilter()
    {
        var random = new Random(5);
        var agents = Enumerable.Range(1, 3_000).Select(i => Agent($"Agent {i:D4}", proficiency: random.Next(1, 6),
            load: i % 60 == 0 ? 0 : 3, presence: i % 7 == 0 ? Presence.Away : Presence.Available, lastAssignedAt: Now.AddSeconds(-random.Next(0, 36_000)))).ToList();
        var eligible = agents.Where(a => a.Presence == Presence.Available && a.HasSpareCapacity).ToList();
        var dropped = agents.Except(eligible).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();

        var decision = _policy.Route(Case(), agents, Now);
        var step = decision.Explain().Steps.Single();
        var roundTripped = JsonSerializer.Deserialize<RoutingExplanation>(JsonSerializer.Serialize(decision.Explain(), Json), Json)!.Steps.Single();

        // The best ten, best first, as the policy ranks them; then the first 25 dropped, by name.
        var best = eligible.OrderByDescending(a => (a.Skills[Skill.Billing], (double)(a.Capacity - a.Load) / a.Capacity, -(a.LastAssignedAt!.Value.Ticks))).ThenBy(a => a.Id).Take(StepTrace.ListedEligible);
        Assert.Equal([.. best.Select(a => a.Name), .. dropped.Take(StepTrace.ListedDropped).Select(a => a.Name)], step.Candidates.Select(c => c.AgentName));
        Assert.Equal(decision.Agent!.Id, step.Candidates[0].AgentId);
        Assert.Equal($"Eligible, ranked 2 of {eligible.Count}", step.Candidates[1].Reason);
        Assert.Equal($"Chose {decision.Agent.Name}: {eligible.Count} eligible of 3,000 considered", step.Result);
        // Everyone else is counted, by the filter that dropped them.
        var unlisted = dropped.Skip(StepTrace.ListedDropped).ToList();
        Assert.Equal(
            [
                new OmittedCandidates(CandidateFilter.Presence, unlisted.Count(a => a.Presence != Presence.Available)),
                new OmittedCandidates(CandidateFilter.Capacity, unlisted.Count(a => a.Presence == Presence.Available)),
                new OmittedCandidates(null, eligible.Count - StepTrace.ListedEligible),
            ],
            step.Omitted.OrderBy(o => o.DroppedBy ?? (CandidateFilter)99));
        Assert.Equal(3_000, step.Candidates.Count + step.Omitted.Sum(o => o.Count));
        Assert.Equal(step.Omitted, roundTripped.Omitted);
    }

    [Fact]
    public void AnExplanationStoredBeforeStepsCountedTheirUnlistedAgentsReadsWithNone()
    {
        var stored = """{"step":"Specialist","ran":true,"result":"Chose Dana: 1 eligible of 1 considered","candidates":[]}""";

        var step = JsonSerializer.Deserialize<StepTrace>(stored, Json)!;

        Assert.Empty(step.Omitted);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
