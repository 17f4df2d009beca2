using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AgentConsole.Core.Data;

/// <summary>
/// A write transaction that first queues for the store's <see cref="SqliteWriteGate"/>, when the
/// store has one, and lets the next writer in as soon as it commits or is disposed. On PostgreSQL
/// it takes the store's write lock instead, a transaction-scoped advisory lock
/// (<see cref="PostgresWriteLock"/>) that every app node sharing the database honours: what a writer
/// checked inside its transaction holds until it commits, as under SQLite's one writer.
/// <para>
/// A writer whose whole transaction stays within one conversation may ask for that conversation's
/// <see cref="WriteScope"/> instead. On PostgreSQL it then holds the store's write lock shared, and
/// its conversation's lock (and its customer's) alone: writers of other conversations go on beside
/// it, and a whole-store writer still waits for all of them, and they for it. On SQLite the gate
/// admits one writer whatever the scope, so every transaction there <see cref="HoldsWholeStore"/>.
/// </para>
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private SqliteWriteGate? _gate;

    private WriteTransaction(IDbContextTransaction transaction, SqliteWriteGate? gate, bool wholeStore)
    {
        _transaction = transaction;
        _gate = gate;
        HoldsWholeStore = wholeStore;
    }

    /// <summary>
    /// Whether no other writer can write anywhere in the store until this transaction ends: always on SQLite, and on
    /// PostgreSQL unless the transaction was begun for one conversation's <see cref="WriteScope"/>.
    /// </summary>
    public bool HoldsWholeStore { get; }

    /// <summary>The statement that takes the PostgreSQL store's write lock until the transaction ends.</summary>
    public const string PostgresWriteLock = "SELECT pg_advisory_xact_lock(" + StoreLockKeys + ")";

    /// <summary>The keys of the store's write lock: <see cref="PostgresWriteLock"/> takes it alone, a <see cref="WriteScope"/> of one conversation shares it.</summary>
    internal const string StoreLockKeys = "7271006, 0";

    /// <summary>Waits for the store's write gate, if it has one, then begins a transaction on <paramref name="db"/>.</summary>
    public static Task<WriteTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken = default) =>
        BeginAsync(db, WritePriority.Normal, cancellationToken);

    /// <summary>Waits in <paramref name="priority"/>'s queue of the store's write gate, if it has one, then begins a transaction on <paramref name="db"/>.</summary>
    public static Task<WriteTransaction> BeginAsync(DbContext db, WritePriority priority, CancellationToken cancellationToken = default) =>
        BeginAsync(db, priority, WriteScope.Store, cancellationToken);

    /// <summary>Begins a transaction that writes only within <paramref name="scope"/> (on PostgreSQL; SQLite's gate admits one writer at a time anyway).</summary>
    public static Task<WriteTransaction> BeginAsync(DbContext db, WriteScope scope, CancellationToken cancellationToken = default) =>
        BeginAsync(db, WritePriority.Normal, scope, cancellationToken);

    private static async Task<WriteTransaction> BeginAsync(DbContext db, WritePriority priority, WriteScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var gate = SqliteWriteGate.Of(db);
        if (gate is not null) await gate.WaitAsync(priority, cancellationToken);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (gate is null && db.Database.IsNpgsql())
            {
                try
                {
                    await db.Database.ExecuteSqlRawAsync(scope.PostgresLocks, cancellationToken);
                }
                catch
                {
                    await transaction.DisposeAsync();
                    throw;
                }
            }
            return new WriteTransaction(transaction, gate, gate is not null || scope.IsWholeStore);
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

/// <summary>
/// What a write transaction locks on PostgreSQL: the whole store (<see cref="Store"/>), or one
/// conversation and the customer it names (<see cref="Conversation"/>). The statement takes the
/// store's write lock shared and then the scope's own locks in one order (conversation, then
/// customer), so two scoped writers never wait for each other in a circle.
/// </summary>
public sealed class WriteScope
{
    /// <summary>The first key of a conversation's write lock (the second is its key within its integration).</summary>
    public const int ConversationLockSpace = 7271009;

    /// <summary>The first key of a customer's write lock (the second is the customer's external id).</summary>
    public const int CustomerLockSpace = 7271010;

    private WriteScope(string locks, bool wholeStore) => (PostgresLocks, IsWholeStore) = (locks, wholeStore);

    /// <summary>The whole store: no other writer writes until the transaction ends.</summary>
    public static WriteScope Store { get; } = new(WriteTransaction.PostgresWriteLock, true);

    /// <summary>
    /// The conversation <paramref name="externalId"/> of <paramref name="integrationId"/>, and the customer
    /// <paramref name="customerExternalId"/> when the write may create or change their profile.
    /// </summary>
    public static WriteScope Conversation(Guid integrationId, string externalId, string? customerExternalId)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        // Only numbers go into the statement.
        var locks = $"SELECT pg_advisory_xact_lock_shared({WriteTransaction.StoreLockKeys}); SELECT pg_advisory_xact_lock({ConversationLockSpace}, {AdvisoryKeys.Of(integrationId, externalId)});";
        if (customerExternalId is not null) locks += $" SELECT pg_advisory_xact_lock({CustomerLockSpace}, {AdvisoryKeys.Of(customerExternalId)});";
        return new(locks, false);
    }

    /// <summary>Whether the scope is the whole store.</summary>
    public bool IsWholeStore { get; }

    /// <summary>The statement that takes the scope's locks until the transaction ends.</summary>
    internal string PostgresLocks { get; }
}
