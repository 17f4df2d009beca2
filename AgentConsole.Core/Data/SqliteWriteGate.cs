using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Core.Data;

/// <summary>
/// The SQLite store's in-process write gate: one per store, registered as a singleton by the
/// SQLite store and carried in its contexts' options, so every writer of that store finds it.
/// <para>
/// SQLite allows one writer at a time. When a <c>BEGIN IMMEDIATE</c> finds the lock taken,
/// Microsoft.Data.Sqlite retries by blocking its thread in 150 ms sleeps, with no order among the
/// waiters: under steady ingest a routing command could lose the race for seconds while the thread
/// pool starved. Every writer takes the gate first, an async FIFO wait that blocks no thread, so
/// writers take turns in arrival order and the lock is free when each one begins.
/// </para>
/// A store with its own concurrency control (PostgreSQL) registers no gate, and its writers begin
/// plain transactions.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits for this store's turn to write.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _gate.WaitAsync(cancellationToken);

    /// <summary>Lets the next writer in.</summary>
    public void Release() => _gate.Release();

    /// <summary>Carries <paramref name="gate"/> in the contexts built from <paramref name="options"/>.</summary>
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, SqliteWriteGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new GateExtension(gate));
        return options;
    }

    /// <summary>The gate the context's store carries, or null for a store without one.</summary>
    public static SqliteWriteGate? Of(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<GateExtension>()?.Gate;

    private sealed class GateExtension(SqliteWriteGate gate) : IDbContextOptionsExtension
    {
        public SqliteWriteGate Gate { get; } = gate;
        public DbContextOptionsExtensionInfo Info => new GateInfo(this);
        public void ApplyServices(IServiceCollection services) { }
        public void Validate(IDbContextOptions options) { }
    }

    // The gate adds no EF services, so contexts with different gates share EF's internal service provider.
    private sealed class GateInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "";
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is GateInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) { }
    }
}
