namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// Policy step: an agent is offered a case only while holding fewer cases than their capacity.
/// The load counts every case the ledger gives the agent (automatic, manual, transferred, and
/// pending offers), so the policy never pushes anyone over capacity; overrides are manual.
/// </summary>
public static class CapacityLimiter
{
    /// <summary>Whether <paramref name="agent"/> has room for one more case.</summary>
    public static bool Admits(AgentSnapshot agent) => agent.Load < agent.Capacity;

    /// <summary>Why the limiter dropped an agent, such as "At capacity 3/3".</summary>
    public static string Describe(AgentSnapshot agent) => $"At capacity {agent.Load}/{agent.Capacity}";
}
