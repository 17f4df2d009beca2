namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// The engine's memory no longer matches the store after a command: a handler changed one without
/// the other, or something changed the store behind the engine's back. Raised by the drift check
/// (see <see cref="RoutingEngineOptions.CheckStateDrift"/>); memory is rebuilt from the store.
/// </summary>
public sealed class RoutingStateDriftException(string command, IReadOnlyList<string> differences)
    : InvalidOperationException($"The routing engine's memory drifted from the store after {command}: {string.Join("; ", differences.Take(MaxListed))}"
        + (differences.Count > MaxListed ? $"; and {differences.Count - MaxListed} more." : "."))
{
    private const int MaxListed = 10;

    /// <summary>Each difference, as "what: memory …, store …".</summary>
    public IReadOnlyList<string> Differences { get; } = differences;
}
