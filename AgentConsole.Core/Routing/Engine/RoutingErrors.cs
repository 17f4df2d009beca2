using AgentConsole.Core.Common;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>The case or agent is not known to routing (never existed, or the case is resolved). The API turns it into 404.</summary>
public sealed class RoutingNotFoundException(string message) : DomainException(message);

/// <summary>A manual assignment would take the agent above capacity and no override was given.</summary>
public sealed class CapacityExceededException(string agentName, int load, int capacity)
    : DomainException($"{agentName} holds {load} of {capacity} cases. Assigning another needs an explicit capacity override.")
{
    public int Load { get; } = load;
    public int Capacity { get; } = capacity;
}
