namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// Policy step: scores an eligible agent as a sum of named terms. The weights make the terms
/// strictly lexicographic: higher proficiency, then the lowest load relative to capacity, then
/// the longest idle.
/// <list type="bullet">
/// <item><c>proficiency</c>: 100 per level (100..500); one level outweighs everything below it.</item>
/// <item><c>spareCapacity</c>: 10 × the free share of capacity (0..10]. Two different load
/// ratios with capacities up to 100 differ by at least 1/9900, so by more than 0.001 points.</item>
/// <item><c>idle</c>: 0.0009 × idle/(idle + 1 h), and 0.0009 for an agent never assigned; always
/// under 0.001, so it only breaks ties in load.</item>
/// </list>
/// Extra terms (<see cref="IScoreTerm"/>) are added after these.
/// </summary>
public sealed class AgentScorer
{
    /// <summary>Points per proficiency level.</summary>
    public const double ProficiencyWeight = 100;
    /// <summary>Points for a completely free agent; scaled by the free share of capacity.</summary>
    public const double SpareCapacityWeight = 10;
    /// <summary>Points for an agent never assigned; scaled by how long others have been idle.</summary>
    public const double IdleWeight = 0.0009;
    /// <summary>The idle time that earns half of <see cref="IdleWeight"/>.</summary>
    public static readonly TimeSpan IdleHalfPoint = TimeSpan.FromHours(1);

    /// <summary>The built-in term names.</summary>
    public const string ProficiencyTerm = "proficiency", SpareCapacityTerm = "spareCapacity", IdleTerm = "idle";

    private readonly IScoreTerm[] _extraTerms;

    /// <summary>A scorer with the built-in terms and any <paramref name="extraTerms"/>.</summary>
    public AgentScorer(IEnumerable<IScoreTerm>? extraTerms = null) => _extraTerms = extraTerms?.ToArray() ?? [];

    /// <summary>The total score; equal to the sum of <see cref="Terms"/>, added in the same order.</summary>
    public double Score(AgentSnapshot agent, CaseToRoute @case, int proficiency, DateTime now)
    {
        var score = Proficiency(proficiency) + SpareCapacity(agent) + Idle(agent, now);
        for (var i = 0; i < _extraTerms.Length; i++) score += _extraTerms[i].Value(agent, @case, now);
        return score;
    }

    /// <summary>
    /// A bound on the score of <paramref name="agent"/> and of every agent after them in a ready bucket of
    /// the <see cref="AgentIndex"/> (same <paramref name="proficiency"/>, a free share of capacity no larger,
    /// and at the same share a later last assignment), for a case on which the extra terms give at most
    /// <paramref name="extraCeiling"/> (<see cref="ExtraCeiling"/>) in all. When every capacity is at most
    /// <see cref="MaxTieBreakCapacity"/>, a smaller free share costs more than the whole idle term, so
    /// the agent's own idle term bounds the rest; otherwise the idle term counts at its most. A hair above
    /// the exact sum, so that rounding in another order of additions cannot cross it.
    /// </summary>
    public static double Ceiling(AgentSnapshot agent, int proficiency, double extraCeiling, DateTime now, bool capacitiesWithinTieBreak) =>
        Proficiency(proficiency) + SpareCapacity(agent) + (capacitiesWithinTieBreak ? Idle(agent, now) : IdleWeight) + extraCeiling + CeilingMargin;

    /// <summary>
    /// The largest capacity for which two different free shares always differ by more than the idle term:
    /// by at least 1/(100 × 99) of capacity, 0.00101 points, against the idle term's 0.0009.
    /// </summary>
    public const int MaxTieBreakCapacity = 100;

    /// <summary>The most the extra terms give any agent on <paramref name="case"/>, together (<see cref="IScoreTerm.MaxValue"/>).</summary>
    public double ExtraCeiling(CaseToRoute @case, DateTime now)
    {
        var ceiling = 0d;
        for (var i = 0; i < _extraTerms.Length; i++) ceiling += _extraTerms[i].MaxValue(@case, now);
        return ceiling;
    }

    // Scores are under 1,000 or so, where a double's rounding is about 1e-13 per addition.
    private const double CeilingMargin = 1e-9;

    /// <summary>The score's terms, named and explained, for the routing explanation.</summary>
    public IReadOnlyList<ScoreTerm> Terms(AgentSnapshot agent, CaseToRoute @case, DateTime now)
    {
        var proficiency = agent.Skills[@case.RequiredSkill];
        var terms = new List<ScoreTerm>(3 + _extraTerms.Length)
        {
            new(ProficiencyTerm, Proficiency(proficiency), proficiency == 0 ? $"No {@case.RequiredSkill} skill" : $"{@case.RequiredSkill} {proficiency}/{AgentSkill.MaxProficiency}"),
            new(SpareCapacityTerm, SpareCapacity(agent), $"{agent.Load} of {agent.Capacity} cases"),
            new(IdleTerm, Idle(agent, now), agent.LastAssignedAt is { } last ? $"Last assigned {DescribeSpan(now - last)} ago" : "Never assigned"),
        };
        foreach (var extra in _extraTerms)
            terms.Add(new ScoreTerm(extra.Name, extra.Value(agent, @case, now), extra.Describe(agent, @case, now)));
        return terms;
    }

    private static double Proficiency(int proficiency) => ProficiencyWeight * proficiency;

    private static double SpareCapacity(AgentSnapshot agent) =>
        agent.Capacity <= 0 ? 0 : SpareCapacityWeight * ((double)(agent.Capacity - agent.Load) / agent.Capacity);

    private static double Idle(AgentSnapshot agent, DateTime now)
    {
        if (agent.LastAssignedAt is not { } last) return IdleWeight;
        var idle = Math.Max(0, (now - last).Ticks);
        return IdleWeight * (idle / (idle + (double)IdleHalfPoint.Ticks));
    }

    private static string DescribeSpan(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalMinutes < 1) return $"{(int)span.TotalSeconds} s";
        if (span.TotalHours < 1) return $"{(int)span.TotalMinutes} min";
        if (span.TotalDays < 1) return $"{(int)span.TotalHours} h {span.Minutes} min";
        return $"{(int)span.TotalDays} d {span.Hours} h";
    }
}
