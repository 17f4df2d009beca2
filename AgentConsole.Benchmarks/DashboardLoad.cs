using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AgentConsole.Core.Metrics;
using Microsoft.Extensions.Options;

namespace AgentConsole.Benchmarks;

/// <summary>
/// <c>dashboard [--cases 100000,1000000]</c>: for each history size, seeds a year of history (or
/// reuses the cached store of that size and seed), then measures the historical dashboard over it:
/// the page's full load (its default view, the last 30 days, rendered by the real Release app for
/// the demo supervisor: every query the page runs), the same figures for a full year as the
/// dashboard's service computes them, and the <c>/metrics</c> scrape. Prints p50 and p95 of each,
/// with the issue's targets.
/// </summary>
public static partial class DashboardLoad
{
    private const double PageTargetMs = 300, ScrapeTargetMs = 10;
    private const string SupervisorEmail = "sofia.mendes@agentconsole.demo", SupervisorPassword = "Demo-Supervisor-2026!";

    public static Task<int> RunAsync(string[] args) => LoadToolRun.CancellableAsync("dashboard", async cancel =>
    {
        if (DashboardLoadOptions.Parse(args) is not { } options)
        {
            Console.Error.WriteLine(DashboardLoadOptions.Usage);
            return 2;
        }
        var host = AppProcess.RequireHost(options.HostPath);
        var rows = new List<string>();
        foreach (var cases in options.Cases)
        {
            var store = await DashboardStore.EnsureAsync(options.CacheFolder, cases, options.Seed, Console.Out, cancel);
            rows.AddRange(await MeasureAsync(host, store, cases, options.Loads, cancel));
        }
        Console.WriteLine();
        Console.WriteLine($"dashboard: {options.Loads} timed loads each, after one warm-up; ms");
        Console.WriteLine($"{"cases",10} {"measurement",-44} {"p50",8} {"p95",8}  target");
        foreach (var row in rows) Console.WriteLine(row);
        return 0;
    }, e => e is FileNotFoundException or InvalidOperationException or TimeoutException or HttpRequestException);

    private static async Task<List<string>> MeasureAsync(string host, string store, int cases, int loads, CancellationToken cancel)
    {
        var rows = new List<string>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // The service behind the page, in this process over the same file: the 30 days the page opens on, and a full year.
        var metrics = new HistoryMetrics(DashboardStore.Factory(store), Options.Create(new MetricsOptions()));
        foreach (var (label, days) in new[] { ("figures, last 30 days (service)", 30), ("figures, last 365 days (service)", 365) })
        {
            var filter = metrics.Days(today.AddDays(1 - days), today);
            var times = await TimeAsync(loads, async () =>
            {
                var report = await metrics.ReportAsync(filter, cancel);
                if (report.EscalationRate.Overall.Of == 0) throw new InvalidOperationException($"The store {store} has no conversations in the last {days} days.");
            });
            rows.Add(Row(cases, label, times, cases >= 1_000_000 ? PageTargetMs : null));
        }
        // The page's other three services over its default view, one by one, to show where a load's time goes.
        var factory = DashboardStore.Factory(store);
        var options = Options.Create(new MetricsOptions());
        var month = metrics.Days(today.AddDays(-29), today);
        var hotspots = new HotspotMetrics(factory, options);
        var routing = new RoutingAccuracyQuery(factory, options);
        var context = new ContextUseQuery(factory);
        rows.Add(Row(cases, "hotspots and funnel, last 30 days (service)", await TimeAsync(loads, () => hotspots.ReportAsync(month, cancel)), null));
        rows.Add(Row(cases, "routing accuracy, last 30 days (service)", await TimeAsync(loads, () => routing.ReportAsync(month, cancel)), null));
        rows.Add(Row(cases, "context use, last 30 days (service)", await TimeAsync(loads, () => context.ReportAsync(month, cancel)), null));

        var folder = Path.Combine(Path.GetTempPath(), "agentconsole-dashboard", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:AgentConsole"] = $"Data Source={store}",
            ["Demo:LiveTraffic"] = "false",
            ["Demo:Agents"] = "false",
        };
        await using var app = await AppProcess.StartAsync(host, folder, AppProcess.FreePort(), settings, keep: false, linesKept: 200, echo: false,
            Console.Out, TimeSpan.FromMinutes(5), cancel);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        await SignInAsync(http, cancel);

        var page = await TimeAsync(loads, async () =>
        {
            using var response = await http.GetAsync("dashboard/history", cancel);
            var html = await response.Content.ReadAsStringAsync(cancel);
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains("data-testid=\"history-scope\"", StringComparison.Ordinal))
                throw new InvalidOperationException($"The history page did not render its figures ({(int)response.StatusCode}).");
        });
        rows.Add(Row(cases, "page full load, last 30 days (HTTP, prerender)", page, cases >= 1_000_000 ? PageTargetMs : null));
        var scrape = await TimeAsync(loads, async () =>
        {
            using var response = await http.GetAsync("metrics", cancel);
            await response.Content.ReadAsStringAsync(cancel);
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"/metrics answered {(int)response.StatusCode}.");
        });
        rows.Add(Row(cases, "/metrics scrape", scrape, ScrapeTargetMs));
        return rows;
    }

    private static async Task SignInAsync(HttpClient http, CancellationToken cancel)
    {
        var page = await http.GetStringAsync("account/login", cancel);
        var token = Token().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = SupervisorEmail,
            ["Input.Password"] = SupervisorPassword,
        });
        using var response = await http.PostAsync("account/login", form, cancel);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in as the demo supervisor failed ({(int)response.StatusCode}).");
    }

    private static async Task<List<double>> TimeAsync(int loads, Func<Task> load)
    {
        await load();
        var times = new List<double>(loads);
        for (var i = 0; i < loads; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await load();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times;
    }

    private static string Row(int cases, string label, IReadOnlyList<double> times, double? target) =>
        $"{cases,10:N0} {label,-44} {Percentiles.Of(times, 0.5),8:0.0} {Percentiles.Of(times, 0.95),8:0.0}  {(target is { } t ? $"<= {t:0} ms" : "")}";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
