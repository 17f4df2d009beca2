using AgentConsole.Core.Common;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// A manual assignment would take the agent above capacity and no override was given. The load and
/// capacity are kept in <see cref="Exception.Data"/>, which crosses a grain call with the exception.
/// </summary>
public sealed class CapacityExceededException : DomainException
{
    public CapacityExceededException(string agentName, int load, int capacity)
        : base($"{agentName} holds {load} of {capacity} cases. Assigning another needs an explicit capacity override.")
    {
        Data[nameof(Load)] = load;
        Data[nameof(Capacity)] = capacity;
    }

    public int Load => Data[nameof(Load)] is int load ? load : 0;
    public int Capacity => Data[nameof(Capacity)] is int capacity ? capacity : 0;
}
