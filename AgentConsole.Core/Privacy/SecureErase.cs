using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Privacy;

/// <summary>
/// Makes an anonymisation reach the bytes of the SQLite file, not just its rows: SQLite's
/// <c>secure_delete</c> zeroes the space the old texts leave in a page, and a checkpoint afterwards
/// copies the rewritten pages from the write-ahead log over the old ones in the database file.
/// Does nothing on a store that is not SQLite.
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
    /// After the commit: turns <c>secure_delete</c> off for the pooled connection and checkpoints the
    /// log into the file. A reader still on an older snapshot can hold part of the log back; the next
    /// automatic checkpoint copies it then.
    /// </summary>
    public static async Task EndAsync(AgentConsoleDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return;
        await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = OFF", cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
        await db.Database.CloseConnectionAsync();
    }
}
