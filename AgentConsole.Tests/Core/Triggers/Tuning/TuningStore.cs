using AgentConsole.Core.Data;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Tests.Core.Triggers.Tuning;

/// <summary>A migrated SQLite file of its own with a <see cref="TuningDesk"/> on it, for the tuning's Core tests.</summary>
public abstract class TuningStore : IAsyncLifetime
{
    /// <summary>The instant the tests call now: 14 March 2026, 09:00 UTC.</summary>
    protected static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    private readonly TempDatabase _database = new();

    protected TuningStore() => DbFactory = _database.CreateFactory();

    protected PooledDbContextFactory<AgentConsoleDbContext> DbFactory { get; }
    internal TuningDesk Desk { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await DatabaseInitializer.MigrateAsync(DbFactory);
        Desk = await TuningDesk.CreateAsync(DbFactory, Now.AddDays(-60));
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }
}
