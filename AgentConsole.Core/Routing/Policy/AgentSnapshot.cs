namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// An agent as the routing policy sees them at one instant. Immutable: the engine replaces the
/// snapshot (with <c>with</c>) when the agent's load, presence or skills change, so a routing
/// decision can be explained later from exactly the snapshots it saw.
/// </summary>
/// <param name="Id">The agent's id.</param>
/// <param name="Name">The display name shown in explanations.</param>
/// <param name="TeamId">The agent's team.</param>
/// <param name="Tier">Frontline, Specialist, Senior or Engineering.</param>
/// <param name="Skills">Proficiency 1..5 per skill held.</param>
/// <param name="Capacity">The most concurrent cases the agent may hold (0..100 in the store).</param>
/// <param name="Load">The cases the agent holds now, counted by the one capacity ledger (offers included).</param>
/// <param name="OnCall">Whether a rotation has the agent on call now (computed by <see cref="Schedules.OnCallRoster"/>, never typed in).</param>
/// <param name="Presence">Available, Busy, Away, InMeeting or Offline.</param>
/// <param name="LastAssignedAt">When the agent was last given a case (UTC), or null if never.</param>
public sealed record AgentSnapshot(
    Guid Id,
    string Name,
    Guid TeamId,
    AgentTier Tier,
    SkillLevels Skills,
    int Capacity,
    int Load,
    bool OnCall,
    Presence Presence,
    DateTime? LastAssignedAt)
{
    /// <summary>
    /// Whether the agent's team is closed now by its business hours (computed by the engine from
    /// <see cref="Schedules.BusinessCalendar"/>): the agent gets only urgent and security cases.
    /// </summary>
    public bool OffHours { get; init; }

    /// <summary>Whether the agent may take one more case: <c>Load &lt; Capacity</c>.</summary>
    public bool HasSpareCapacity => Load < Capacity;

    /// <summary>A snapshot of a stored <paramref name="agent"/> holding <paramref name="load"/> cases, on call when <paramref name="onCall"/>.</summary>
    public static AgentSnapshot From(Agent agent, int load, bool onCall = false)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentOutOfRangeException.ThrowIfNegative(load);
        return new AgentSnapshot(agent.Id, agent.DisplayName, agent.TeamId, agent.Tier, SkillLevels.From(agent.Skills),
            agent.Capacity, load, onCall, agent.Presence, agent.LastAssignedAt);
    }
}
