using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// What one resolved case says about the agent who resolved it, in its category.
/// </summary>
/// <param name="CaseId">The resolved case.</param>
/// <param name="AgentId">The agent the case was assigned to when it was resolved.</param>
/// <param name="Category">The category the agent resolved it as (the one they confirmed or corrected).</param>
/// <param name="ResolutionSeconds">From that agent's assignment to the resolution, in whole seconds.</param>
/// <param name="FirstContact">Resolved by the first agent it was assigned to, with no transfer or reassignment.</param>
/// <param name="Csat">The customer's rating of the case (1..5), when there is one.</param>
public sealed record OutcomeSample(long CaseId, Guid AgentId, IssueCategory Category, long ResolutionSeconds, bool FirstContact, int? Csat);

/// <summary>
/// Counts and sums of one agent's resolved cases in one category, kept incrementally. Integers
/// only, so a record kept case by case equals one rebuilt from the store in any order.
/// </summary>
/// <param name="Cases">Resolved cases.</param>
/// <param name="TotalSeconds">The sum of their resolution times.</param>
/// <param name="FirstContact">How many were resolved at first contact.</param>
/// <param name="Ratings">How many were rated by the customer.</param>
/// <param name="TotalCsat">The sum of those ratings (1..5 each).</param>
public readonly record struct OutcomeRecord(int Cases, long TotalSeconds, int FirstContact, int Ratings, long TotalCsat)
{
    /// <summary>The mean resolution time in minutes; 0 with no cases.</summary>
    public double MeanMinutes => Cases == 0 ? 0 : TotalSeconds / 60d / Cases;

    /// <summary>The share resolved at first contact (0..1); 0 with no cases.</summary>
    public double FirstContactRate => Cases == 0 ? 0 : (double)FirstContact / Cases;

    /// <summary>The mean CSAT (1..5); 0 with no ratings.</summary>
    public double MeanCsat => Ratings == 0 ? 0 : (double)TotalCsat / Ratings;

    /// <summary>This record with one more resolved case (and its rating, if it has one).</summary>
    public OutcomeRecord Add(OutcomeSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var rated = this with
        {
            Cases = Cases + 1,
            TotalSeconds = TotalSeconds + Math.Max(0, sample.ResolutionSeconds),
            FirstContact = FirstContact + (sample.FirstContact ? 1 : 0),
        };
        return sample.Csat is { } csat ? rated.AddRating(csat) : rated;
    }

    /// <summary>This record with one more rating.</summary>
    public OutcomeRecord AddRating(int csat) => this with { Ratings = Ratings + 1, TotalCsat = TotalCsat + csat };

    /// <summary>The two records pooled, as for a team.</summary>
    public OutcomeRecord Plus(OutcomeRecord other) =>
        new(Cases + other.Cases, TotalSeconds + other.TotalSeconds, FirstContact + other.FirstContact, Ratings + other.Ratings, TotalCsat + other.TotalCsat);
}
