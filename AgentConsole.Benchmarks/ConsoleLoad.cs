using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace AgentConsole.Benchmarks;

/// <summary>
/// What an open console costs the server, and how fast an offer reaches it, end to end: the real
/// Release app as a child process (<see cref="ConsoleLoadHost"/>), agents signed in through the
/// sign-in form in real Chromium pages, each on My queue (<see cref="ConsoleLoadBrowser"/>).
/// <para>
/// Memory: the app's live managed heap after a full collection (its <c>/diagnostics/heap</c>
/// report), the median of a few readings, once <c>--baseline</c> consoles are open and again at
/// <c>--consoles</c>; the difference over the consoles added is the heap one open console holds.
/// Offers: escalations posted to the bot API at an even rate; the time from the request (and from
/// the API's reply) to the offer card entering the offered agent's page, by the page's clock (same
/// machine). Exits 1 when an escalation got no card.
/// </para>
/// <code>dotnet run -c Release --project AgentConsole.Benchmarks -- console-load [--consoles 50] [--baseline 30] [--offers 120]</code>
/// </summary>
public static class ConsoleLoad
{
    /// <summary>The target for the managed heap one open console holds on the server, in KB.</summary>
    public const double TargetKilobytesPerConsole = 250;

    private static readonly TimeSpan CardGrace = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = ConsoleLoadOptions.Parse(args, Console.Error);
        if (options is null) return 2;
        return await LoadToolRun.CancellableAsync("console-load", ct => RunAsync(options, Console.Out, ct),
            e => e is TimeoutException or InvalidOperationException or FileNotFoundException or Microsoft.Playwright.PlaywrightException or HttpRequestException);
    }

    private static async Task<int> RunAsync(ConsoleLoadOptions o, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Console load: {o.Consoles} agents' consoles in Chromium on My queue; heap at {o.Baseline} and {o.Consoles} consoles " +
            $"(median of {o.Samples}); {o.Offers} offers at {o.Rate:0.##}/s after {o.WarmupOffers} warm-up offers");
        output.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores; " +
            $"load average before the run: {LoadAverage()}");
        var total = Stopwatch.StartNew();
        await using var host = await ConsoleLoadHost.StartAsync(o, output, cancellationToken);
        var cards = new ConsoleLoadCards();
        await using var browser = await ConsoleLoadBrowser.LaunchAsync(host.BaseAddress, cards, cancellationToken);

        var first = await OpenAndMeasureAsync(host, browser, 0, o.Baseline, o, output, cancellationToken);
        var second = await OpenAndMeasureAsync(host, browser, o.Baseline, o.Consoles, o, output, cancellationToken);
        var perConsole = (second.HeapBytes - first.HeapBytes) / (double)(o.Consoles - o.Baseline);

        using var api = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Add("X-Api-Key", host.ApiKey);
        var samples = new OfferSample[o.WarmupOffers + o.Offers];
        output.WriteLine($"Offers: {samples.Length} escalations at {o.Rate:0.##}/s ...");
        await ConsoleLoadOffers.RunAsync(api, o.Rate, o.WarmupOffers, samples, cancellationToken);
        var waiting = Stopwatch.StartNew();
        while (waiting.Elapsed < CardGrace && samples.Any(s => s.CaseId != 0 && !cards.TryGet(s.CaseId, out _))) await Task.Delay(100, cancellationToken);
        var after = await host.HeapAsync(cancellationToken);

        return Report(o, host, cards, first, second, perConsole, samples, after, output, total);
    }

    private static async Task<HeapReading> OpenAndMeasureAsync(ConsoleLoadHost host, ConsoleLoadBrowser browser, int from, int to, ConsoleLoadOptions o,
        TextWriter output, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await browser.OpenAsync(host.Agents, from, to, o.Parallel, cancellationToken);
        // Every page shows My queue; wait until the server has a circuit for each, then let the start-up work settle.
        while (await host.CircuitsAsync(cancellationToken) < to && watch.Elapsed < TimeSpan.FromMinutes(5)) await Task.Delay(250, cancellationToken);
        output.WriteLine($"Consoles: {browser.Open} signed in and on My queue ({to - from} in {watch.Elapsed.TotalSeconds:0.0} s); server circuits {await host.CircuitsAsync(cancellationToken)}");
        await Task.Delay(Settle, cancellationToken);
        var readings = new List<HeapReading>();
        for (var i = 0; i < o.Samples; i++)
        {
            readings.Add(await host.HeapAsync(cancellationToken));
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        var median = readings.OrderBy(r => r.HeapBytes).ElementAt(readings.Count / 2);
        output.WriteLine($"  live managed heap at {median.Circuits} circuits: {Mb(median.HeapBytes)} (readings {string.Join(", ", readings.Select(r => Mb(r.HeapBytes)))}); " +
            $"working set {Mb(host.WorkingSet)}");
        return median;
    }

    private static int Report(ConsoleLoadOptions o, ConsoleLoadHost host, ConsoleLoadCards cards, HeapReading first, HeapReading second, double perConsole,
        OfferSample[] samples, HeapReading after, TextWriter output, Stopwatch total)
    {
        var measured = samples.Where(s => !s.Warmup).ToList();
        var fromRequest = new List<double>();
        var fromReply = new List<double>();
        var missing = 0;
        foreach (var s in measured.Where(s => s.CaseId != 0))
        {
            if (!cards.TryGet(s.CaseId, out var card)) { missing++; continue; }
            fromRequest.Add(card.UnixMs - s.SentUnixMs);
            fromReply.Add(Math.Max(0, card.UnixMs - s.RepliedUnixMs));
        }
        var failed = measured.Count(s => s.CaseId == 0);
        if (o.CsvPath is { } csv) WriteCsv(csv, measured, cards);

        output.WriteLine();
        output.WriteLine($"Managed heap per open console: ({Mb(second.HeapBytes)} at {second.Circuits} circuits - {Mb(first.HeapBytes)} at {first.Circuits}) " +
            $"/ {o.Consoles - o.Baseline} = {perConsole / 1024:0} KB");
        output.WriteLine($"Target <= {TargetKilobytesPerConsole:0} KB per console: {(perConsole / 1024 <= TargetKilobytesPerConsole ? "met" : "MISSED")}");
        output.WriteLine($"Heap after the offers ({cards.Accepted} cases accepted onto the consoles): {Mb(after.HeapBytes)} at {after.Circuits} circuits");
        output.WriteLine();
        output.WriteLine($"Offers measured: {measured.Count} escalations, {measured.Count - failed} opened a case, {fromRequest.Count} cards shown, {missing + failed} missing");
        output.WriteLine("Escalation -> offer card in the agent's page, ms      p50      p90      p99      max");
        output.WriteLine($"  from the request sent to the bot API         {Row(fromRequest)}");
        output.WriteLine($"  from the API's reply                         {Row(fromReply)}");
        output.WriteLine($"Cards: {cards.Shown} shown in all for {cards.Cases} cases; {cards.Accepted} accepted by clicking Accept, {cards.AcceptFailed} accepts failed");
        output.WriteLine($"Server log: {host.LogLineCount} lines (warnings and errors only)");
        foreach (var line in host.LogTail.TakeLast(Math.Min(10, host.LogLineCount))) output.WriteLine($"  {line}");
        foreach (var error in measured.Where(s => s.Error is not null).Select(s => s.Error).Distinct().Take(5)) output.WriteLine($"  escalation error: {error}");
        if (o.KeepStore) output.WriteLine($"Store kept: {host.DatabasePath}");
        output.WriteLine($"Load average after the run: {LoadAverage()}; total run time {total.Elapsed.TotalSeconds:0} s");
        return missing + failed > 0 ? 1 : 0;
    }

    private static void WriteCsv(string path, IEnumerable<OfferSample> measured, ConsoleLoadCards cards)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("case_id,reply_ms,card_from_request_ms,card_from_reply_ms,console,error");
        foreach (var s in measured)
        {
            writer.WriteLine(cards.TryGet(s.CaseId, out var card)
                ? string.Create(CultureInfo.InvariantCulture, $"{s.CaseId},{s.RepliedUnixMs - s.SentUnixMs:0.###},{card.UnixMs - s.SentUnixMs:0.###},{card.UnixMs - s.RepliedUnixMs:0.###},{card.Console},")
                : string.Create(CultureInfo.InvariantCulture, $"{s.CaseId},{s.RepliedUnixMs - s.SentUnixMs:0.###},,,,{s.Error ?? "no card"}"));
        }
    }

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):0.0} MB";

    // The machine is shared: say how busy it was.
    private static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    private static string Row(List<double> values) => Percentiles.Row(values);

    private static double P(double[] sorted, double p) => Percentiles.Of(sorted, p);
}
