using System.Globalization;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// Score term <c>outcomes</c>: who resolves what well, learned from resolved cases. Its value is
/// <c>10 × Weight × S</c>, where <c>S</c> in [-1, 1] is the agent's <see cref="OutcomeEstimate.Score"/>
/// in the case's category against their team, so at weight 1 a perfect record is worth as much as a
/// completely free agent (<see cref="AgentScorer.SpareCapacityWeight"/>), and proficiency still
/// ranks first unless the weight reaches 10. An agent with no case in the category scores 0, as the
/// team does. The table is immutable and swapped whole with <see cref="Use"/>, between decisions:
/// a decision and its explanation, made in the same command, see the same table.
/// </summary>
public sealed class OutcomeTerm : IScoreTerm
{
    /// <summary>The term's name.</summary>
    public const string TermName = "outcomes";

    /// <summary>Points for a perfect record at weight 1.</summary>
    public const double PointsPerWeight = AgentScorer.SpareCapacityWeight;

    private OutcomeEstimates _estimates = OutcomeEstimates.Empty;

    /// <summary>A term with <paramref name="options"/>' weight and prior.</summary>
    public OutcomeTerm(LearningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The weight and the prior's weight.</summary>
    public LearningOptions Options { get; }

    /// <summary>The table in use.</summary>
    public OutcomeEstimates Estimates => Volatile.Read(ref _estimates);

    /// <inheritdoc/>
    public string Name => TermName;

    /// <summary>Swaps in a new table of estimates.</summary>
    public void Use(OutcomeEstimates estimates)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        Volatile.Write(ref _estimates, estimates);
    }

    /// <inheritdoc/>
    public double Value(AgentSnapshot agent, CaseToRoute @case, DateTime now) =>
        Estimates.For(agent.Id, @case.Category) is { } estimate ? PointsPerWeight * Options.Weight * estimate.Score : 0;

    /// <inheritdoc/>
    public double MaxValue(CaseToRoute @case, DateTime now) => PointsPerWeight * Options.Weight * Math.Max(0, Estimates.BestScore(@case.Category));

    /// <inheritdoc/>
    public string Describe(AgentSnapshot agent, CaseToRoute @case, DateTime now) => Describe(Estimates.For(agent.Id, @case.Category), @case.Category.ToString());

    /// <summary>The human reading of an estimate: its dominant difference from the team, and the cases behind it.</summary>
    public static string Describe(OutcomeEstimate? estimate, string category)
    {
        if (estimate is null) return $"No {category} cases resolved yet";
        var cases = estimate.Cases == 1 ? "1 case" : $"{estimate.Cases} cases";
        return estimate.Dominant switch
        {
            _ when Math.Abs(estimate.Score) < 0.005 => $"resolves {category} like the team average, {cases}",
            OutcomeAspect.Speed => string.Create(CultureInfo.InvariantCulture,
                $"resolves {category} {Percent(Math.Abs(estimate.Speed))} {(estimate.Speed >= 0 ? "faster" : "slower")} than the team average, {cases}"),
            OutcomeAspect.FirstContact => string.Create(CultureInfo.InvariantCulture,
                $"resolves {category} at first contact {Percent(estimate.FirstContactRate)} of the time against the team's {Percent(estimate.TeamFirstContactRate)}, {cases}"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"{category} CSAT {estimate.Csat:0.0} against the team's {estimate.TeamCsat:0.0}, {(estimate.Ratings == 1 ? "1 rating" : $"{estimate.Ratings} ratings")} of {cases}"),
        };
    }

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(share * 100):0}%");
}
