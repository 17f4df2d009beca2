namespace AgentConsole.Core.Common;

/// <summary>
/// The desk's clock: the system's, read to the microsecond, the finest a PostgreSQL timestamp
/// keeps. An instant the engine holds in memory then equals the one the store reads back on every
/// provider (a 100 ns tick would come back rounded down from PostgreSQL, and the engine's drift
/// check, a rebuild or a comparison with a stored time would see two instants).
/// </summary>
public sealed class MicrosecondClock : TimeProvider
{
    /// <summary>The one instance, over <see cref="TimeProvider.System"/>.</summary>
    public static readonly MicrosecondClock Instance = new();

    private MicrosecondClock()
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
