using System.Security.Cryptography;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Integrations;

/// <summary>An integration that presented a valid key.</summary>
public sealed record AuthenticatedIntegration(Guid Id, string Name);

/// <summary>
/// Matches presented API keys against the active integrations' key hashes. The hashes are cached
/// briefly; <see cref="Invalidate"/> drops the cache at once when a key is created or revoked.
/// </summary>
public sealed class IntegrationKeyStore(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private volatile Snapshot? _snapshot;

    private sealed record Entry(Guid Id, string Name, byte[] Hash);
    private sealed record Snapshot(Entry[] Entries, DateTimeOffset LoadedAt);

    /// <summary>The integration whose key is <paramref name="presentedKey"/>, or null.</summary>
    public async Task<AuthenticatedIntegration?> FindAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        var hash = ApiKeys.Hash(presentedKey);
        var snapshot = await GetSnapshotAsync(cancellationToken);

        // Compare with every key, without stopping early, so the time taken says nothing about which key came close.
        Entry? match = null;
        foreach (var entry in snapshot.Entries)
        {
            if (CryptographicOperations.FixedTimeEquals(entry.Hash, hash)) match = entry;
        }
        return match is null ? null : new AuthenticatedIntegration(match.Id, match.Name);
    }

    /// <summary>Forgets the cached hashes, so the next request reads them again.</summary>
    public void Invalidate() => _snapshot = null;

    private async Task<Snapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < CacheLifetime) return snapshot;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await db.Integrations.AsNoTracking().Where(i => i.RevokedAt == null)
            .Select(i => new Entry(i.Id, i.Name, i.ApiKeyHash)).ToArrayAsync(cancellationToken);
        _snapshot = snapshot = new Snapshot(entries, time.GetUtcNow());
        return snapshot;
    }
}
