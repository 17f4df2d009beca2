using System.Diagnostics;
using System.Net;
using System.Runtime;
using System.Runtime.InteropServices;

namespace AgentConsole.Benchmarks;

/// <summary>
/// Escalation-to-client latency under load, end to end over loopback: from the bot API's reply to
/// an escalating message to <c>CaseOffered</c> arriving at the offered agent's SignalR client, with
/// (by default) 200 connected agent clients and 100 background messages a second, half customer and
/// half bot, through the same API. The real app runs as a child process (<see cref="EscalationLoadHost"/>)
/// so that the load generator's threads and GC stay out of the server's.
/// <para>
/// After a warm-up, escalations go out at an even rate over the measured window, each to a new
/// conversation; the reply carries <c>escalation.id</c>, and the client that receives the offer of
/// that case records when it arrived. Prints p50, p90, p99 and max from the reply (the figure the
/// target is about) and from the request, a breakdown from the server's own timestamps, the
/// background ingest actually achieved and its latency. Exits 1 when any measured escalation got no offer.
/// </para>
/// <code>dotnet run -c Release --project AgentConsole.Benchmarks -- escalation-load [--agents 200] [--rate 100] [--escalations 300] [--seconds 60]</code>
/// </summary>
public static class EscalationLoad
{
    /// <summary>The p99 target from the API reply to CaseOffered at the client, in ms.</summary>
    public const double TargetP99Milliseconds = 50;

    /// <summary>How long to wait, after the last escalation's reply, for offers still on their way.</summary>
    private static readonly TimeSpan OfferGrace = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = EscalationLoadOptions.Parse(args, Console.Error);
        if (options is null) return 2;
        return await LoadToolRun.CancellableAsync("escalation-load", ct => RunAsync(options, Console.Out, ct));
    }

    private static async Task<int> RunAsync(EscalationLoadOptions o, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Escalation to client under load: {o.Agents} agent clients, {o.Rate:0.##} background messages/s (half customer, half bot), " +
            $"{o.Escalations} escalations over {o.Seconds:0.#} s ({o.EscalationRate:0.##}/s) after a {o.Warmup:0.#} s warm-up; " +
            $"agents {(o.Accept ? "accept offers after 0.5-3 s" : "leave offers pending")}");
        output.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, " +
            $"{Environment.ProcessorCount} logical cores; load generator: {(GCSettings.IsServerGC ? "server" : "workstation")} GC, same machine as the server");

        var total = Stopwatch.StartNew();
        var results = new List<EscalationLoadResult>();
        if (o.RunsBaseline)
        {
            output.WriteLine();
            output.WriteLine($"== 1 of 2: {Label(o.SingleSqliteNode)}, the same load, for the ratios ==");
            results.Add(await RunOneAsync(o.SingleSqliteNode, output, cancellationToken));
            output.WriteLine();
            output.WriteLine($"== 2 of 2: {Label(o)} ==");
        }
        results.Add(await RunOneAsync(o, output, cancellationToken));
        if (results.Count > 1) EscalationLoadResult.Compare(results[0], results[1], output);
        output.WriteLine($"Total run time: {total.Elapsed.TotalSeconds:0} s");
        return results.Any(r => r.Missing > 0) ? 1 : 0;
    }

    /// <summary>What a run stands on, in words.</summary>
    public static string Label(EscalationLoadOptions o) =>
        $"{(o.Cluster ? $"{o.Nodes} nodes" : "one node")}, {(o.Postgres ? "PostgreSQL" : "SQLite")}{(o.Cluster ? ", Orleans and Redis" : "")}";

    private static async Task<EscalationLoadResult> RunOneAsync(EscalationLoadOptions o, TextWriter output, CancellationToken cancellationToken)
    {
        await using var host = await EscalationLoadHost.StartAsync(o, output, cancellationToken);

        using var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = 1024,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var web = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
        // One bot API client per node: the traffic goes to the nodes in turn, as a load balancer would send it.
        var apis = host.NodeAddresses.Select(node =>
        {
            var api = new HttpClient(handler, disposeHandler: false) { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
            api.DefaultRequestHeaders.Add("X-Api-Key", host.ApiKey);
            return api;
        }).ToList();
        try
        {
            var offers = new EscalationLoadOffers();
            var watch = Stopwatch.StartNew();
            var clients = await EscalationLoadClient.ConnectAllAsync(web, host.NodeAddresses, host.Agents, offers, o.Accept, parallel: 16, cancellationToken);
            try
            {
                var connected = clients.Count(c => c.Connection.State == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected);
                output.WriteLine($"Clients: {connected} of {o.Agents} agents signed in and connected to /hubs/agents{(o.Cluster ? $", spread over the {o.Nodes} nodes," : "")} " +
                    $"in {watch.Elapsed.TotalSeconds:0.0} s ({host.Agents.Count(a => a.Lead)} are team leads, who also get their team's events)");
                if (connected != o.Agents) throw new InvalidOperationException($"Only {connected} of {o.Agents} clients connected.");

                var result = await MeasureAsync(o, host, apis, clients, offers, output, cancellationToken);
                if (o.ThroughputSeconds > 0) result = result with { Throughput = await EscalationLoadThroughput.MeasureAsync(o, host, apis, output, cancellationToken) };
                if (o.Cluster && o.Failover) result = result with { Failover = await EscalationLoadFailover.MeasureAsync(host, apis, offers, output, cancellationToken) };
                return result;
            }
            finally
            {
                await Task.WhenAll(clients.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
            }
        }
        finally
        {
            foreach (var api in apis) api.Dispose();
        }
    }

    private static async Task<EscalationLoadResult> MeasureAsync(EscalationLoadOptions o, EscalationLoadHost host, IReadOnlyList<HttpClient> apis,
        IReadOnlyList<EscalationLoadClient> clients, EscalationLoadOffers offers, TextWriter output, CancellationToken cancellationToken)
    {
        var warmup = o.WarmupEscalations;
        var escalations = new EscalationSample[warmup + o.Escalations];
        var ingest = new IngestSample[(int)Math.Ceiling(o.Rate * (o.Warmup + o.Seconds + OfferGrace.TotalSeconds + 30)) + 16];
        var frequency = (double)Stopwatch.Frequency;
        long Ticks(double seconds) => (long)(seconds * frequency);

        using var stopIngest = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var start = Stopwatch.GetTimestamp() + Ticks(0.2);
        // The measured window: the measured escalations' schedule, one interval each.
        var windowStart = start + Ticks(warmup / o.EscalationRate);
        var windowEnd = windowStart + Ticks(o.Seconds);
        var cpu = new CpuWindow(host);

        output.WriteLine($"Running: warm-up {o.Warmup:0.#} s ({warmup} escalations), then {o.Seconds:0.#} s measured ...");
        var ingestTask = Task.Run(() => EscalationLoadTraffic.IngestAsync(apis, o.Rate, start, ingest, stopIngest.Token), CancellationToken.None);
        var escalationTask = Task.Run(() => EscalationLoadTraffic.EscalateAsync(apis, o.EscalationRate, start, warmup, escalations, cancellationToken), CancellationToken.None);
        var nextReport = start + Ticks(10);
        while (!escalationTask.IsCompleted)
        {
            await Task.WhenAny(escalationTask, Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None));
            var now = Stopwatch.GetTimestamp();
            if (now >= windowStart) cpu.Begin();
            if (now >= windowEnd) cpu.End();
            if (now >= nextReport)
            {
                nextReport += Ticks(10);
                output.WriteLine($"  {(now - start) / frequency,5:0} s: {ingest.Count(s => s.Done),6} background replies, " +
                    $"{escalations.Count(s => s.Done),4} escalation replies, {offers.Cases,4} cases offered");
            }
        }
        await escalationTask;
        cpu.End();

        // Offers still on their way: wait (with the background still running) until every case has one, or the grace is over.
        var waiting = Stopwatch.StartNew();
        while (waiting.Elapsed < OfferGrace && escalations.Any(s => s.CaseId != 0 && !offers.TryGet(s.CaseId, out _)))
            await Task.Delay(100, cancellationToken);
        await stopIngest.CancelAsync();
        await ingestTask;

        return Report(o, host, clients.Count, offers, escalations, ingest, windowStart, windowEnd, cpu, output);
    }

    private static EscalationLoadResult Report(EscalationLoadOptions o, EscalationLoadHost host, int clients, EscalationLoadOffers offers, EscalationSample[] escalations,
        IngestSample[] ingest, long windowStart, long windowEnd, CpuWindow cpu, TextWriter output)
    {
        var frequency = (double)Stopwatch.Frequency;
        double Ms(long ticks) => ticks * 1000.0 / frequency;
        var windowSeconds = (windowEnd - windowStart) / frequency;

        var background = ingest.Where(s => s.Done && s.Sent >= windowStart && s.Sent < windowEnd).ToList();
        var ingestLatency = background.Where(s => s.Ok).Select(s => Ms(s.Latency)).ToArray();
        var measured = escalations.Where(s => !s.Warmup).ToList();
        var opened = measured.Where(s => s.CaseId != 0).ToList();
        var fromReply = new List<double>();
        var fromRequest = new List<double>();
        var httpReply = measured.Where(s => s.Done && s.Error is null).Select(s => Ms(s.Replied - s.Sent)).ToArray();
        var openedSegment = new List<double>();
        var queuedSegment = new List<double>();
        var routedSegment = new List<double>();
        var early = 0;
        var missing = 0;
        foreach (var s in opened)
        {
            if (!offers.TryGet(s.CaseId, out var offer)) { missing++; continue; }
            var afterReply = Ms(offer.Timestamp - s.Replied);
            if (afterReply < 0) early++;
            fromReply.Add(Math.Max(0, afterReply));
            fromRequest.Add(Ms(offer.Timestamp - s.Sent));
            openedSegment.Add((offer.OpenedUtc - s.SentUtc).TotalMilliseconds);
            queuedSegment.Add((offer.RoutedUtc - offer.OpenedUtc).TotalMilliseconds);
            routedSegment.Add((offer.ArrivedUtc - offer.RoutedUtc).TotalMilliseconds);
        }
        var failed = measured.Count - opened.Count;
        if (o.CsvPath is { } csv) WriteCsv(csv, measured, offers, Ms);

        output.WriteLine();
        output.WriteLine($"Agents connected:          {clients}");
        output.WriteLine($"Measured window:           {windowSeconds:0.0} s, after {o.Warmup:0.#} s of warm-up");
        output.WriteLine($"Background ingest:         {background.Count} messages ({background.Count(s => s.Customer)} customer, {background.Count(s => !s.Customer)} bot), " +
            $"{background.Count / windowSeconds:0.0}/s achieved of {o.Rate:0.##}/s; {background.Count(s => !s.Ok)} failed, {background.Count(s => s.Escalated)} escalated (expected 0)");
        output.WriteLine($"  HTTP reply latency, ms:  {Summary(ingestLatency)}");
        output.WriteLine($"Escalations measured:      {measured.Count} sent ({measured.Count / windowSeconds:0.00}/s), {opened.Count} opened a case, " +
            $"{opened.Count - missing} offers received, {missing + failed} missing");
        output.WriteLine($"  HTTP reply latency, ms:  {Summary(httpReply)}");
        output.WriteLine();
        output.WriteLine("Escalation -> CaseOffered at the client, ms         p50      p90      p99      max");
        output.WriteLine($"  from the API reply (t0 = reply arrived)     {Row(fromReply)}");
        output.WriteLine($"  from the request sent                       {Row(fromRequest)}");
        output.WriteLine($"  ({early} of {fromReply.Count} offers arrived before their API reply; counted as 0 from the reply)");
        output.WriteLine("Breakdown from the server's timestamps (same clock), ms");
        output.WriteLine($"  request sent -> ingest holds the write lock {Row(openedSegment)}");
        output.WriteLine($"    (parse, classify, BEGIN IMMEDIATE)");
        output.WriteLine($"  -> routing engine began the offer command   {Row(queuedSegment)}");
        output.WriteLine($"    (rest of the ingest transaction, commit, engine queue)");
        output.WriteLine($"  -> CaseOffered at the client                {Row(routedSegment)}");
        output.WriteLine($"    (engine BEGIN IMMEDIATE, route, commit, hub send)");
        output.WriteLine();
        var p99 = P([.. fromReply], 0.99);
        output.WriteLine(fromReply.Count == 0
            ? "Target p99 <= 50 ms from the reply: no offers measured"
            : $"Target p99 <= {TargetP99Milliseconds:0} ms from the reply: {(p99 <= TargetP99Milliseconds ? "met" : "MISSED")} (p99 {p99:0.0} ms)");
        output.WriteLine($"Offers: {offers.Received} CaseOffered received by the offered agents in all, {offers.Duplicates} of them second deliveries of the same offer, " +
            $"{offers.Repeats} re-offers; {offers.Accepted} accepted, {offers.AcceptFailed} accepts refused");
        output.WriteLine($"CPU in the measured window: {(o.Cluster ? $"the {o.Nodes} servers" : "server")} {cpu.Server:0}% of one core, load generator {cpu.Self:0}% ({Environment.ProcessorCount} cores in all)");
        output.WriteLine($"Server log: {host.LogLineCount} lines (warnings and errors only){(host.LogLineCount > 0 ? ", by entry (last 400 lines):" : "")}");
        foreach (var (count, entry) in host.LogSummary().Take(10)) output.WriteLine($"  {count,5} x {entry}");
        foreach (var error in measured.Where(s => s.Error is not null).Select(s => s.Error).Distinct().Take(5)) output.WriteLine($"  escalation error: {error}");
        if (o.KeepStore) output.WriteLine($"Store kept: {host.StoreDescription}");
        return new EscalationLoadResult(Label(o), fromReply.Count == 0 ? double.NaN : P([.. fromReply], 0.50), fromReply.Count == 0 ? double.NaN : p99,
            missing + failed, background.Count / windowSeconds);
    }

    private static void WriteCsv(string path, IEnumerable<EscalationSample> measured, EscalationLoadOffers offers, Func<long, double> ms)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("case_id,sent_ms,reply_ms,offer_from_reply_ms,offer_from_request_ms,sent_to_opened_ms,opened_to_routed_ms,routed_to_client_ms,error");
        var origin = measured.Select(s => s.Sent).DefaultIfEmpty().Min();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var s in measured)
        {
            var line = offers.TryGet(s.CaseId, out var offer)
                ? string.Format(inv, "{0},{1:0.###},{2:0.###},{3:0.###},{4:0.###},{5:0.###},{6:0.###},{7:0.###},", s.CaseId, ms(s.Sent - origin), ms(s.Replied - s.Sent),
                    ms(offer.Timestamp - s.Replied), ms(offer.Timestamp - s.Sent), (offer.OpenedUtc - s.SentUtc).TotalMilliseconds,
                    (offer.RoutedUtc - offer.OpenedUtc).TotalMilliseconds, (offer.ArrivedUtc - offer.RoutedUtc).TotalMilliseconds)
                : string.Format(inv, "{0},{1:0.###},{2:0.###},,,,,,{3}", s.CaseId, ms(s.Sent - origin), ms(s.Replied - s.Sent), s.Error ?? "no offer");
            writer.WriteLine(line);
        }
    }

    /// <summary>CPU time of the server and of this process between two instants, as % of one core.</summary>
    private sealed class CpuWindow(EscalationLoadHost host)
    {
        private long _begun, _ended;
        private TimeSpan _server0, _self0;

        public double Server { get; private set; }
        public double Self { get; private set; }

        public void Begin()
        {
            if (_begun != 0) return;
            _begun = Stopwatch.GetTimestamp();
            _server0 = host.ServerCpu;
            _self0 = Environment.CpuUsage.TotalTime;
        }

        public void End()
        {
            if (_begun == 0 || _ended != 0) return;
            _ended = Stopwatch.GetTimestamp();
            var seconds = Stopwatch.GetElapsedTime(_begun, _ended).TotalSeconds;
            Server = (host.ServerCpu - _server0).TotalSeconds / seconds * 100;
            Self = (Environment.CpuUsage.TotalTime - _self0).TotalSeconds / seconds * 100;
        }
    }

    private static string Summary(double[] values) => values.Length == 0
        ? "none"
        : $"p50 {P(values, 0.50):0.0}   p90 {P(values, 0.90):0.0}   p99 {P(values, 0.99):0.0}   max {P(values, 1):0.0}";

    private static string Row(List<double> values) => Percentiles.Row(values);

    private static double P(double[] values, double p) => Percentiles.Of(values, p);
}
