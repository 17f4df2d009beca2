using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using static AgentConsole.Tests.Core.Routing.RoutingFixtures;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Routing;

public sealed class SelectorTests
{
    private readonly RoutingPolicy _policy = Policy();

    private AgentSnapshot? Winner(params AgentSnapshot[] agents) => _policy.Route(Case(), agents, Now).Agent;

    [Fact]
    public void HigherProficiencyBeatsLowerLoad()
    {
        var expert = Agent("Marcus", proficiency: 5, load: 2);
        var idle = Agent("Dana", proficiency: 4, load: 0, lastAssignedAt: Now.AddDays(-3));

        Assert.Same(expert, Winner(idle, expert));
    }

    [Fact]
    public void LowerLoadRelativeToCapacityBeatsLongerIdle()
    {
        var quarterLoaded = Agent("Marcus", load: 1, capacity: 4, lastAssignedAt: Now.AddMinutes(-1));
        var thirdLoadedNeverAssigned = Agent("Dana", load: 1, capacity: 3) with { LastAssignedAt = null };

        Assert.Same(quarterLoaded, Winner(thirdLoadedNeverAssigned, quarterLoaded));
    }

    [Fact]
    public void LoadCountsRelativeToCapacityNotAsACount()
    {
        var twoOfSix = Agent("Marcus", load: 2, capacity: 6);
        var oneOfTwo = Agent("Dana", load: 1, capacity: 2);

        Assert.Same(twoOfSix, Winner(oneOfTwo, twoOfSix));
    }

    [Fact]
    public void LongestIdleBreaksATieInLoad()
    {
        var recent = Agent("Marcus", load: 1, capacity: 3, lastAssignedAt: Now.AddMinutes(-5));
        var longIdle = Agent("Dana", load: 2, capacity: 6, lastAssignedAt: Now.AddHours(-2));

        Assert.Same(longIdle, Winner(recent, longIdle));
    }

    [Fact]
    public void AnAgentNeverAssignedCountsAsIdleTheLongest()
    {
        var weekIdle = Agent("Marcus", lastAssignedAt: Now.AddDays(-7));
        var never = Agent("Dana") with { LastAssignedAt = null };

        Assert.Same(never, Winner(weekIdle, never));
    }

    [Fact]
    public void IdenticalAgentsAreSeparatedByIdNotByListOrder()
    {
        var first = Agent("Marcus", id: Id(1));
        var second = first with { Id = Id(2), Name = "Dana" };

        Assert.Same(first, Winner(first, second));
        Assert.Same(first, Winner(second, first));
    }

    [Fact]
    public void TheScoreIsTheSumOfItsNamedTerms()
    {
        var agent = Agent("Marcus", proficiency: 4, load: 1, capacity: 4, lastAssignedAt: Now.AddHours(-1));

        var explanation = _policy.Route(Case(), [agent], Now).Explain();

        Assert.Equal(["proficiency", "spareCapacity", "idle"], explanation.Terms.Select(t => t.Name));
        Assert.Equal(400, explanation.Terms[0].Value);
        Assert.Equal(7.5, explanation.Terms[1].Value, 12);
        Assert.Equal(AgentScorer.IdleWeight / 2, explanation.Terms[2].Value, 12);
        Assert.Equal(explanation.Terms.Aggregate(0d, (sum, t) => sum + t.Value), explanation.Score);
    }

    [Fact]
    public void ScoreOrderMatchesTheTieBreakOrderExactly()
    {
        // Proficiency, then load relative to capacity, then idle: the summed score must never
        // disagree with comparing those three in turn, for every capacity the store allows.
        var random = new Random(11);
        var scorer = new AgentScorer();
        var @case = Case();
        for (var i = 0; i < 20_000; i++)
        {
            var a = RandomAgent(random);
            var b = RandomAgent(random);
            var pa = a.Skills[@case.RequiredSkill];
            var pb = b.Skills[@case.RequiredSkill];
            var byScore = scorer.Score(a, @case, pa, Now).CompareTo(scorer.Score(b, @case, pb, Now));
            var lexicographic = Lexicographic(a, b, pa, pb);
            if (lexicographic != 0 && byScore != 0) Assert.Equal(lexicographic, byScore);
            Assert.Equal(lexicographic > 0 || (lexicographic == 0 && a.Id.CompareTo(b.Id) < 0),
                AgentSelector.Prefers(a, scorer.Score(a, @case, pa, Now), pa, b, scorer.Score(b, @case, pb, Now), pb));
        }
    }

    [Fact]
    public void AnExtraScoreTermIsAddedAndExplained()
    {
        var fastResolver = Agent("Dana", load: 2);
        var free = Agent("Marcus", load: 0);
        var policy = new RoutingPolicy(ShippedSettings.Routing(), [new OutcomeTerm(fastResolver.Id)]);

        var decision = policy.Route(Case(), [free, fastResolver], Now);
        var terms = decision.Explain().Terms;

        Assert.Same(fastResolver, decision.Agent);
        Assert.Equal("outcome", terms[^1].Name);
        Assert.Equal("Resolves Billing fastest", terms[^1].Detail);
        Assert.Equal(terms.Aggregate(0d, (sum, t) => sum + t.Value), decision.Score);
    }

    private static AgentSnapshot RandomAgent(Random random)
    {
        var capacity = random.Next(1, 101);
        // Small ranges make ties in each term common, so every tie-break gets exercised.
        DateTime? last = random.Next(0, 5) switch
        {
            0 => null,
            1 => Now.AddDays(-random.Next(0, 40)),
            _ => Now.AddSeconds(-random.Next(0, 4) * 1800),
        };
        var load = random.Next(0, 3) == 0 ? capacity / 2 : random.Next(0, capacity);
        return new AgentSnapshot(Guid.NewGuid(), "A", BillingTeam, AgentTier.Specialist,
            SkillLevels.Of((Skill.Billing, random.Next(1, 3))), capacity, load, false, Presence.Available, last);
    }

    private static int Lexicographic(AgentSnapshot a, AgentSnapshot b, int pa, int pb)
    {
        if (pa != pb) return pa.CompareTo(pb);
        var ratio = ((long)b.Load * a.Capacity).CompareTo((long)a.Load * b.Capacity);
        if (ratio != 0) return ratio;
        if (a.LastAssignedAt == b.LastAssignedAt) return 0;
        if (a.LastAssignedAt is null) return 1;
        if (b.LastAssignedAt is null) return -1;
        return b.LastAssignedAt.Value.CompareTo(a.LastAssignedAt.Value);
    }

    private sealed class OutcomeTerm(Guid fastest) : IScoreTerm
    {
        public string Name => "outcome";
        public double Value(AgentSnapshot agent, CaseToRoute @case, DateTime now) => agent.Id == fastest ? 50 : 0;
        public string Describe(AgentSnapshot agent, CaseToRoute @case, DateTime now) => agent.Id == fastest ? $"Resolves {@case.RequiredSkill} fastest" : "No outcome data";
    }
}
