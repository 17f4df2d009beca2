using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using static AgentConsole.Tests.Core.Routing.RoutingFixtures;

namespace AgentConsole.Tests.Core.Routing;

public sealed class CaseQueueTests
{
    private readonly RoutingPolicy _policy = Policy();
    private readonly CaseQueue _queue;

    public CaseQueueTests() => _queue = new CaseQueue(_policy);

    [Fact]
    public void PeeksTheHighestPriorityThenTheLongestWaitingCase()
    {
        _queue.Enqueue(Case(priority: CasePriority.Normal, queuedAt: Now.AddMinutes(-20), id: 1));
        _queue.Enqueue(Case(priority: CasePriority.High, queuedAt: Now.AddMinutes(-3), id: 2));
        _queue.Enqueue(Case(IssueCategory.Technical, Skill.Technical, priority: CasePriority.High, queuedAt: Now.AddMinutes(-4), id: 3));

        Assert.Equal(3, _queue.Peek(Now)!.CaseId);
        Assert.Equal([3L, 2, 1], _queue.Ordered(Now).Select(c => c.CaseId));
    }

    [Fact]
    public void AnEmptyQueueHasNoHead()
    {
        Assert.Null(_queue.Peek(Now));
        Assert.Null(_queue.NextFor(Agent("Marcus"), Now));
        Assert.Empty(_queue.Ordered(Now));
    }

    [Fact]
    public void RemovesACaseWhereverItWaits()
    {
        _queue.Enqueue(Case(id: 1, queuedAt: Now.AddMinutes(-5)));
        _queue.Enqueue(Case(id: 2, queuedAt: Now.AddMinutes(-3)) with { TeamId = TechTeam });
        _queue.Enqueue(Case(id: 3, queuedAt: Now.AddMinutes(-1)));

        Assert.True(_queue.Remove(1));
        Assert.True(_queue.Remove(2));
        Assert.False(_queue.Remove(2));
        Assert.False(_queue.Contains(1));
        Assert.True(_queue.TryGet(3, out var left));
        Assert.Equal(3, left.CaseId);
        Assert.Equal(1, _queue.Count);
        Assert.Equal(3, _queue.Peek(Now)!.CaseId);
    }

    [Fact]
    public void ACaseWaitsOnlyOnce()
    {
        _queue.Enqueue(Case(id: 1));

        Assert.Throws<InvalidOperationException>(() => _queue.Enqueue(Case(id: 1, priority: CasePriority.Urgent)));
        Assert.Single(_queue.Cases);
    }

    [Fact]
    public void AnAgedNormalCaseOvertakesANewerHighCaseAsTimePasses()
    {
        _queue.Enqueue(Case(priority: CasePriority.Normal, queuedAt: Now, id: 1));
        _queue.Enqueue(Case(priority: CasePriority.High, queuedAt: Now.AddMinutes(10), id: 2));

        Assert.Equal(2, _queue.Peek(Now.AddMinutes(29))!.CaseId);
        Assert.Equal(1, _queue.Peek(Now.AddMinutes(30))!.CaseId);
        Assert.Equal([1L, 2], _queue.Ordered(Now.AddMinutes(30)).Select(c => c.CaseId));
        Assert.Equal(1, _queue.NextFor(Agent("Marcus"), Now.AddMinutes(30))!.CaseId);
    }

    [Fact]
    public void GivesAFreeAgentTheFirstCaseTheyCanTake()
    {
        _queue.Enqueue(Case(IssueCategory.Technical, Skill.Technical, priority: CasePriority.Urgent, id: 1));
        _queue.Enqueue(Case(IssueCategory.Billing, priority: CasePriority.High, dispute: true, queuedAt: Now.AddMinutes(-9), id: 2));
        _queue.Enqueue(Case(IssueCategory.Billing, priority: CasePriority.High, queuedAt: Now.AddMinutes(-1), id: 3));
        var specialist = Agent("Marcus");
        var frontline = Agent("Priya", AgentTier.Frontline);

        Assert.Equal(2, _queue.NextFor(specialist, Now)!.CaseId);
        Assert.Equal(3, _queue.NextFor(frontline, Now)!.CaseId);
    }

    [Fact]
    public void EngineersTakeOnlyEngineeringCasesAndOthersNever()
    {
        _queue.Enqueue(Case(IssueCategory.Technical, Skill.Technical, AgentTier.Specialist, CasePriority.Urgent, id: 1));
        _queue.Enqueue(Case(IssueCategory.Technical, Skill.Technical, AgentTier.Engineering, CasePriority.Low, id: 2));

        Assert.Equal(2, _queue.NextFor(Agent("Aiko", AgentTier.Engineering, Skill.Technical), Now)!.CaseId);
        Assert.Equal(1, _queue.NextFor(Agent("Lena", AgentTier.Senior, Skill.Technical), Now)!.CaseId);
    }

    [Fact]
    public void SkipsCasesTheAgentDeclined()
    {
        var marcus = Agent("Marcus");
        _queue.Enqueue(Case(id: 1, queuedAt: Now.AddMinutes(-9)).Excluding(marcus.Id));
        _queue.Enqueue(Case(id: 2, queuedAt: Now.AddMinutes(-8)).Excluding(marcus.Id));
        _queue.Enqueue(Case(id: 3, queuedAt: Now.AddMinutes(-7)));

        Assert.Equal(3, _queue.NextFor(marcus, Now)!.CaseId);
        Assert.Equal(1, _queue.NextFor(Agent("Dana"), Now)!.CaseId);
    }

    [Fact]
    public void ACaseTransferredToATeamWaitsForThatTeam()
    {
        _queue.Enqueue(Case(id: 1, priority: CasePriority.Urgent) with { TeamId = TechTeam });
        _queue.Enqueue(Case(id: 2, priority: CasePriority.Low));

        Assert.Equal(2, _queue.NextFor(Agent("Marcus", team: BillingTeam), Now)!.CaseId);
        Assert.Equal(1, _queue.NextFor(Agent("Lena", team: TechTeam), Now)!.CaseId);
        Assert.Equal(1, _queue.Peek(Now)!.CaseId);
    }

    [Fact]
    public void AnAgentWhoCannotTakeWorkGetsNothing()
    {
        _queue.Enqueue(Case(id: 1));

        Assert.Null(_queue.NextFor(Agent("Marcus", load: 3), Now));
        Assert.Null(_queue.NextFor(Agent("Marcus", presence: Presence.Away), Now));
        Assert.Null(_queue.NextFor(Agent("Lena", skill: Skill.Technical), Now));
    }

    [Fact]
    public void ABusyOnCallSeniorGetsOnlyUrgentCasesEvenWithoutTheSkill()
    {
        var tom = Agent("Tom", AgentTier.Senior, Skill.Security, presence: Presence.Busy, onCall: true);
        _queue.Enqueue(Case(id: 1, priority: CasePriority.High, queuedAt: Now.AddMinutes(-20)));
        Assert.Null(_queue.NextFor(tom, Now));

        _queue.Enqueue(Case(IssueCategory.Integration, Skill.Integration, priority: CasePriority.Urgent, id: 2));

        Assert.Equal(2, _queue.NextFor(tom, Now)!.CaseId);
    }

    [Fact]
    public void NextForMatchesTheFirstCaseInQueueOrderThatTheAgentCanTake()
    {
        var random = new Random(5);
        var agents = RandomAgents(random, 50);
        var cases = Enumerable.Range(1, 600).Select(i => RandomCase(random, i, agents)).ToList();
        foreach (var @case in cases) _queue.Enqueue(@case);
        foreach (var @case in cases.Where((_, i) => i % 7 == 0)) _queue.Remove(@case.CaseId);

        foreach (var minutes in new[] { 0, 25, 45, 130 })
        {
            var now = Now.AddMinutes(minutes);
            var ordered = _queue.Ordered(now);
            Assert.Equal(ordered[0], _queue.Peek(now));
            foreach (var agent in agents)
                Assert.Equal(ordered.FirstOrDefault(c => _policy.CanTake(agent, c))?.CaseId, _queue.NextFor(agent, now)?.CaseId);
        }
    }

    [Fact]
    public void NextForStaysRightAsCasesComeAndGoAndHeadsAreTaken()
    {
        var random = new Random(17);
        var agents = RandomAgents(random, 40);
        var waiting = new List<CaseToRoute>();
        long id = 0;
        for (var round = 0; round < 30; round++)
        {
            var now = Now.AddMinutes(round * 7);
            for (var i = 0; i < 40; i++)
            {
                var @case = RandomCase(random, ++id, agents) with { QueuedAt = now.AddMinutes(-random.Next(0, 120)) };
                _queue.Enqueue(@case);
                waiting.Add(@case);
            }
            // As the engine does: free agents take their next case, and others leave from anywhere in the queue.
            foreach (var agent in agents.Take(8))
                if (_queue.NextFor(agent, now) is { } next) { Assert.True(_queue.Remove(next.CaseId)); waiting.Remove(next); }
            if (_queue.Peek(now) is { } head) { Assert.True(_queue.Remove(head.CaseId)); waiting.Remove(head); }
            foreach (var gone in waiting.Where(_ => random.NextDouble() < 0.1).ToList()) { Assert.True(_queue.Remove(gone.CaseId)); waiting.Remove(gone); }

            var ordered = waiting.Order(_policy.Ordering.At(now)).ToList();
            Assert.Equal(ordered.FirstOrDefault()?.CaseId, _queue.Peek(now)?.CaseId);
            foreach (var agent in agents)
                Assert.Equal(ordered.FirstOrDefault(c => _policy.CanTake(agent, c))?.CaseId, _queue.NextFor(agent, now)?.CaseId);
        }
        Assert.Equal(waiting.Count, _queue.Count);
    }

    [Fact]
    public void OrderedMatchesSortingEveryCaseByTheOrdering()
    {
        var random = new Random(9);
        var agents = RandomAgents(random, 10);
        var cases = Enumerable.Range(1, 500).Select(i => RandomCase(random, i, agents)).ToList();
        foreach (var @case in cases) _queue.Enqueue(@case);

        var expected = cases.Order(_policy.Ordering.At(Now.AddHours(1))).Select(c => c.CaseId);

        Assert.Equal(expected, _queue.Ordered(Now.AddHours(1)).Select(c => c.CaseId));
    }
}
