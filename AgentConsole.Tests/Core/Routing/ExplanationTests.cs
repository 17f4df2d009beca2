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
}
