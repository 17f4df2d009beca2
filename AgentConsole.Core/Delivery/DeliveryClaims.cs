using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentConsole.Core.Delivery;

/// <summary>
/// Which node sends a conversation's webhooks now. Every app node on a store runs a webhook
/// dispatcher; without claims each would send the same pending rows, and receivers would get most
/// deliveries once per node. On PostgreSQL a dispatcher claims a conversation before a run with a
/// session-level advisory lock on a connection of its own, and lets it go once the run's results
/// are stored (or the run failed): another node skips a claimed conversation, and a node that dies
/// drops its claims with its connection. After the claim the run's first row is read again, since
/// another node may have sent it and stored its result since the heads were read. On SQLite, whose
/// store one node writes, a claim always succeeds and costs nothing.
/// </summary>
public sealed class DeliveryClaims(IDbContextFactory<AgentConsoleDbContext> dbFactory) : IAsyncDisposable
{
    /// <summary>The first key of the claims' advisory locks (the second is the conversation's).</summary>
    public const int LockSpace = 7271007;

    private readonly HashSet<Guid> _held = [];
    private string? _postgres;
    private bool _known;
    private NpgsqlConnection? _connection;

    /// <summary>The conversations this dispatcher holds now.</summary>
    public IReadOnlyCollection<Guid> Held => _held;

    /// <summary>
    /// Claims <paramref name="conversationId"/> for a run that starts with row <paramref name="headRowId"/>; false when another
    /// node holds it, or when that row is no longer pending. Not thread-safe: the dispatcher's loop calls it.
    /// </summary>
    public async Task<bool> TryClaimAsync(Guid conversationId, long headRowId, CancellationToken cancellationToken)
    {
        if (await ConnectionAsync(cancellationToken) is not { } connection) return true;
        if (_held.Contains(conversationId)) return false;
        try
        {
            await using (var claim = new NpgsqlCommand("SELECT pg_try_advisory_lock(@space, @key)", connection))
            {
                claim.Parameters.AddWithValue("space", LockSpace);
                claim.Parameters.AddWithValue("key", AdvisoryKeys.Of(conversationId));
                if (await claim.ExecuteScalarAsync(cancellationToken) is not true) return false;
            }
            await using (var pending = new NpgsqlCommand("""SELECT EXISTS (SELECT 1 FROM "OutboundEvents" WHERE "Id" = @row AND "NextAttemptAt" IS NOT NULL)""", connection))
            {
                pending.Parameters.AddWithValue("row", headRowId);
                if (await pending.ExecuteScalarAsync(cancellationToken) is true)
                {
                    _held.Add(conversationId);
                    return true;
                }
            }
            await UnlockAsync(connection, conversationId, cancellationToken);
            return false;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            await DropAsync();
            throw;
        }
    }

    /// <summary>Lets the conversations go (those this dispatcher holds; others are ignored).</summary>
    public async Task ReleaseAsync(IEnumerable<Guid> conversations, CancellationToken cancellationToken)
    {
        if (_connection is not { } connection) return;
        try
        {
            foreach (var conversationId in conversations)
                if (_held.Remove(conversationId)) await UnlockAsync(connection, conversationId, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The session is gone, and its locks with it.
            await DropAsync();
        }
    }

    public ValueTask DisposeAsync() => new(DropAsync());

    private static async Task UnlockAsync(NpgsqlConnection connection, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@space, @key)", connection);
        unlock.Parameters.AddWithValue("space", LockSpace);
        unlock.Parameters.AddWithValue("key", AdvisoryKeys.Of(conversationId));
        await unlock.ExecuteScalarAsync(cancellationToken);
    }

    // The claims' own connection on PostgreSQL, opened on first use; null on SQLite.
    private async Task<NpgsqlConnection?> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (!_known)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            _postgres = db.Database.IsNpgsql() ? db.Database.GetConnectionString() : null;
            _known = true;
        }
        if (_postgres is null) return null;
        if (_connection is { State: System.Data.ConnectionState.Open } open) return open;
        await DropAsync();
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgres) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return _connection = connection;
    }

    private async Task DropAsync()
    {
        _held.Clear();
        if (Interlocked.Exchange(ref _connection, null) is { } connection) await connection.DisposeAsync();
    }
}
