using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// One command's unit of work: a short-lived context in one transaction, the cases and agents it
/// loaded, the events to publish once it commits, and what changed in the queue and the loads.
/// </summary>
internal sealed class RoutingWork : IAsyncDisposable
{
    private readonly Dictionary<long, Case> _cases = [];
    private readonly Dictionary<Guid, Agent> _agents = [];
    private readonly WriteTransaction _transaction;

    private RoutingWork(AgentConsoleDbContext db, WriteTransaction transaction, DateTime now)
    {
        Db = db;
        _transaction = transaction;
        Now = now;
    }

    public AgentConsoleDbContext Db { get; }
    public DateTime Now { get; }
    public List<RoutingEvent> Events { get; } = [];
    public List<CaseCard> QueueAdded { get; } = [];
    public HashSet<long> QueueRemoved { get; } = [];
    public HashSet<Guid> LoadChanged { get; } = [];

    /// <summary>Whether memory was changed, so a failure must rebuild it.</summary>
    public bool Touched { get; set; }

    public static async Task<RoutingWork> BeginAsync(IDbContextFactory<AgentConsoleDbContext> factory, DateTime now, CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        try
        {
            // Only this command's own changes: routing rolls back as one.
            var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            db.Database.AutoSavepointsEnabled = false;
            return new RoutingWork(db, transaction, now);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>The stored case with its conversation and customer, tracked for this unit of work.</summary>
    public async Task<Case?> FindCaseAsync(long caseId)
    {
        if (_cases.TryGetValue(caseId, out var cached)) return cached;
        var @case = await Db.Cases.Include(c => c.Conversation).ThenInclude(c => c!.Customer).SingleOrDefaultAsync(c => c.Id == caseId);
        if (@case is not null) _cases[caseId] = @case;
        return @case;
    }

    public async Task<Case> CaseAsync(long caseId) =>
        await FindCaseAsync(caseId) ?? throw new RoutingNotFoundException($"Case {caseId} does not exist.");

    public async Task<Agent> AgentAsync(Guid agentId)
    {
        if (_agents.TryGetValue(agentId, out var cached)) return cached;
        var agent = await Db.Agents.SingleOrDefaultAsync(a => a.Id == agentId) ?? throw new RoutingNotFoundException($"Agent {agentId} does not exist.");
        return _agents[agentId] = agent;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Db.SaveChangesAsync(cancellationToken);
        await _transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await Db.DisposeAsync();
    }
}
