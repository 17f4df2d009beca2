using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Support;

/// <summary>The routing engine's invariants, checked against its memory and the store together.</summary>
public static class RoutingInvariants
{
    /// <summary>
    /// Every open case is exactly one of queued, offered or assigned, in memory as in the store;
    /// no case has two holders and each agent's load is the number of cases they hold; no agent is
    /// above capacity unless an override assignment explains it; every open case's latest decision
    /// is explained.
    /// </summary>
    public static async Task AssertAsync(IRoutingDesk engine, IDbContextFactory<AgentConsoleDbContext> dbFactory) =>
        await AssertAsync(await engine.SnapshotAsync(), dbFactory);

    /// <summary>
    /// The same, for a snapshot read elsewhere (from a node's API, say). With <paramref name="routedByTheEngine"/>,
    /// only those cases must carry an explanation (the demo data seeds cases already assigned, which no decision placed).
    /// </summary>
    public static async Task AssertAsync(RoutingSnapshot snapshot, IDbContextFactory<AgentConsoleDbContext> dbFactory, IReadOnlySet<long>? routedByTheEngine = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var open = await db.Cases.AsNoTracking().Where(c => c.Status != CaseStatus.Resolved).ToListAsync();
        var queued = snapshot.QueueOrder.ToHashSet();

        Assert.Equal(open.Select(c => c.Id).Order(), snapshot.Cases.Select(c => c.Id).Order());
        foreach (var stored in open)
        {
            var memory = snapshot.Cases.Single(c => c.Id == stored.Id);
            Assert.Contains(stored.Status, new[] { CaseStatus.Queued, CaseStatus.Offered, CaseStatus.Assigned });
            Assert.Equal(stored.Status, memory.Status);
            Assert.Equal(stored.Status == CaseStatus.Queued, queued.Contains(stored.Id));
            Assert.Equal(stored.HolderId, memory.Holder);
            Assert.Equal(stored.Status != CaseStatus.Queued, stored.HolderId is not null);
            if (stored.Status == CaseStatus.Offered) Assert.Null(stored.AssignedAgentId);
            if (stored.Status == CaseStatus.Assigned) Assert.Null(stored.OfferedAgentId);
            if (routedByTheEngine?.Contains(stored.Id) ?? true)
                Assert.False(string.IsNullOrEmpty(stored.RoutingExplanation), $"Case {stored.Id} has no routing explanation.");
        }
        Assert.Equal(queued.Count, snapshot.QueueOrder.Count);

        var agents = await db.Agents.AsNoTracking().ToListAsync();
        foreach (var agent in agents)
        {
            var held = open.Where(c => c.HolderId == agent.Id).ToList();
            var state = snapshot.Agents.Single(a => a.Id == agent.Id);
            Assert.Equal(held.Count, state.Load);
            var overrides = held.Count(c => c.CapacityOverride);
            Assert.True(held.Count <= agent.Capacity + overrides, $"{agent.DisplayName} holds {held.Count} cases with capacity {agent.Capacity} and {overrides} overrides.");
            Assert.Equal(agent.Presence, state.Presence);
        }
    }
}
