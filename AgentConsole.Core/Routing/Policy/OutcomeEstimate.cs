namespace AgentConsole.Core.Routing.Policy;

/// <summary>Which outcome an estimate differs from the team's the most in.</summary>
public enum OutcomeAspect { Speed, FirstContact, Satisfaction }

/// <summary>
/// One agent's outcomes in one category, shrunk towards their team's (an empirical Bayes
/// estimate), and how they compare with the team. Every "shrunk" value is
/// <c>(n·agent + k·team) / (n + k)</c>, with <c>n</c> the agent's cases (ratings for CSAT) and
/// <c>k</c> the prior's weight.
/// </summary>
/// <param name="Cases">The agent's resolved cases in the category.</param>
/// <param name="Ratings">How many of them the customer rated.</param>
/// <param name="Minutes">The shrunk mean resolution time, in minutes.</param>
/// <param name="TeamMinutes">The team's mean resolution time in the category.</param>
/// <param name="FirstContactRate">The shrunk first-contact resolution rate (0..1).</param>
/// <param name="TeamFirstContactRate">The team's first-contact resolution rate.</param>
/// <param name="Csat">The shrunk mean CSAT (1..5); 0 when the team has no ratings in the category.</param>
/// <param name="TeamCsat">The team's mean CSAT; 0 when it has no ratings.</param>
/// <param name="Speed">(team − agent) / team minutes, clamped to [-1, 1]: positive is faster.</param>
/// <param name="FirstContact">Agent − team first-contact rate, in [-1, 1].</param>
/// <param name="Satisfaction">(agent − team CSAT) / 4, in [-1, 1]; 0 without team ratings.</param>
public sealed record OutcomeEstimate(
    int Cases, int Ratings,
    double Minutes, double TeamMinutes,
    double FirstContactRate, double TeamFirstContactRate,
    double Csat, double TeamCsat,
    double Speed, double FirstContact, double Satisfaction)
{
    /// <summary>The combined score in [-1, 1]: the mean of <see cref="Speed"/>, <see cref="FirstContact"/> and <see cref="Satisfaction"/>.</summary>
    public double Score => (Speed + FirstContact + Satisfaction) / 3;

    /// <summary>The outcome with the largest difference from the team (speed first on a tie).</summary>
    public OutcomeAspect Dominant =>
        Math.Abs(Speed) >= Math.Abs(FirstContact) && Math.Abs(Speed) >= Math.Abs(Satisfaction) ? OutcomeAspect.Speed
        : Math.Abs(FirstContact) >= Math.Abs(Satisfaction) ? OutcomeAspect.FirstContact
        : OutcomeAspect.Satisfaction;

    /// <summary>
    /// The estimate for an agent's <paramref name="agent"/> record against their <paramref name="team"/>'s
    /// pooled record (which includes the agent's), with the prior weighing <paramref name="priorWeight"/> cases.
    /// </summary>
    public static OutcomeEstimate Of(OutcomeRecord agent, OutcomeRecord team, double priorWeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(priorWeight);
        var minutes = Shrink(agent.Cases, agent.MeanMinutes, team.MeanMinutes, priorWeight);
        var fcr = Shrink(agent.Cases, agent.FirstContactRate, team.FirstContactRate, priorWeight);
        var csat = team.Ratings == 0 ? 0 : Shrink(agent.Ratings, agent.MeanCsat, team.MeanCsat, priorWeight);
        var speed = team.MeanMinutes <= 0 ? 0 : Math.Clamp((team.MeanMinutes - minutes) / team.MeanMinutes, -1, 1);
        var satisfaction = team.Ratings == 0 ? 0 : Math.Clamp((csat - team.MeanCsat) / 4, -1, 1);
        return new OutcomeEstimate(agent.Cases, agent.Ratings, minutes, team.MeanMinutes, fcr, team.FirstContactRate, csat, team.MeanCsat,
            speed, Math.Clamp(fcr - team.FirstContactRate, -1, 1), satisfaction);
    }

    /// <summary>The empirical Bayes estimate: <c>(n·mean + k·prior) / (n + k)</c>; the prior alone when there is nothing.</summary>
    public static double Shrink(int n, double mean, double prior, double priorWeight) =>
        n + priorWeight <= 0 ? prior : (n * mean + priorWeight * prior) / (n + priorWeight);
}
