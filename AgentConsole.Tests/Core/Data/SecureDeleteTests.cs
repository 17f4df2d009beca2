using AgentConsole.Core.Data;
using AgentConsole.Tests.Integration.Privacy;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Data;

/// <summary>The store's connections zero what a changed or deleted row leaves behind, down to the file's bytes.</summary>
public sealed class SecureDeleteTests : IDisposable
{
    private const string Marker = "Qx4Kormoran";
    private readonly TempDatabase _database = TempDatabase.OnSqlite();

    [Fact]
    public async Task AnOverwrittenOrDeletedTextLeavesNoCopyInTheFileNotEvenOnAFreedPage()
    {
        var factory = _database.CreateFactory();
        await DatabaseInitializer.MigrateAsync(factory);
        // Long texts spill into overflow pages, which an update frees whole; short ones are rewritten inside their page.
        var longText = string.Concat(Enumerable.Repeat($"{Marker} wrote this line of a long complaint. ", 600));
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE Scratch (Id INTEGER PRIMARY KEY, Body TEXT NOT NULL)");
            await db.Database.ExecuteSqlAsync($"INSERT INTO Scratch (Id, Body) VALUES (1, {longText}), (2, {Marker + " short"}), (3, {longText})");
        }
        Assert.True(await StoreText.StoredBytesHoldAsync(_database, Marker));

        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE Scratch SET Body = {new string('x', 20_000)} WHERE Id = 1");
            await db.Database.ExecuteSqlAsync($"UPDATE Scratch SET Body = {"short"} WHERE Id = 2");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM Scratch WHERE Id = 3");
        }

        Assert.False(await StoreText.StoredBytesHoldAsync(_database, Marker));
    }

    public void Dispose() => _database.Dispose();
}
