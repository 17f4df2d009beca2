using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics.Facts;

/// <summary>
/// Recomputes every fact row from the source tables with the same SQL the triggers use
/// (<see cref="FactsSql.Rebuild"/>), in one transaction: the migration's backfill, and the check
/// that the incrementally kept rows equal a fresh computation.
/// </summary>
public class FactsRebuild(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>Rebuilds the fact tables.</summary>
    public virtual async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var sql in FactsSql.For(db.Database).Rebuild) await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
