namespace AgentConsole.Benchmarks;

/// <summary>Delivery to the receiver while the run's traffic was on: rates over the window, and latencies.</summary>
/// <param name="Written">Rows stamped within the window (and delivered).</param>
/// <param name="Delivered">Deliveries that arrived within the window, whenever stamped.</param>
/// <param name="Milliseconds">Stamp to arrival of the rows stamped within the window.</param>
public sealed record OutboxWindow(double Seconds, int Written, int Delivered, IReadOnlyList<double> Milliseconds)
{
    public double WrittenPerSecond => Written / Seconds;
    public double DeliveredPerSecond => Delivered / Seconds;
}

/// <summary>
/// A backlog and its drain: rows written as fast as the app takes them, then delivered.
/// </summary>
/// <param name="Count">Rows of the backlog delivered.</param>
/// <param name="Writing">From the first row stamped to the last.</param>
/// <param name="Undelivered">Rows not yet at the receiver when the drain began.</param>
/// <param name="Drain">From the last row stamped (or the receiver's release, if later) to the last delivery.</param>
/// <param name="Overall">From the first row stamped to the last delivery.</param>
/// <param name="Milliseconds">Stamp to arrival of each of its rows.</param>
public sealed record OutboxBacklog(int Count, TimeSpan Writing, int Undelivered, TimeSpan Drain, TimeSpan Overall, IReadOnlyList<double> Milliseconds)
{
    public double WrittenPerSecond => Count / Math.Max(Writing.TotalSeconds, 1e-3);

    /// <summary>The rows still undelivered at the last write, over the time they took: the dispatcher's rate with no writer competing.</summary>
    public double DrainPerSecond => Undelivered / Math.Max(Drain.TotalSeconds, 1e-3);

    public double OverallPerSecond => Count / Math.Max(Overall.TotalSeconds, 1e-3);
}

/// <summary>
/// The outbox's figures, from what the receiver got: each delivery's <c>occurredAt</c> (the server's
/// clock when it stamped the row) against its arrival (the same machine's clock). Rows are stamped
/// when the command that writes them begins, so a latency includes that command's commit.
/// </summary>
public static class OutboxFigures
{
    /// <summary>The deliveries of rows stamped in [<paramref name="start"/>, <paramref name="end"/>), and those that arrived in it.</summary>
    public static OutboxWindow Window(IReadOnlyCollection<OutboxArrival> arrivals, DateTime start, DateTime end)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        var written = arrivals.Where(a => a.OccurredUtc >= start && a.OccurredUtc < end).ToList();
        return new OutboxWindow((end - start).TotalSeconds, written.Count, arrivals.Count(a => a.ReceivedUtc >= start && a.ReceivedUtc < end),
            [.. written.Select(a => a.LatencyMilliseconds)]);
    }

    /// <summary>
    /// The backlog of rows after <paramref name="afterSequence"/>, draining from the last row's stamp or
    /// <paramref name="releasedAt"/> (a receiver that held its answers), whichever is later; null when none arrived.
    /// </summary>
    public static OutboxBacklog? Backlog(IReadOnlyCollection<OutboxArrival> arrivals, long afterSequence, DateTime? releasedAt = null)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        var rows = arrivals.Where(a => a.Sequence > afterSequence).ToList();
        if (rows.Count == 0) return null;
        var firstWrite = rows.Min(a => a.OccurredUtc);
        var lastWrite = rows.Max(a => a.OccurredUtc);
        var drainFrom = releasedAt is { } released && released > lastWrite ? released : lastWrite;
        var lastDelivery = rows.Max(a => a.ReceivedUtc);
        return new OutboxBacklog(rows.Count, lastWrite - firstWrite, rows.Count(a => a.ReceivedUtc > drainFrom), lastDelivery - drainFrom,
            lastDelivery - firstWrite, [.. rows.Select(a => a.LatencyMilliseconds)]);
    }
}
