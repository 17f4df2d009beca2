using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics.Facts;

/// <summary>
/// Brings the fact rows up to date: the store's triggers only mark the conversations a write touched,
/// and this redoes their rows with <see cref="FactsSql.CatchUp"/>, in one write transaction. The
/// readers of the facts open their context with <see cref="OpenCurrentAsync"/>, so a figure counts
/// every write committed before it was asked for; the host also runs <see cref="RunAsync"/> on a
/// timer, so a read finds little left to do. The writers pay for a mark, not for the figures.
/// </summary>
public class FactsCatchUp(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>Redoes the fact rows of every marked conversation; returns whether any was marked.</summary>
    public virtual async Task<bool> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CatchUpAsync(db, cancellationToken);
    }

    /// <summary>A context whose fact rows count every write committed before the call: the one way to read the facts.</summary>
    public static async Task<AgentConsoleDbContext> OpenCurrentAsync(IDbContextFactory<AgentConsoleDbContext> dbFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            await CatchUpAsync(db, cancellationToken);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> CatchUpAsync(AgentConsoleDbContext db, CancellationToken cancellationToken)
    {
        // Nothing marked, nothing to lock: the common case of a dashboard refreshed on a quiet desk.
        if (!await db.Database.SqlQueryRaw<bool>(FactsSql.AnyWaiting + " AS Value").SingleAsync(cancellationToken)) return false;
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        await InTransactionAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Redoes the marked rows inside the write transaction the caller holds on <paramref name="db"/>:
    /// for a writer whose change must reach the fact rows before it commits (an erasure leaves no
    /// words behind in them, not even until the next read).
    /// </summary>
    public static async Task InTransactionAsync(AgentConsoleDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var sql in FactsSql.CatchUp) await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }
}
