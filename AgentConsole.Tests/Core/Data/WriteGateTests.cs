using AgentConsole.Core.Data;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Core.Data;

public sealed class WriteGateTests : IDisposable
{
    private readonly TempDatabase _database = TempDatabase.OnSqlite();

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
        using var other = TempDatabase.OnSqlite();
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
    public async Task ARoutingCommandWaitingGoesBeforeWritersThatQueuedEarlierWhoKeepTheirOrder()
    {
        // Arrange: the gate is held; two writers queue, then a routing command.
        var gate = new SqliteWriteGate();
        await gate.WaitAsync(CancellationToken.None);
        var first = gate.WaitAsync(CancellationToken.None);
        var second = gate.WaitAsync(WritePriority.Normal, CancellationToken.None);
        var routing = gate.WaitAsync(WritePriority.Routing, CancellationToken.None);
        Assert.Equal(3, gate.Waiting);

        // Act and assert: each release lets exactly one in, the routing command first.
        gate.Release();
        await routing.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(first.IsCompleted || second.IsCompleted);
        gate.Release();
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(second.IsCompleted);
        gate.Release();
        await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, gate.Waiting);

        // The last one out leaves the gate free: the next writer goes in at once.
        gate.Release();
        Assert.True(gate.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AWriterThatStopsWaitingLeavesTheQueueAndTheNextGetsTheTurn()
    {
        var gate = new SqliteWriteGate();
        await gate.WaitAsync(CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var cancelled = gate.WaitAsync(WritePriority.Routing, giveUp.Token);
        var next = gate.WaitAsync(CancellationToken.None);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, gate.Waiting);
        gate.Release();

        await next.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, gate.Waiting);
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
