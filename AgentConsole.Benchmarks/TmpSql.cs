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
        options.LogTo(line => { if (line.Contains("Executed DbCommand")) Console.WriteLine(line[..Math.Min(line.Length, 3000)]); }, LogLevel.Information);
        var factory = new PooledDbContextFactory<AgentConsoleDbContext>(options.Options);
        var o = Options.Create(new MetricsOptions());
        var metrics = new HistoryMetrics(factory, o);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var month = metrics.Days(today.AddDays(-29), today);
        for (var i = 0; i < 2; i++)
        {
            Console.WriteLine("==== history"); var s = Stopwatch.StartNew(); await metrics.ReportAsync(month); Console.WriteLine($"==== {s.ElapsedMilliseconds} ms");
            Console.WriteLine("==== hotspots"); s.Restart(); await new HotspotMetrics(factory, o).ReportAsync(month); Console.WriteLine($"==== {s.ElapsedMilliseconds} ms");
        }
        return 0;
    }
}
