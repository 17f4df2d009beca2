using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// What a desk's engine checks inside each of its write transactions before it writes: that it is
/// still the desk's one writer. A check that fails throws <see cref="DeskFencedException"/> and the
/// transaction stores nothing.
/// </summary>
public interface IDeskFence
{
    /// <summary>Throws <see cref="DeskFencedException"/> when this writer is no longer the desk's; <paramref name="db"/> is in the write transaction.</summary>
    Task CheckAsync(AgentConsoleDbContext db, CancellationToken cancellationToken);
}

/// <summary>A write refused because another activation of the desk has taken over its store.</summary>
public sealed class DeskFencedException(string message) : Exception(message);

/// <summary>
/// The store's own guard on a desk's single writer, on PostgreSQL. The cluster keeps one activation of a
/// desk, but a node cut off from the cluster's membership (Redis) and not from the store may keep writing
/// while another node activates the desk afresh. So an activation takes the desk's lease, a session-level
/// advisory lock on a connection of its own, and the newest activation wins: it ends the session of any
/// older holder (<c>pg_terminate_backend</c>) rather than wait for it, so a hung or cut-off node never
/// holds up failover, and a node that dies drops the lease with its connection. Every routing write
/// transaction then checks, under the store's write lock, that its activation's session still holds the
/// lease (<see cref="CheckAsync"/>): once the lease is gone, that activation writes nothing more. After
/// taking the lease, <see cref="AcquireAsync"/> also waits for the write lock once, so a write of the old
/// activation that passed its check before the lease went is committed before the new one reads the store.
/// </summary>
public sealed class DeskLease : IDeskFence, IAsyncDisposable
{
    /// <summary>The first key of the leases' advisory locks (the second is the desk's).</summary>
    public const int LockSpace = 7271008;

    private readonly NpgsqlConnection _connection;
    private readonly string _desk;
    private readonly string _held;

    private DeskLease(NpgsqlConnection connection, string desk, int key)
    {
        (_connection, _desk) = (connection, desk);
        // Only numbers from this class go into the statement.
        _held = $"""SELECT EXISTS (SELECT 1 FROM pg_locks WHERE {Holder(key)} AND pid = {connection.ProcessID}) AS "Value" """;
    }

    /// <summary>Whether a check found the lease gone: this activation must make way.</summary>
    public bool Lost { get; private set; }

    /// <summary>
    /// Takes <paramref name="desk"/>'s lease on the PostgreSQL store <paramref name="dbFactory"/> opens, from whichever
    /// activation holds it now; null on SQLite, whose store one node writes.
    /// </summary>
    public static async Task<DeskLease?> AcquireAsync(IDbContextFactory<AgentConsoleDbContext> dbFactory, string desk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsNpgsql()) return null;
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var key = AdvisoryKeys.Of(desk);
            // Only numbers from this class go into the statement.
            await using (var end = new NpgsqlCommand($"SELECT pg_terminate_backend(pid) FROM pg_locks WHERE {Holder(key)} AND pid <> pg_backend_pid()", connection))
                await end.ExecuteNonQueryAsync(cancellationToken);
            // The ended session lets go as it exits; another activation taking it meanwhile is waited for, and is then the older one.
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@space, @key)", connection))
            {
                take.CommandTimeout = 0;
                take.Parameters.AddWithValue("space", LockSpace);
                take.Parameters.AddWithValue("key", key);
                await take.ExecuteNonQueryAsync(cancellationToken);
            }
            // A write that the last holder began before its lease went ends before this activation reads the store.
            await using (var transaction = await WriteTransaction.BeginAsync(db, cancellationToken))
                await transaction.CommitAsync(cancellationToken);
            return new DeskLease(connection, desk, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task CheckAsync(AgentConsoleDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!Lost && await db.Database.SqlQueryRaw<bool>(_held).SingleAsync(cancellationToken)) return;
        Lost = true;
        throw new DeskFencedException($"The routing desk '{_desk}' lost its lease on the store: another activation writes it now.");
    }

    /// <summary>Lets the lease go: the next activation may take it.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    // The granted lease of a desk on this database (advisory locks are the database's own; pg_locks shows every database's):
    // a two-key advisory lock shows as classid, objid and objsubid 2.
    private static string Holder(int key) =>
        $"locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND classid = {LockSpace} AND objid = {key} AND objsubid = 2 AND granted";
}
