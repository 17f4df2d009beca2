namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// When the engine runs its drift check (<see cref="RoutingEngineOptions.CheckStateDrift"/>): after
/// every stored command at a share of 1; at a smaller share, a command is checked only once the
/// time since the last check ended is at least what that check cost times (1 / share − 1), so the
/// checks take at most that share of the loop's time however many cases are open. Drift stays in
/// memory until the next rebuild, so a skipped command's drift is still found by the next check
/// (which names the command it ran after, not the one that caused it).
/// </summary>
internal sealed class DriftCheckPacing(double share)
{
    private TimeSpan _lastCost;
    private long? _lastEnded;

    /// <summary>Whether the command that just stored, at timestamp <paramref name="now"/> of <paramref name="time"/>, is checked.</summary>
    public bool Due(TimeProvider time, long now) =>
        share >= 1 || _lastEnded is not { } ended || time.GetElapsedTime(ended, now) >= _lastCost * (1 / share - 1);

    /// <summary>A check ran from <paramref name="started"/> to <paramref name="ended"/>.</summary>
    public void Checked(TimeProvider time, long started, long ended)
    {
        _lastCost = time.GetElapsedTime(started, ended);
        _lastEnded = ended;
    }
}
