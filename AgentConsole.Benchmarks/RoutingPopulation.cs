using System.Collections.Frozen;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Benchmarks;

/// <summary>A routing benchmark size: how many agents the index holds and how many cases wait in the queue.</summary>
/// <param name="Agents">Agents in the <see cref="AgentIndex"/>.</param>
/// <param name="Queued">Cases waiting in the <see cref="CaseQueue"/>.</param>
public sealed record RoutingScale(int Agents, int Queued)
{
    /// <summary>100 agents, 1,000 queued: the baseline of the scaling ratio.</summary>
    public static readonly RoutingScale Small = new(100, 1_000);

    /// <summary>1,000 agents, 10,000 queued: the size the first p99 target (20 µs) was set for.</summary>
    public static readonly RoutingScale Large = new(1_000, 10_000);

    /// <summary>10,000 agents, 100,000 queued: a bigger desk, with the same p99 target (20 µs).</summary>
    public static readonly RoutingScale Huge = new(10_000, 100_000);

    /// <summary>The sizes that the README's figures are measured at, smallest first.</summary>
    public static IReadOnlyList<RoutingScale> All { get; } = [Small, Large, Huge];

    /// <summary>"1000/10000": agents/queued, short enough for a table column.</summary>
    public override string ToString() => $"{Agents}/{Queued}";
}

/// <summary>
/// A reproducible routing workload shared by <see cref="RoutingBenchmarks"/> and
/// <see cref="RoutingLatency"/>: an <see cref="AgentIndex"/> of agents with realistic tiers,
/// skills, loads and presences (most agents at or near capacity, so thousands of cases stay
/// queued), a <see cref="CaseQueue"/> of waiting cases spread over the last two hours (so aging
/// applies), and rotating sets of inputs for the two routing decisions: a new case arriving, and
/// an agent freeing up. Both decisions are pure reads of the index and the queue, so the state
/// stays the same however many decisions run.
/// </summary>
public sealed class RoutingPopulation
{
    /// <summary>The instant every decision is made at.</summary>
    public static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>The default seed; the same seed gives the same population.</summary>
    public const int DefaultSeed = 20_260_314;

    /// <summary>How many distinct inputs of each kind rotate (a power of two).</summary>
    public const int InputCount = 4096;
    private const int InputMask = InputCount - 1;

    /// <summary>The share of agents who are Available with a slot free; the rest of the Available agents are full.</summary>
    public const double FreeShare = 0.05;

    // Skill mix of cases and of agents' primary skills: Billing, Technical, AccountManagement,
    // ProductTraining, Integration, Security, Retention.
    private static readonly double[] SkillWeights = [25, 25, 15, 10, 10, 5, 10];
    private static readonly Skill[] EngineeringSkills = [Skill.Technical, Skill.Integration, Skill.Security];
    // The category a case with each skill usually has (the rest of the time it is random).
    private static readonly IssueCategory[] UsualCategory =
    [
        IssueCategory.Billing, IssueCategory.Technical, IssueCategory.AccountAccess, IssueCategory.ProductQuestion,
        IssueCategory.Integration, IssueCategory.Security, IssueCategory.Cancellation,
    ];
    // Agent tiers: Frontline, Specialist, Senior, Engineering.
    private static readonly double[] AgentTierWeights = [45, 30, 15, 10];
    // Suggested tiers of cases: Frontline, Specialist, Senior, Engineering.
    private static readonly double[] CaseTierWeights = [45, 35, 10, 10];
    // Priorities: Low, Normal, High, Urgent.
    private static readonly double[] PriorityWeights = [20, 50, 22, 8];
    // Presences: Available, Busy, Away, InMeeting, Offline.
    private static readonly double[] PresenceWeights = [70, 10, 7, 8, 5];

    private readonly CaseToRoute[] _newCases;
    private readonly AgentSnapshot[] _freedAgents;
    private readonly AgentSnapshot[][] _poolBySkill;

    private RoutingPopulation(RoutingScale scale, RoutingPolicy policy, AgentSnapshot[] agents, AgentIndex index, CaseQueue queue,
        CaseToRoute[] newCases, AgentSnapshot[] freedAgents)
    {
        Scale = scale;
        Policy = policy;
        Agents = agents;
        Index = index;
        Queue = queue;
        _newCases = newCases;
        _freedAgents = freedAgents;
        // What the index handed a decision before it kept its ready agents sorted: everyone with the skill, and the seniors, engineers and on-call agents without it.
        _poolBySkill = [.. Enum.GetValues<Skill>().Select(skill => agents.Where(a => a.Skills.Has(skill) || a.OnCall || a.Tier is AgentTier.Senior or AgentTier.Engineering).ToArray())];
    }

    /// <summary>The size this population was built for.</summary>
    public RoutingScale Scale { get; }

    /// <summary>The policy, with the default options.</summary>
    public RoutingPolicy Policy { get; }

    /// <summary>Every agent, as held by <see cref="Index"/>.</summary>
    public IReadOnlyList<AgentSnapshot> Agents { get; }

    /// <summary>The index holding every agent.</summary>
    public AgentIndex Index { get; }

    /// <summary>The queue holding <see cref="RoutingScale.Queued"/> cases.</summary>
    public CaseQueue Queue { get; }

    /// <summary>Arriving cases, <see cref="InputCount"/> of them, used in rotation.</summary>
    public IReadOnlyList<CaseToRoute> NewCases => _newCases;

    /// <summary>Agents who have just freed a slot, <see cref="InputCount"/> of them, used in rotation.</summary>
    public IReadOnlyList<AgentSnapshot> FreedAgents => _freedAgents;

    /// <summary>Decision 1, a new case arrives: route the <paramref name="n"/>th arriving case (modulo <see cref="InputCount"/>) over the index.</summary>
    public RoutingDecision RouteNewCase(int n) => Policy.Route(_newCases[n & InputMask], Index, Now);

    /// <summary>
    /// Decision 1 as it was made before the ready buckets: the tree walked over the whole pool of the
    /// case's skill (copied, as the index copied it). The same decision as <see cref="RouteNewCase"/>.
    /// </summary>
    public RoutingDecision RouteNewCaseOverWholePool(int n)
    {
        var @case = _newCases[n & InputMask];
        return Policy.Route(@case, _poolBySkill[(int)@case.RequiredSkill], Now);
    }

    /// <summary>
    /// Decision 2, an agent frees up: find the <paramref name="n"/>th freed agent's next case in
    /// the queue and, if there is one, hand it over. Null when the queue has nothing for them.
    /// </summary>
    public RoutingDecision? NextCaseForFreedAgent(int n)
    {
        var agent = _freedAgents[n & InputMask];
        return Queue.NextFor(agent, Now) is { } next ? Policy.RouteTo(next, agent, Now) : null;
    }

    /// <summary>Builds the population for <paramref name="scale"/> from <paramref name="seed"/>.</summary>
    public static RoutingPopulation Build(RoutingScale scale, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var random = new Random(seed);
        var policy = new RoutingPolicy(RepositorySettings.Routing());
        var teams = new Guid[Math.Max(2, scale.Agents / 50)];
        for (var i = 0; i < teams.Length; i++) teams[i] = NextGuid(random);

        var agents = new AgentSnapshot[scale.Agents];
        for (var i = 0; i < agents.Length; i++) agents[i] = NextAgent(random, i + 1, teams);
        // Exactly FreeShare of the agents are Available with a slot free (one free slot, or for one
        // in four of them more), so both scales have the same share of free agents.
        var available = Enumerable.Range(0, agents.Length).Where(i => agents[i].Presence == Presence.Available).ToArray();
        random.Shuffle(available);
        foreach (var i in available.Take((int)Math.Round(FreeShare * agents.Length)))
        {
            var capacity = agents[i].Capacity;
            agents[i] = agents[i] with { Load = random.NextDouble() < 0.75 ? capacity - 1 : random.Next(0, capacity - 1) };
        }
        var index = new AgentIndex(agents);

        // Agents who hold each skill, for exclusions that can actually bite.
        var bySkill = Enum.GetValues<Skill>().Select(skill => agents.Where(a => a.Skills.Has(skill)).ToArray()).ToArray();

        var queue = new CaseQueue(policy);
        long caseId = 0;
        for (var i = 0; i < scale.Queued; i++)
            queue.Enqueue(NextCase(random, ++caseId, Now.AddSeconds(-random.Next(0, 2 * 3600)), excludedShare: 0.10, teams, bySkill));

        // Arrivals: mostly brand-new cases; one in five is a re-route after a decline or an offer
        // timeout, which has waited a while and excludes the agents who let it go.
        var newCases = new CaseToRoute[InputCount];
        for (var i = 0; i < newCases.Length; i++)
        {
            var reroute = random.NextDouble() < 0.2;
            var queuedAt = reroute ? Now.AddSeconds(-random.Next(30, 2 * 3600)) : Now;
            newCases[i] = NextCase(random, ++caseId, queuedAt, excludedShare: reroute ? 1 : 0, teams, bySkill);
        }

        // Agents freeing up: a random agent who just closed a case (one slot free) and is Available.
        var freed = new AgentSnapshot[InputCount];
        for (var i = 0; i < freed.Length; i++)
        {
            var agent = agents[random.Next(agents.Length)];
            freed[i] = agent with { Load = agent.Capacity - 1, Presence = Presence.Available };
        }

        return new RoutingPopulation(scale, policy, agents, index, queue, newCases, freed);
    }

    private static AgentSnapshot NextAgent(Random random, int number, Guid[] teams)
    {
        var tier = (AgentTier)Pick(random, AgentTierWeights);
        var levels = SkillLevels.None;
        if (tier == AgentTier.Engineering)
        {
            levels = levels.With(EngineeringSkills[random.Next(EngineeringSkills.Length)], random.Next(3, 6));
            if (random.NextDouble() < 0.5) levels = levels.With(EngineeringSkills[random.Next(EngineeringSkills.Length)], random.Next(2, 6));
        }
        else
        {
            var (low, high) = tier switch { AgentTier.Frontline => (1, 3), AgentTier.Specialist => (3, 5), _ => (4, 5) };
            levels = levels.With((Skill)Pick(random, SkillWeights), random.Next(low, high + 1));
            for (var extra = random.Next(0, 3); extra > 0; extra--)
            {
                var skill = (Skill)Pick(random, SkillWeights);
                if (!levels.Has(skill)) levels = levels.With(skill, random.Next(1, 5));
            }
        }
        var capacity = tier switch
        {
            AgentTier.Frontline => random.Next(3, 7),
            AgentTier.Specialist => random.Next(2, 6),
            AgentTier.Senior => random.Next(2, 5),
            _ => random.Next(1, 4),
        };
        // Every Available agent starts full, which is why cases queue (Build frees a fixed share of
        // them); an agent who is not Available has a slot free one time in ten, which only matters
        // to the urgent step's on-call rule.
        var presence = (Presence)Pick(random, PresenceWeights);
        var load = presence != Presence.Available && random.NextDouble() < 0.1 ? capacity - 1 : capacity;
        DateTime? lastAssigned = random.NextDouble() < 0.1 ? null : Now.AddSeconds(-random.Next(0, 3 * 3600));
        return new AgentSnapshot(NextGuid(random), $"Agent {number}", teams[random.Next(teams.Length)], tier, levels,
            capacity, load, random.NextDouble() < 0.08, presence, lastAssigned);
    }

    private static CaseToRoute NextCase(Random random, long id, DateTime queuedAt, double excludedShare, Guid[] teams, AgentSnapshot[][] bySkill)
    {
        var tier = (AgentTier)Pick(random, CaseTierWeights);
        var skill = tier == AgentTier.Engineering
            ? EngineeringSkills[random.Next(EngineeringSkills.Length)]
            : (Skill)Pick(random, SkillWeights);
        var category = random.NextDouble() < 0.7 ? UsualCategory[(int)skill] : (IssueCategory)random.Next(0, 8);
        var excluded = FrozenSet<Guid>.Empty;
        var holders = bySkill[(int)skill];
        if (holders.Length > 0 && random.NextDouble() < excludedShare)
        {
            var ids = new HashSet<Guid>();
            for (var k = random.Next(1, 4); k > 0; k--) ids.Add(holders[random.Next(holders.Length)].Id);
            excluded = ids.ToFrozenSet();
        }
        return new CaseToRoute(id, category, skill, tier, (CasePriority)Pick(random, PriorityWeights), queuedAt)
        {
            IsDispute = category == IssueCategory.Billing && random.NextDouble() < 0.3,
            TeamId = random.NextDouble() < 0.10 ? teams[random.Next(teams.Length)] : null,
            ExcludedAgents = excluded,
        };
    }

    private static int Pick(Random random, double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length - 1; i++)
        {
            roll -= weights[i];
            if (roll < 0) return i;
        }
        return weights.Length - 1;
    }

    private static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
