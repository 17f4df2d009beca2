using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Metrics.Facts;

/// <summary>
/// Brings the fact rows up to date: the store's triggers only mark the conversations a write touched,
/// and this redoes their rows with <see cref="FactsSql.CatchUp"/>, then the day rollups of the days
/// they fall on (<see cref="FactRollups"/>), in one write transaction. The readers of the facts open
/// their context with <see cref="OpenCurrentAsync(IDbContextFactory{AgentConsoleDbContext}, MetricsOptions?, CancellationToken)"/>,
/// so a figure counts every write committed before it was asked for; the host also runs
/// <see cref="RunAsync"/> on a timer, so a read finds little left to do. The writers pay for a mark, not for the figures.
/// </summary>
public class FactsCatchUp(IDbContextFactory<AgentConsoleDbContext> dbFactory, IOptions<MetricsOptions> options)
{
    /// <summary>
    /// Redoes the fact rows of every marked conversation and their days' rollups, and takes one step of
    /// building the rollups if they are not complete for the desk's time zone and reopen window.
    /// Returns whether there was anything to do.
    /// </summary>
    public virtual async Task<bool> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CatchUpAsync(db, options.Value, cancellationToken);
    }

    /// <summary>Whether the day rollups are switched on and not yet complete for the desk's time zone and reopen window (a build takes a step per <see cref="RunAsync"/>).</summary>
    public virtual async Task<bool> RollupsPendingAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.Rollups) return false;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return !await FactRollups.BuiltForAsync(db, options.Value, cancellationToken);
    }

    /// <summary>A context whose fact rows count every write committed before the call, for a reader that does not read the rollups.</summary>
    public static Task<AgentConsoleDbContext> OpenCurrentAsync(IDbContextFactory<AgentConsoleDbContext> dbFactory, CancellationToken cancellationToken) =>
        OpenCurrentAsync(dbFactory, null, cancellationToken);

    /// <summary>
    /// A context whose fact rows (and day rollups) count every write committed before the call: the one
    /// way to read the facts. With <paramref name="rollupsFor"/>, a build of the rollups for its time
    /// zone and reopen window also takes a step, so a small store's rollups are ready on its first read.
    /// </summary>
    public static async Task<AgentConsoleDbContext> OpenCurrentAsync(IDbContextFactory<AgentConsoleDbContext> dbFactory, MetricsOptions? rollupsFor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            await CatchUpAsync(db, rollupsFor, cancellationToken);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> CatchUpAsync(AgentConsoleDbContext db, MetricsOptions? rollupsFor, CancellationToken cancellationToken)
    {
        // Nothing marked and the rollups built, nothing to lock: the common case of a dashboard refreshed on a quiet desk.
        var waiting = await db.Database.SqlQueryRaw<bool>(FactsSql.For(db.Database).AnyWaiting).SingleAsync(cancellationToken);
        var build = rollupsFor is { Rollups: true } && !await FactRollups.BuiltForAsync(db, rollupsFor, cancellationToken);
        if (!waiting && !build) return false;
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        await InTransactionAsync(db, cancellationToken);
        if (build) await FactRollups.BuildStepAsync(db, rollupsFor!, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Redoes the marked rows and their days' rollups inside the write transaction the caller holds on
    /// <paramref name="db"/>: for a writer whose change must reach the fact rows before it commits (an
    /// erasure leaves no words behind in them, not even until the next read).
    /// </summary>
    public static async Task InTransactionAsync(AgentConsoleDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var sql in FactsSql.For(db.Database).CatchUp) await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        await FactRollups.RefreshWaitingAsync(db, cancellationToken);
    }
}
