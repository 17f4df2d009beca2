using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Core.Data;

/// <summary>Which of the write gate's two queues a writer waits in.</summary>
public enum WritePriority
{
    /// <summary>Ingest, the outbox, admin actions: in arrival order, after any routing command waiting.</summary>
    Normal,

    /// <summary>
    /// The routing engine's commands. The engine is one writer with one command at a time, and its
    /// deadlines (offers, first replies) are due at an instant: a command waits for the writer in
    /// hand, not for a queue of ingest writes that a busy desk makes seconds long.
    /// </summary>
    Routing,
}

/// <summary>
/// The SQLite store's in-process write gate: one per store, registered as a singleton by the
/// SQLite store and carried in its contexts' options, so every writer of that store finds it.
/// <para>
/// SQLite allows one writer at a time. When a <c>BEGIN IMMEDIATE</c> finds the lock taken,
/// Microsoft.Data.Sqlite retries by blocking its thread in 150 ms sleeps, with no order among the
/// waiters: under steady ingest a routing command could lose the race for seconds while the thread
/// pool starved. Every writer takes the gate first, an async wait that blocks no thread, so writers
/// take turns and the lock is free when each one begins. The turns go in arrival order, except that
/// a routing command waiting (<see cref="WritePriority.Routing"/>) goes first; since the engine has
/// one command at a time, the other writers still get every turn between two of its commands.
/// </para>
/// A store with its own concurrency control (PostgreSQL) registers no gate, and its writers begin
/// plain transactions.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _routing = new();
    private readonly LinkedList<Waiter> _others = new();
    private bool _held;

    /// <summary>How many writers wait for their turn.</summary>
    public int Waiting
    {
        get { lock (_lock) return _routing.Count + _others.Count; }
    }

    /// <summary>Waits for this store's turn to write, in arrival order.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => WaitAsync(WritePriority.Normal, cancellationToken);

    /// <summary>Waits for this store's turn to write, in <paramref name="priority"/>'s queue.</summary>
    public Task WaitAsync(WritePriority priority, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        Waiter waiter;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return Task.CompletedTask;
            }
            waiter = new Waiter();
            waiter.Node = (priority == WritePriority.Routing ? _routing : _others).AddLast(waiter);
            // Under the lock, so no release reads the registration half-set; a cancellation that runs
            // at once enters the lock again on this thread, and one on another thread waits for it.
            if (cancellationToken.CanBeCanceled)
                waiter.Registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        }
        return waiter.Turn.Task;
    }

    /// <summary>Lets the next writer in: a routing command waiting, else the writer that has waited longest.</summary>
    public void Release()
    {
        Waiter? next;
        lock (_lock)
        {
            var queue = _routing.Count > 0 ? _routing : _others;
            next = queue.First?.Value;
            if (next is null)
            {
                _held = false;
                return;
            }
            queue.RemoveFirst();
            next.Node = null;
        }
        // Unregister does not wait for a cancellation running on another thread, which would find the waiter gone.
        next.Registration.Unregister();
        next.Turn.SetResult();
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // Already given its turn: the writer holds the gate and releases it as usual.
            if (waiter.Node is not { } node) return;
            node.List!.Remove(node);
            waiter.Node = null;
        }
        waiter.Turn.SetCanceled(cancellationToken);
    }

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

    private sealed class Waiter
    {
        // Completed outside the lock, and its continuation runs elsewhere: the releasing writer goes on at once.
        public TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public LinkedListNode<Waiter>? Node { get; set; }
        public CancellationTokenRegistration Registration { get; set; }
    }

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
