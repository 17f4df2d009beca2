using AgentConsole.Core.Metrics;

namespace AgentConsole.Core.Staffing.Simulation;

/// <summary>One hour of a simulated day, by the hour its cases arrived in (occupancy by the hour it was worked in).</summary>
/// <param name="Start">The hour's first instant (UTC).</param>
/// <param name="Arrivals">Cases that arrived in it.</param>
/// <param name="Answered">Of those, answered (given to an agent).</param>
/// <param name="Abandoned">Of those, given up on by their customer.</param>
/// <param name="Waits">The queue waits of those answered.</param>
/// <param name="WithinTarget">Of those, answered within the service level's answer time.</param>
/// <param name="AgentsOnDuty">The most agents on duty at once in the hour.</param>
/// <param name="Occupancy">Cases held over case slots on duty in the hour: Σ load·dt / Σ capacity·dt; null with nobody on duty.</param>
public sealed record SimulationHour(DateTime Start, int Arrivals, int Answered, int Abandoned, DurationStats Waits, int WithinTarget, int AgentsOnDuty, double? Occupancy)
{
    /// <summary>Answered within the target over every arrival (an abandoned case missed it).</summary>
    public Rate Sla => new(WithinTarget, Arrivals);
}

/// <summary>
/// What a simulated day came to: the queue waits of the answered cases (nearest-rank p50 and p90),
/// the share abandoned, the agents' occupancy and the SLA attainment (answered within the target
/// over every arrival), overall and per hour, and each case's wait.
/// </summary>
public sealed record SimulationResult(int Cases, int Answered, int Abandoned, DurationStats Waits, int WithinTarget, double? Occupancy,
    IReadOnlyList<SimulationHour> Hours, IReadOnlyDictionary<long, TimeSpan> WaitByCase, int Events)
{
    /// <summary>
    /// Each team's figures, by team id: the cases counted under the team (whoever answered them) and the
    /// occupancy and agents on duty of the team's agents. Empty in a team's own result.
    /// </summary>
    public IReadOnlyDictionary<Guid, SimulationResult> ByTeam { get; init; } = new Dictionary<Guid, SimulationResult>();

    /// <summary>The figures of <paramref name="teamId"/>: its own when it had cases or agents, else a day of nothing.</summary>
    public SimulationResult Team(Guid teamId) =>
        ByTeam.GetValueOrDefault(teamId) ?? new SimulationResult(0, 0, 0, DurationStats.Of([]), 0, null,
            [.. Hours.Select(h => new SimulationHour(h.Start, 0, 0, 0, DurationStats.Of([]), 0, 0, null))], new Dictionary<long, TimeSpan>(), Events);

    /// <summary>Abandoned over every arrival.</summary>
    public Rate Abandonment => new(Abandoned, Cases);

    /// <summary>Answered within the target over every arrival.</summary>
    public Rate Sla => new(WithinTarget, Cases);
}
