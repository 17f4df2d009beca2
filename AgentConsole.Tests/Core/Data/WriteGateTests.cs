using AgentConsole.Core.Data;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Core.Data;

public sealed class WriteGateTests : IDisposable
{
    private readonly TempDatabase _database = new();

    private PooledDbContextFactory<AgentConsoleDbContext> Store(SqliteWriteGate gate)
    {
        var builder = new DbContextOptionsBuilder<AgentConsoleDbContext>();
        StoreConfiguration.Configure(builder, DatabaseOptions.SqliteProvider, _database.ConnectionString, _database.Directory, gate);
        return new PooledDbContextFactory<AgentConsoleDbContext>(builder.Options);
    }

    [Fact]
    public async Task ASecondWriterOfTheSameStoreWaitsUntilTheFirstCommits()
    {
        // Arrange
        var factory = Store(new SqliteWriteGate());
        await DatabaseInitializer.MigrateAsync(factory);
        await using var first = await factory.CreateDbContextAsync();
        await using var second = await factory.CreateDbContextAsync();
        var firstWrite = await WriteTransaction.BeginAsync(first);

        // Act
        var secondWrite = WriteTransaction.BeginAsync(second);
        var waitedWhileFirstWasOpen = !secondWrite.IsCompleted;
        await firstWrite.CommitAsync();
        await using var began = await secondWrite;

        // Assert
        Assert.True(waitedWhileFirstWasOpen);
        Assert.NotNull(second.Database.CurrentTransaction);
    }

    [Fact]
    public async Task ADisposedWriterWithoutCommitLetsTheNextOneIn()
    {
        var factory = Store(new SqliteWriteGate());
        await DatabaseInitializer.MigrateAsync(factory);
        await using var first = await factory.CreateDbContextAsync();
        await using var second = await factory.CreateDbContextAsync();
        var firstWrite = await WriteTransaction.BeginAsync(first);
        var secondWrite = WriteTransaction.BeginAsync(second);

        await firstWrite.DisposeAsync();
        await using var began = await secondWrite;

        Assert.NotNull(second.Database.CurrentTransaction);
    }

    [Fact]
    public async Task StoresWithTheirOwnGatesDoNotWaitForEachOther()
    {
        using var other = new TempDatabase();
        var factory = Store(new SqliteWriteGate());
        var builder = new DbContextOptionsBuilder<AgentConsoleDbContext>();
        StoreConfiguration.Configure(builder, DatabaseOptions.SqliteProvider, other.ConnectionString, other.Directory, new SqliteWriteGate());
        var otherFactory = new PooledDbContextFactory<AgentConsoleDbContext>(builder.Options);
        await DatabaseInitializer.MigrateAsync(factory);
        await DatabaseInitializer.MigrateAsync(otherFactory);
        await using var first = await factory.CreateDbContextAsync();
        await using var second = await otherFactory.CreateDbContextAsync();
        await using var firstWrite = await WriteTransaction.BeginAsync(first);

        var secondWrite = WriteTransaction.BeginAsync(second);

        Assert.True(secondWrite.IsCompleted);
        await (await secondWrite).DisposeAsync();
    }

    [Fact]
    public void TheHostRegistersOneGateAndItsContextsCarryIt()
    {
        using var factory = new AgentConsole.Tests.Integration.AgentConsoleFactory(_database);
        var gate = factory.Services.GetRequiredService<SqliteWriteGate>();
        using var db = factory.Services.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>().CreateDbContext();

        Assert.Same(gate, SqliteWriteGate.Of(db));
    }

    public void Dispose() => _database.Dispose();
}
