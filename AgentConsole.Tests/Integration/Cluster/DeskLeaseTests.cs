using AgentConsole.Core.Data;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration.Cluster;

/// <summary>
/// The store keeps a desk to one writer in a cluster: the newest activation takes the desk's lease on PostgreSQL,
/// the one it replaced writes nothing more, and the newer reads the store only after a write the older had begun.
/// </summary>
public sealed class DeskLeaseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task ANewerActivationTakesTheLeaseAndTheOlderOneWritesNothingMore()
    {
        // Arrange: an engine writing under its activation's lease.
        await using var h = await EngineHarness.CreateOnPostgresAsync();
        var older = (await DeskLease.AcquireAsync(h.DbFactory, "default", CancellationToken.None))!;
        h.Fence = older;
        var ana = await h.AgentAsync("Ana", await h.TeamAsync("Billing"));
        await h.StartAsync();
        await h.Engine.SetPresenceAsync(ana.Id, Presence.Busy, EngineHarness.As(ana));

        // Act: another activation of the desk takes the lease while the first still runs.
        await using var newer = (await DeskLease.AcquireAsync(h.DbFactory, "default", CancellationToken.None))!;

        // Assert: the older engine's next write is refused and stores nothing; the newer one's engine writes.
        await Assert.ThrowsAsync<DeskFencedException>(() => h.Engine.SetPresenceAsync(ana.Id, Presence.Away, EngineHarness.As(ana)));
        Assert.True(older.Lost);
        Assert.Equal(Presence.Busy, (await h.StoredAgentAsync(ana.Id)).Presence);
        await using var engine = new RoutingEngine(h.DbFactory, h.Clock, new RoutingNotifier(), h.Options, fence: newer);
        await engine.StartAsync();
        await engine.SetPresenceAsync(ana.Id, Presence.Away, EngineHarness.As(ana));
        Assert.Equal(Presence.Away, (await h.StoredAgentAsync(ana.Id)).Presence);
        Assert.False(newer.Lost);
        await older.DisposeAsync();
    }

    [SkippableFact]
    public async Task TheNewerActivationReadsTheStoreOnlyAfterAWriteTheOlderBeganIsCommitted()
    {
        // Arrange: the older activation has passed its check inside a write transaction, and not committed yet.
        using var database = await TempDatabase.CreateAsync(DatabaseOptions.PostgresProvider);
        var factory = database.CreateFactory();
        await DatabaseInitializer.MigrateAsync(factory);
        await using var older = (await DeskLease.AcquireAsync(factory, "default", CancellationToken.None))!;
        await using var db = await factory.CreateDbContextAsync();
        var transaction = await WriteTransaction.BeginAsync(db);
        await older.CheckAsync(db, CancellationToken.None);
        db.Teams.Add(new Team("Written before the takeover"));
        await db.SaveChangesAsync();

        // Act: a newer activation takes the lease.
        var taking = DeskLease.AcquireAsync(factory, "default", CancellationToken.None);

        // Assert: it waits for the store's write lock, which the older write holds, and has the lease once that write is in.
        await Eventually.HoldsAsync(() => WaitingForTheWriteLockAsync(factory), Patience, "the newer activation waits for the store's write lock");
        Assert.False(taking.IsCompleted);
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await using var newer = (await taking.WaitAsync(Patience))!;
        await using (var read = await factory.CreateDbContextAsync())
            Assert.True(await read.Teams.AnyAsync(t => t.Name == "Written before the takeover"));
        // The older activation's next write transaction finds its lease gone.
        await using var next = await WriteTransaction.BeginAsync(db);
        await Assert.ThrowsAsync<DeskFencedException>(() => older.CheckAsync(db, CancellationToken.None));
    }

    [SkippableFact]
    public async Task ADeskOfTheSameNameOnAnotherStoreOfTheServerKeepsItsLease()
    {
        using var first = await TempDatabase.CreateAsync(DatabaseOptions.PostgresProvider);
        using var second = await TempDatabase.CreateAsync(DatabaseOptions.PostgresProvider);
        var (onFirst, onSecond) = (first.CreateFactory(), second.CreateFactory());
        await DatabaseInitializer.MigrateAsync(onFirst);
        await DatabaseInitializer.MigrateAsync(onSecond);
        await using var lease = (await DeskLease.AcquireAsync(onFirst, "default", CancellationToken.None))!;

        await using var other = (await DeskLease.AcquireAsync(onSecond, "default", CancellationToken.None))!;

        await using var db = await onFirst.CreateDbContextAsync();
        await using var transaction = await WriteTransaction.BeginAsync(db);
        await lease.CheckAsync(db, CancellationToken.None);
        Assert.False(lease.Lost);
    }

    [Fact]
    public async Task ASqliteStoreHasNoLeaseForItsOneWriter()
    {
        using var database = TempDatabase.OnSqlite();

        Assert.Null(await DeskLease.AcquireAsync(database.CreateFactory(), "default", CancellationToken.None));
    }

    // Whether a session waits for the store's write lock (WriteTransaction.PostgresWriteLock: the advisory lock 7271006, 0).
    private static async Task<bool> WaitingForTheWriteLockAsync(IDbContextFactory<AgentConsoleDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Database.SqlQueryRaw<bool>(
            """SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND classid = 7271006 AND objid = 0 AND objsubid = 2 AND NOT granted) AS "Value" """)
            .SingleAsync();
    }
}
