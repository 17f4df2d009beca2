using System.Globalization;

namespace AgentConsole.Benchmarks;

/// <summary>
/// The whole machine's busy CPU time so far, from Linux's <c>/proc/stat</c> (every process: the app nodes, PostgreSQL,
/// Redis, the front end and the load tool). Between two readings it shows whether the machine had cores to spare.
/// Zero where the file is missing.
/// </summary>
public static class MachineCpu
{
    // The kernel counts in USER_HZ ticks, 100 a second on Linux.
    private const double TicksPerSecond = 100;

    /// <summary>The CPU time all cores have spent busy (not idle, not waiting for I/O) since boot.</summary>
    public static TimeSpan Busy()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal (guest time is already inside user).
            var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (fields.Length > 7 ? fields[7] : 0);
            return TimeSpan.FromSeconds(busy / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            return TimeSpan.Zero;
        }
    }
}
