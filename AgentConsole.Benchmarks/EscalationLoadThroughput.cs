using System.Diagnostics;

namespace AgentConsole.Benchmarks;

/// <summary>
/// Ingest throughput: after the measured window, <see cref="EscalationLoadOptions.ThroughputSenders"/> bots post
/// calm messages as fast as the servers answer (each waits for its reply), spread over the nodes, with the agent
/// clients still connected. Prints and returns the messages answered per second, their latency, the servers' CPU and the whole machine's.
/// </summary>
public static class EscalationLoadThroughput
{
    public static async Task<ThroughputFigures> MeasureAsync(EscalationLoadOptions o, EscalationLoadHost host, IReadOnlyList<HttpClient> apis,
        TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Ingest throughput: {o.ThroughputSenders} senders in a closed loop for {o.ThroughputSeconds:0.#} s{(apis.Count > 1 ? $", over the {apis.Count} nodes" : "")} ...");
        var (cpu0, machine0) = (host.ServerCpu, MachineCpu.Busy());
        var watch = Stopwatch.StartNew();
        var replies = await EscalationLoadTraffic.SaturateAsync(apis, o.ThroughputSenders, TimeSpan.FromSeconds(o.ThroughputSeconds), cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        var cpu = (host.ServerCpu - cpu0).TotalSeconds / seconds * 100;
        var machine = (MachineCpu.Busy() - machine0).TotalSeconds / seconds * 100;
        var ok = replies.Where(r => r.Ok).Select(r => r.Latency * 1000.0 / Stopwatch.Frequency).ToArray();
        var figures = new ThroughputFigures(ok.Length / seconds, Percentiles.Of(ok, 0.50), Percentiles.Of(ok, 0.99), replies.Count(r => !r.Ok), cpu, machine);
        output.WriteLine($"  {ok.Length} messages answered in {seconds:0.0} s: {figures.PerSecond:0} messages/s; {figures.Failed} failed, " +
            $"{replies.Count(r => r.Escalated)} escalated (expected 0); reply latency ms p50 {figures.P50:0.0} p99 {figures.P99:0.0}; servers' CPU {cpu:0}% of one core, " +
            $"the whole machine {machine:0}% of {Environment.ProcessorCount * 100}%");
        return figures;
    }
}
