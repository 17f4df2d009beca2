using AgentConsole.Core.Routing.Policy;

namespace AgentConsole.Core.Staffing.Simulation;

/// <summary>One case the simulator replays: how the policy sees it, its team, when it arrives, how long an agent will work it, and how long its customer will wait.</summary>
/// <param name="Route">The case as the routing policy sees it; its <see cref="CaseToRoute.QueuedAt"/> is set to the arrival.</param>
/// <param name="TeamId">The team it is counted under in the results (the routing policy decides who takes it).</param>
/// <param name="ArrivesAt">When it arrives (UTC).</param>
/// <param name="Handle">How long the agent who takes it holds it.</param>
/// <param name="Patience">How long its customer waits in the queue before giving up.</param>
public sealed record SimulatedCase(CaseToRoute Route, Guid TeamId, DateTime ArrivesAt, TimeSpan Handle, TimeSpan Patience);

/// <summary>One on-duty stretch of a simulated agent, start included, end excluded (UTC).</summary>
public readonly record struct Shift(DateTime Start, DateTime End);

/// <summary>
/// One agent of the simulated roster: as the policy sees them (team, tier, skills, capacity,
/// on call) and when they are on duty. Off duty they are Offline: they finish what they hold and take nothing new.
/// </summary>
public sealed record SimulatedAgent(AgentSnapshot Agent, IReadOnlyList<Shift> Shifts);
