namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// When the engine runs its drift check (<see cref="RoutingEngineOptions.CheckStateDrift"/>): after
/// every stored command at a share of 1; at a smaller share, a command is checked only when no check
/// is running and the time since the last check ended is at least what that check cost times
/// (1 / share − 1), so the checks take at most that share of the time however many cases are open.
/// Drift stays in memory until the next rebuild, so a skipped command's drift is still found by the
/// next check (which names the command it ran after, not the one that caused it). Checks end off the
/// engine's loop, so it is safe from any thread.
/// </summary>
internal sealed class DriftCheckPacing(double share)
{
    private readonly Lock _lock = new();
    private TimeSpan _lastCost;
    private long? _lastEnded;
    private int _running;

    /// <summary>Whether the command that just stored, at timestamp <paramref name="now"/> of <paramref name="time"/>, is checked; if so, its check has begun.</summary>
    public bool TryBegin(TimeProvider time, long now)
    {
        lock (_lock)
        {
            var due = share >= 1 || (_running == 0 && (_lastEnded is not { } ended || time.GetElapsedTime(ended, now) >= _lastCost * (1 / share - 1)));
            if (due) _running++;
            return due;
        }
    }

    /// <summary>A check begun at <paramref name="started"/> ended at <paramref name="ended"/>.</summary>
    public void Ended(TimeProvider time, long started, long ended)
    {
        lock (_lock)
        {
            _running--;
            _lastCost = time.GetElapsedTime(started, ended);
            _lastEnded = ended;
        }
    }
}
