using System.Diagnostics;
using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentConsole.Benchmarks;

public static class TmpSql
{
    public static async Task<int> RunAsync(string path)
    {
        var options = new DbContextOptionsBuilder<AgentConsoleDbContext>();
        StoreConfiguration.Configure(options, DatabaseOptions.SqliteProvider, $"Data Source={path}", Path.GetDirectoryName(path)!);
        if (Environment.GetEnvironmentVariable("SQL_LOG") is not null) options.LogTo(line => { if (line.Contains("Executed DbCommand")) Console.WriteLine(line[..Math.Min(line.Length, 3000)]); }, LogLevel.Information);
        var factory = new PooledDbContextFactory<AgentConsoleDbContext>(options.Options);
        var o = Options.Create(new MetricsOptions());
        var metrics = new HistoryMetrics(factory, o);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var month = metrics.Days(today.AddDays(-29), today);
        var year = metrics.Days(today.AddDays(-364), today);
        for (var i = 0; i < 3; i++)
        {
            await Time("history 30", () => metrics.ReportAsync(month));
            await Time("history 365", () => metrics.ReportAsync(year));
            await Time("hotspots 30", () => new HotspotMetrics(factory, o).ReportAsync(month));
            await Time("routing 30", () => new RoutingAccuracyQuery(factory, o).ReportAsync(month));
            await Time("context 30", () => new ContextUseQuery(factory).ReportAsync(month));
        }
        return 0;
    }

    private static async Task Time(string label, Func<Task> run)
    {
        var p = System.Diagnostics.Process.GetCurrentProcess();
        p.Refresh();
        var cpu = p.TotalProcessorTime;
        var s = Stopwatch.StartNew();
        await run();
        p.Refresh();
        Console.WriteLine($"==== {label}: wall {s.ElapsedMilliseconds} ms, cpu {(p.TotalProcessorTime - cpu).TotalMilliseconds:0} ms");
    }
}
