using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AgentConsole.Core.Data;

/// <summary>
/// A write transaction that first queues for the store's in-process write gate.
/// <para>
/// SQLite allows one writer at a time. When a <c>BEGIN IMMEDIATE</c> finds the lock taken,
/// Microsoft.Data.Sqlite retries by blocking its thread in 150 ms sleeps, with no order among the
/// waiters: under steady ingest a routing command could lose the race for seconds while the thread
/// pool starved. Every writer in this process takes the gate first, an async FIFO wait that blocks
/// no thread, so writers take turns in arrival order and the lock is free when each one begins.
/// The gate is released as soon as the transaction commits or is disposed.
/// </para>
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly IDbContextTransaction _transaction;
    private SemaphoreSlim? _gate;

    private WriteTransaction(IDbContextTransaction transaction, SemaphoreSlim gate)
    {
        _transaction = transaction;
        _gate = gate;
    }

    /// <summary>Waits for the store's write gate, then begins a transaction on <paramref name="db"/>.</summary>
    public static async Task<WriteTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(cancellationToken), gate);
        }
        catch
        {
            gate.Release();
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
