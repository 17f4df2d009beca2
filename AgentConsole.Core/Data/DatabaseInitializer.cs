using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Data;

/// <summary>Brings the store up to date at start-up.</summary>
public static class DatabaseInitializer
{
    /// <summary>
    /// Switches the file to write-ahead logging, so readers never block the writer, then applies
    /// any pending migrations.
    /// </summary>
    public static async Task MigrateAsync(IDbContextFactory<AgentConsoleDbContext> factory, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // journal_mode=WAL is stored in the file, so this holds for every later connection.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(cancellationToken);
    }
}
