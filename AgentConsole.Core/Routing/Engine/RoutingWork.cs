using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// One command's unit of work: the engine's state, a short-lived context in one transaction, the
/// cases and agents it loaded, what changed in the queue and the loads, and the events to publish
/// once it commits. A command that stores nothing gets one without a context.
/// </summary>
internal sealed class RoutingWork : IAsyncDisposable
{
    private readonly Dictionary<long, Case> _cases = [];
    private readonly Dictionary<Guid, Agent> _agents = [];
    private readonly Dictionary<string, CompanyOwner?> _companyOwners = [];
    private readonly AgentConsoleDbContext? _db;
    private readonly WriteTransaction? _transaction;

    private RoutingWork(RoutingState state, DateTime now, AgentConsoleDbContext? db, WriteTransaction? transaction)
    {
        State = state;
        Now = now;
        _db = db;
        _transaction = transaction;
    }

    public RoutingState State { get; }
    public DateTime Now { get; }
    public AgentConsoleDbContext Db => _db ?? throw new InvalidOperationException("This command answers from memory and stores nothing.");
    public List<RoutingEvent> Events { get; } = [];
    public StateChanges Changes { get; } = new();

    /// <summary>Whether memory was changed, so a failure must rebuild it.</summary>
    public bool Touched { get; set; }

    /// <summary>A unit of work in a write transaction; with a <paramref name="fence"/>, only while the engine is still the desk's writer.</summary>
    public static async Task<RoutingWork> BeginAsync(IDbContextFactory<AgentConsoleDbContext> factory, RoutingState state, DateTime now, IDeskFence? fence,
        CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        try
        {
            // Only this command's own changes: routing rolls back as one. Its turn to write comes before
            // other writers waiting, so a due deadline does not wait behind a queue of ingest.
            var transaction = await WriteTransaction.BeginAsync(db, WritePriority.Routing, cancellationToken);
            db.Database.AutoSavepointsEnabled = false;
            var work = new RoutingWork(state, now, db, transaction);
            if (fence is null) return work;
            try
            {
                await fence.CheckAsync(db, cancellationToken);
                return work;
            }
            catch
            {
                await transaction.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>A unit of work for a command that reads memory and stores nothing.</summary>
    public static RoutingWork InMemory(RoutingState state, DateTime now) => new(state, now, null, null);

    /// <summary>
    /// The stored case with its conversation and customer, tracked for this unit of work, and the owner
    /// of the customer's company when the customer has no owner of their own (<see cref="CompanyOwnerOf"/>).
    /// </summary>
    public async Task<Case?> FindCaseAsync(long caseId)
    {
        if (_cases.TryGetValue(caseId, out var cached)) return cached;
        var @case = await Db.Cases.Include(c => c.Conversation).ThenInclude(c => c!.Customer).SingleOrDefaultAsync(c => c.Id == caseId);
        if (@case is null) return null;
        _cases[caseId] = @case;
        if (@case.Conversation?.Customer is { Owner.IsNone: true } customer && CompanyOwner.KeyOf(customer.Company) is { } key && !_companyOwners.ContainsKey(key))
            _companyOwners[key] = await Db.CompanyOwners.AsNoTracking().SingleOrDefaultAsync(o => o.Key == key);
        return @case;
    }

    /// <summary>The owner of <paramref name="customer"/>'s company as this unit of work read it with their case, if any.</summary>
    public CompanyOwner? CompanyOwnerOf(Customer? customer) =>
        CompanyOwner.KeyOf(customer?.Company) is { } key ? _companyOwners.GetValueOrDefault(key) : null;

    public async Task<Case> CaseAsync(long caseId) =>
        await FindCaseAsync(caseId) ?? throw new RoutingNotFoundException($"Case {caseId} does not exist.");

    public async Task<Agent> AgentAsync(Guid agentId)
    {
        if (_agents.TryGetValue(agentId, out var cached)) return cached;
        var agent = await Db.Agents.SingleOrDefaultAsync(a => a.Id == agentId) ?? throw new RoutingNotFoundException($"Agent {agentId} does not exist.");
        return _agents[agentId] = agent;
    }

    /// <summary>An agent's presence and load as the events carry them.</summary>
    public PresenceChanged PresenceEvent(AgentEntry entry, bool automatic)
    {
        var snapshot = State.Snapshot(entry.Id);
        return new PresenceChanged(Now, entry.Id, entry.Name, entry.TeamId, snapshot.Presence, snapshot.Load, snapshot.Capacity, entry.Connections > 0, automatic);
    }

    /// <summary>Called once, before the work commits: the command's queue delta and the agents whose load moved.</summary>
    public void FinishQueueAndLoads()
    {
        if (Changes.QueueMoved)
        {
            DateTime? oldest = null;
            foreach (var waiting in State.Queue.Cases)
                if (oldest is null || waiting.QueuedAt < oldest) oldest = waiting.QueuedAt;
            Events.Add(new QueueChanged(Now, State.Queue.Count, oldest, [.. Changes.Queued.Select(id => State.Cases[id].Card)], [.. Changes.Dequeued]));
        }
        foreach (var agentId in Changes.Loads)
            if (State.Agents.TryGetValue(agentId, out var entry)) Events.Add(PresenceEvent(entry, automatic: false));
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_db is null || _transaction is null) return;
        await _db.SaveChangesAsync(cancellationToken);
        await _transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync();
        if (_db is not null) await _db.DisposeAsync();
    }
}
