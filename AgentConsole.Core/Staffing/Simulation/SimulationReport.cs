namespace AgentConsole.Core.Staffing.Simulation;

/// <summary>A simulated day and what it came to.</summary>
/// <param name="Request">What was asked.</param>
/// <param name="DayStart">The day's first instant (UTC).</param>
/// <param name="AgentsOnDuty">The simulated agents with at least one shift that day.</param>
/// <param name="AnswerSeconds">The service level's answer time.</param>
/// <param name="PatienceSeconds">The customers' mean patience (exponential).</param>
/// <param name="Result">Waits, abandonment, occupancy and SLA attainment, overall and per hour.</param>
/// <param name="Elapsed">How long the event loop took (not the reads).</param>
public sealed record SimulationReport(SimulationRequest Request, DateTime DayStart, int AgentsOnDuty, int AnswerSeconds, int PatienceSeconds,
    SimulationResult Result, TimeSpan Elapsed)
{
    /// <summary>The desk's teams by id, in name order: the keys of <see cref="SimulationResult.ByTeam"/> with their names.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Teams { get; init; } = [];
}
