namespace AgentConsole.Benchmarks;

/// <summary>The closed-loop ingest phase: messages answered per second and their latency.</summary>
/// <param name="MachineCpuPercent">Every process on the machine in that phase (the servers, PostgreSQL, Redis, the load tool), % of one core.</param>
public sealed record ThroughputFigures(double PerSecond, double P50, double P99, int Failed, double ServerCpuPercent, double MachineCpuPercent);

/// <summary>Failover: how long routing was unavailable after the desk's node was killed, and what the bots saw meanwhile.</summary>
public sealed record FailoverFigures(double? UnavailableSeconds, int Sent, int Opened, int Refused, string Outcome);

/// <summary>One run of <c>escalation-load</c> in figures, for the side-by-side table.</summary>
public sealed record EscalationLoadResult(string Label, double P50, double P99, int Missing, double BackgroundPerSecond)
{
    public ThroughputFigures? Throughput { get; init; }
    public FailoverFigures? Failover { get; init; }

    /// <summary>Writes <paramref name="baseline"/> (one SQLite node) beside <paramref name="scaled"/>, with the ratios and the targets.</summary>
    public static void Compare(EscalationLoadResult baseline, EscalationLoadResult scaled, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Side by side, measured in this run on this machine (same load, same clients)");
        output.WriteLine($"  {"",-46}{baseline.Label,20}{scaled.Label,40}   ratio   target");
        Row(output, "escalation -> CaseOffered p50, ms", baseline.P50, scaled.P50, "0.0", "");
        Row(output, "escalation -> CaseOffered p99, ms", baseline.P99, scaled.P99, "0.0",
            $"<= {EscalationLoad.TargetP99Milliseconds:0}: {(scaled.P99 <= EscalationLoad.TargetP99Milliseconds ? "met" : "MISSED")}");
        Row(output, "offers missing", baseline.Missing, scaled.Missing, "0", "");
        if (baseline.Throughput is { } one && scaled.Throughput is { } many)
        {
            var ratio = many.PerSecond / one.PerSecond;
            Row(output, "ingest throughput (closed loop), messages/s", one.PerSecond, many.PerSecond, "0",
                $">= 2x: {(ratio >= 2 ? "met" : "MISSED")}");
            Row(output, "  reply latency in that phase p99, ms", one.P99, many.P99, "0.0", "");
            Row(output, "  servers' CPU in that phase, % of one core", one.ServerCpuPercent, many.ServerCpuPercent, "0", "");
            Row(output, $"  whole machine's CPU, % of one core (of {Environment.ProcessorCount * 100})", one.MachineCpuPercent, many.MachineCpuPercent, "0", "");
        }
        if (scaled.Failover is { } failover)
            output.WriteLine($"  {"routing unavailable after kill -9, s",-46}{"until restarted",20}" +
                $"{(failover.UnavailableSeconds is { } s ? s.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "not measured"),40}" +
                $"{"",8}   <= 10: {(failover.UnavailableSeconds is <= 10 ? "met" : "MISSED")}");
    }

    private static void Row(TextWriter output, string name, double one, double many, string format, string target)
    {
        var ratio = one > 0 && !double.IsNaN(one) && !double.IsNaN(many) ? $"{many / one:0.00}x" : "";
        output.WriteLine($"  {name,-46}{one.ToString(format, System.Globalization.CultureInfo.InvariantCulture),20}" +
            $"{many.ToString(format, System.Globalization.CultureInfo.InvariantCulture),40}{ratio,8}   {target}");
    }
}
