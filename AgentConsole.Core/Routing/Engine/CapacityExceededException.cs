using AgentConsole.Core.Common;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>A manual assignment would take the agent above capacity and no override was given.</summary>
public sealed class CapacityExceededException(string agentName, int load, int capacity)
    : DomainException($"{agentName} holds {load} of {capacity} cases. Assigning another needs an explicit capacity override.")
{
    public int Load { get; } = load;
    public int Capacity { get; } = capacity;
}
