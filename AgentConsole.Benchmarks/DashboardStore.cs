using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AgentConsole.Core.Data;
using AgentConsole.Core.Data.Seeding.History;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Metrics.Facts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace AgentConsole.Benchmarks;

/// <summary>
/// The seeded history store of one size and seed, kept in the cache folder between runs: seeded
/// once (into a temporary name, renamed when complete, so an interrupted seeding is never reused).
/// The name carries a digest of the schema (the model's tables and the fact tables' SQL), so a store
/// seeded before a schema change is never read by code that expects the new one.
/// </summary>
internal static class DashboardStore
{
    public static string PathOf(string folder, int cases, int seed) => Path.Combine(folder, $"history-{cases}-seed{seed}-{SchemaKey.Value}.db");

    private static readonly Lazy<string> SchemaKey = new(() =>
    {
        using var db = Factory(":memory:").CreateDbContext();
        var schema = db.Database.GenerateCreateScript() + string.Join('\n', FactsSql.Sqlite.Install);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(schema)))[..10];
    });

    /// <summary>The store's path, seeding it first when the cache has none; its day rollups built for the shipped time zone either way.</summary>
    public static async Task<string> EnsureAsync(string folder, int cases, int seed, TextWriter output, CancellationToken cancellationToken)
    {
        var path = PathOf(folder, cases, seed);
        if (File.Exists(path))
        {
            output.WriteLine($"Store: {path} (cached, {new FileInfo(path).Length / 1_048_576:N0} MB)");
            await BuildRollupsAsync(Factory(path), output, cancellationToken);
            return path;
        }
        Directory.CreateDirectory(folder);
        var seeding = path + ".seeding";
        foreach (var stale in Directory.GetFiles(folder, Path.GetFileName(seeding) + "*")) File.Delete(stale);
        var factory = Factory(seeding);
        await DatabaseInitializer.MigrateAsync(factory, cancellationToken);
        var result = await new HistorySeeder(factory).SeedAsync(new HistorySeedOptions(cases, 365, seed, DateTime.UtcNow),
            new Progress<string>(line => output.WriteLine($"  seeding: {line}")), cancellationToken);
        await BuildRollupsAsync(factory, output, cancellationToken);
        // Fold the write-ahead log into the file before it is renamed.
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        SqliteConnection.ClearAllPools();
        File.Move(seeding, path);
        foreach (var stale in Directory.GetFiles(folder, Path.GetFileName(seeding) + "*")) File.Delete(stale);
        output.WriteLine($"Store: {path} seeded with {result.Cases:N0} cases in {result.Conversations:N0} conversations in {result.Elapsed.TotalSeconds:0} s");
        return path;
    }

    /// <summary>Builds the day rollups as the app's catch-up does, a step at a time, and says how long it took.</summary>
    private static async Task BuildRollupsAsync(PooledDbContextFactory<AgentConsoleDbContext> factory, TextWriter output, CancellationToken cancellationToken)
    {
        var catchUp = new FactsCatchUp(factory, Options.Create(new MetricsOptions()));
        var (start, steps) = (Stopwatch.GetTimestamp(), 0);
        while (await catchUp.RollupsPendingAsync(cancellationToken))
        {
            await catchUp.RunAsync(cancellationToken);
            steps++;
        }
        if (steps > 0) output.WriteLine($"Store: day rollups built in {steps} steps of up to {FactRollups.ChunkDays} days, {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s");
    }

    public static PooledDbContextFactory<AgentConsoleDbContext> Factory(string path)
    {
        var options = new DbContextOptionsBuilder<AgentConsoleDbContext>();
        StoreConfiguration.Configure(options, DatabaseOptions.SqliteProvider, $"Data Source={path}", Path.GetDirectoryName(path)!);
        return new PooledDbContextFactory<AgentConsoleDbContext>(options.Options);
    }
}
