using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Privacy;

/// <summary>
/// Makes an anonymisation reach the bytes of the SQLite file, not just its rows: SQLite's
/// <c>secure_delete</c> zeroes the space the old texts leave in a page or on the free list, and a
/// checkpoint afterwards copies the rewritten pages from the write-ahead log over the old ones in the
/// database file. The store's connections keep <c>secure_delete</c> on all the time
/// (<see cref="Data.SqliteSecureDelete"/>), so the earlier versions of a row, from before the
/// erasure, were zeroed when they changed; this makes sure of it for the erasure's own connection.
/// On PostgreSQL an update or delete leaves the old row version in its page until a vacuum removes
/// it, so after the commit this vacuums the database: the erased texts' dead versions go from every
/// table and TOAST table (a snapshot older than the erasure, still open elsewhere, can keep them
/// until the next autovacuum). PostgreSQL does not zero the space they leave, and its write-ahead log
/// keeps them until it is recycled at a checkpoint; the README's "Scale out" says so.
/// </summary>
public static class SecureErase
{
    /// <summary>Opens <paramref name="db"/>'s connection and turns <c>secure_delete</c> on for it. Call before the write transaction begins.</summary>
    public static async Task BeginAsync(AgentConsoleDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return;
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON", cancellationToken);
    }

    /// <summary>
    /// After the commit: checkpoints the log into the file (<c>secure_delete</c> stays on: it is the
    /// store's setting for every connection). A reader still on an older snapshot can hold part of the log back; the next
    /// automatic checkpoint copies it then.
    /// </summary>
    public static async Task EndAsync(AgentConsoleDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            // VACUUM runs outside a transaction; the visibility map lets it skip every page nothing changed on.
            await db.Database.ExecuteSqlRawAsync("VACUUM", cancellationToken);
            return;
        }
        if (!db.Database.IsSqlite()) return;
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
        await db.Database.CloseConnectionAsync();
    }
}
