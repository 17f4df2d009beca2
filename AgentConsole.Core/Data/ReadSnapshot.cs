using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Data;

/// <summary>
/// A context that reads the store as it was at the instant <see cref="PinAsync"/> returned, however
/// long the reads take and whatever is committed meanwhile: a read-only transaction whose first read
/// has already fixed its view. On SQLite it is a deferred transaction (it takes no write lock, so
/// writers go on; in WAL mode the reader's snapshot stays). Disposing it ends the transaction.
/// </summary>
public sealed class ReadSnapshot : IAsyncDisposable
{
    private readonly DbTransaction _transaction;

    private ReadSnapshot(AgentConsoleDbContext db, DbTransaction transaction)
    {
        Db = db;
        _transaction = transaction;
    }

    /// <summary>The context to read with; everything it reads is of the pinned instant.</summary>
    public AgentConsoleDbContext Db { get; }

    /// <summary>Opens a context of <paramref name="dbFactory"/> and fixes its view of the store now.</summary>
    public static async Task<ReadSnapshot> PinAsync(IDbContextFactory<AgentConsoleDbContext> dbFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        DbTransaction? transaction = null;
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            // BEGIN IMMEDIATE (the provider's default) would queue behind the writers and block them.
            transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            await db.Database.UseTransactionAsync(transaction, cancellationToken);
            // A deferred transaction takes its snapshot at its first read.
            await db.Agents.AsNoTracking().AnyAsync(cancellationToken);
            return new ReadSnapshot(db, transaction);
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            await db.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await Db.DisposeAsync();
    }
}
