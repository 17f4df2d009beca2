using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Data;

/// <summary>Brings the store up to date at start-up.</summary>
public static class DatabaseInitializer
{
    /// <summary>
    /// Switches the file to write-ahead logging, so readers never block the writer, then applies
    /// any pending migrations.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store's schema history names migrations this build does not have.</exception>
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
        // A file from before the migrations were squashed names migrations this build does not have;
        // applying this build's on top would fail half-way with "table already exists".
        var known = db.Database.GetMigrations().ToHashSet();
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(id => !known.Contains(id)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"The store was made by a pre-release build (its schema history names {string.Join(", ", unknown)}, which this build does not know). " +
                "Nothing was changed. Delete the database file, or point ConnectionStrings at a new one, and start again.");
        await db.Database.MigrateAsync(cancellationToken);
    }
}
