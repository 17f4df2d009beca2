using AgentConsole.Core.Data;
using AgentConsole.Core.Routing;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Data;

/// <summary>A pinned read of the store: it sees the store as it was when pinned, and holds no writer up.</summary>
public sealed class ReadSnapshotTests : IDisposable
{
    private TempDatabase? _database;

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task APinnedSnapshotReadsTheStoreAsItWasWhileAWriterCommitsBeside(string provider)
    {
        // Arrange: a store with one team, pinned.
        _database = await TempDatabase.CreateAsync(provider);
        var factory = _database.CreateFactory();
        await DatabaseInitializer.MigrateAsync(factory);
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Teams.Add(new Team("Billing"));
            await db.SaveChangesAsync();
        }
        await using var snapshot = await ReadSnapshot.PinAsync(factory);

        // Act: another context writes a second team through the write gate and commits, while the snapshot is open.
        await using (var writer = await factory.CreateDbContextAsync())
        {
            await using var write = await WriteTransaction.BeginAsync(writer);
            writer.Teams.Add(new Team("Security"));
            await writer.SaveChangesAsync();
            await write.CommitAsync();
        }

        // Assert: the snapshot still sees one team; a fresh context sees both.
        Assert.Equal(["Billing"], await snapshot.Db.Teams.AsNoTracking().Select(t => t.Name).ToListAsync());
        await using var fresh = await factory.CreateDbContextAsync();
        Assert.Equal(["Billing", "Security"], await fresh.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Name).ToListAsync());
    }

    public void Dispose() => _database?.Dispose();
}
