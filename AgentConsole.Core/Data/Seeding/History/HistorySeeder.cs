using System.Diagnostics;
using AgentConsole.Core.Metrics.Facts;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Data.Seeding.History;

/// <summary>
/// Generates a desk's past at a given size for the dashboard at scale: conversations the bot kept
/// and conversations that escalated, their transcripts, cases with their event logs, flags and
/// ratings, over <see cref="HistorySeedOptions.Days"/> days. Every case is played through the
/// domain's own methods and offered only to an agent with room for it, so the history obeys the
/// rules the routing engine enforces; every case is resolved before the history ends, so the live
/// queue is untouched. Rows go in with bulk prepared inserts, a batch per transaction, on SQLite or PostgreSQL. The same
/// options give the same history (the desk's team and agent ids aside).
/// </summary>
public sealed class HistorySeeder(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    private const int BatchSize = 5000;

    /// <summary>Stores the history <paramref name="options"/> describe; <paramref name="progress"/> hears how far it got.</summary>
    /// <exception cref="InvalidOperationException">The store already holds a generated history.</exception>
    public async Task<HistorySeedResult> SeedAsync(HistorySeedOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var watch = Stopwatch.StartNew();
        var random = new HistoryRandom(options.Seed);
        var (from, to) = (options.End.AddDays(-options.Days), options.End.AddHours(-12));

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Integrations.AnyAsync(i => i.Name == HistoryDesk.IntegrationName, cancellationToken))
            throw new InvalidOperationException("This store already holds a generated history; seed a new database file.");
        var desk = HistoryDesk.Create(db, random.Random, from);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var starts = Starts(options, random, from, to);
        var script = new ConversationScript(desk, random, new AgentSlots());
        var writer = new HistoryRowWriter(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        // A large page cache for this connection on SQLite: the indexes grow to hundreds of megabytes.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144;", cancellationToken);
        // A bulk load: the dashboard's fact rows are computed once at the end rather than by the triggers on every row.
        foreach (var sql in FactsSql.For(db.Database).Suspend) await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        try
        {
            for (var done = 0; done < starts.Length; done += BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = starts.AsSpan(done, Math.Min(BatchSize, starts.Length - done)).ToArray()
                    .Select((s, i) => s.Escalated ? script.Escalated(done + i, s.At) : script.BotOnly(done + i, s.At)).ToList();
                await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
                writer.Write(batch);
                await transaction.CommitAsync(cancellationToken);
                progress?.Report($"{Math.Min(done + BatchSize, starts.Length):N0} of {starts.Length:N0} conversations ({watch.Elapsed.TotalSeconds:0} s)");
            }
        }
        finally
        {
            await using (var transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None))
            {
                foreach (var sql in FactsSql.For(db.Database).Resume) await db.Database.ExecuteSqlRawAsync(sql, CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }
            progress?.Report($"dashboard facts computed ({watch.Elapsed.TotalSeconds:0} s)");
            await db.Database.CloseConnectionAsync();
        }
        return new HistorySeedResult(starts.Length, options.Cases, starts[0].At, starts[^1].At, watch.Elapsed);
    }

    /// <summary>Every conversation's start, oldest first, and whether it escalates: exactly <see cref="HistorySeedOptions.Cases"/> do.</summary>
    private static (DateTime At, bool Escalated)[] Starts(HistorySeedOptions options, HistoryRandom random, DateTime from, DateTime to)
    {
        var botOnly = (int)Math.Round(options.Cases * HistorySeedOptions.BotOnlyPerCase);
        var starts = new (DateTime At, bool Escalated)[options.Cases + botOnly];
        for (var i = 0; i < starts.Length; i++) starts[i] = (random.Start(from, to), i < options.Cases);
        Array.Sort(starts, (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Escalated.CompareTo(b.Escalated));
        return starts;
    }
}
