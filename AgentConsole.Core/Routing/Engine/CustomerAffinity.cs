using System.Collections.Immutable;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Policy;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// Returning-customer affinity, in the engine: who last resolved a case of each customer. Loaded
/// once when the state is built (the resolutions of the last <see cref="RoutingPolicyOptions.AffinityDays"/>)
/// and updated as cases resolve, so no routing decision queries the store. The helper is the agent
/// who held the case, whoever pressed resolve.
/// </summary>
internal sealed class CustomerAffinity(AffinityTerm? term)
{
    /// <summary>The last helper per customer among the cases resolved since <paramref name="since"/>.</summary>
    public static async Task<ImmutableDictionary<Guid, RecentHelper>> LoadAsync(AgentConsoleDbContext db, DateTime since, CancellationToken cancellationToken)
    {
        var rows = await db.Cases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.Resolved && c.AssignedAgentId != null && c.ResolvedAt >= since && c.Conversation!.CustomerId != null)
            .Select(c => new { CustomerId = c.Conversation!.CustomerId!.Value, Agent = c.AssignedAgentId!.Value, At = c.ResolvedAt!.Value })
            .ToListAsync(cancellationToken);
        var helpers = ImmutableDictionary.CreateBuilder<Guid, RecentHelper>();
        foreach (var row in rows)
            if (!helpers.TryGetValue(row.CustomerId, out var known) || known.ResolvedAt < row.At) helpers[row.CustomerId] = new RecentHelper(row.Agent, row.At);
        return helpers.ToImmutable();
    }

    /// <summary>The stored case was just resolved: its holder becomes its customer's helper.</summary>
    public void Resolved(RoutingWork w, Case entity)
    {
        if (entity.AssignedAgentId is not { } agent || entity.Conversation?.CustomerId is not { } customer) return;
        w.State.Helpers = w.State.Helpers.SetItem(customer, new RecentHelper(agent, w.Now));
        Refresh(w.State);
    }

    /// <summary>The term uses <paramref name="state"/>'s table.</summary>
    public void Refresh(RoutingState state) => term?.Use(state.Helpers);
}
