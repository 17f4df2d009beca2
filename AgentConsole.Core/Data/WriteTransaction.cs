using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AgentConsole.Core.Data;

/// <summary>
/// A write transaction that first queues for the store's <see cref="SqliteWriteGate"/>, when the
/// store has one, and lets the next writer in as soon as it commits or is disposed. On PostgreSQL
/// it takes the store's write lock instead, a transaction-scoped advisory lock
/// (<see cref="PostgresWriteLock"/>) that every app node sharing the database honours: what a writer
/// checked inside its transaction holds until it commits, as under SQLite's one writer.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private SqliteWriteGate? _gate;

    private WriteTransaction(IDbContextTransaction transaction, SqliteWriteGate? gate)
    {
        _transaction = transaction;
        _gate = gate;
    }

    /// <summary>The statement that takes the PostgreSQL store's write lock until the transaction ends.</summary>
    public const string PostgresWriteLock = "SELECT pg_advisory_xact_lock(7271006, 0)";

    /// <summary>Waits for the store's write gate, if it has one, then begins a transaction on <paramref name="db"/>.</summary>
    public static Task<WriteTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken = default) =>
        BeginAsync(db, WritePriority.Normal, cancellationToken);

    /// <summary>Waits in <paramref name="priority"/>'s queue of the store's write gate, if it has one, then begins a transaction on <paramref name="db"/>.</summary>
    public static async Task<WriteTransaction> BeginAsync(DbContext db, WritePriority priority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var gate = SqliteWriteGate.Of(db);
        if (gate is not null) await gate.WaitAsync(priority, cancellationToken);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (gate is null && db.Database.IsNpgsql())
            {
                try
                {
                    await db.Database.ExecuteSqlRawAsync(PostgresWriteLock, cancellationToken);
                }
                catch
                {
                    await transaction.DisposeAsync();
                    throw;
                }
            }
            return new WriteTransaction(transaction, gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }

    /// <summary>Commits and lets the next writer in.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        try { await _transaction.CommitAsync(cancellationToken); }
        finally { Release(); }
    }

    /// <summary>Rolls back anything not committed and lets the next writer in.</summary>
    public async ValueTask DisposeAsync()
    {
        try { await _transaction.DisposeAsync(); }
        finally { Release(); }
    }

    private void Release() => Interlocked.Exchange(ref _gate, null)?.Release();
}
