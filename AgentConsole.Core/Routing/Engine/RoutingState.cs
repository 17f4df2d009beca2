using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing.Policy;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>An open case as the engine holds it in memory.</summary>
internal sealed class OpenCase(long id, CaseToRoute route, CaseCard card)
{
    public long Id { get; } = id;
    public CaseStatus Status { get; set; } = CaseStatus.Queued;
    /// <summary>The agent the case is offered or assigned to.</summary>
    public Guid? Holder { get; set; }
    public DateTime? OfferExpiresAt { get; set; }
    public DateTime? FirstReplyDueAt { get; set; }
    /// <summary>When the holder was assigned the case, for holds.</summary>
    public DateTime? AssignedAt { get; set; }
    public bool CapacityOverride { get; set; }
    public CaseToRoute Route { get; set; } = route;
    public CaseCard Card { get; set; } = card;
}

/// <summary>An agent's live state beyond their routing snapshot: connections and unavailability.</summary>
internal sealed class AgentEntry(Guid id, string name, Guid teamId)
{
    public Guid Id { get; } = id;
    public string Name { get; set; } = name;
    public Guid TeamId { get; set; } = teamId;
    public int Connections { get; set; }
    /// <summary>When the last live connection closed; null while connected.</summary>
    public DateTime? DisconnectedAt { get; set; }
    public DateTime? UnavailableSince { get; set; }
    public bool AwayForDisconnect { get; set; }
}

/// <summary>A team's routing settings.</summary>
internal sealed record TeamEntry(Guid Id, string Name, bool AutoAssign, Guid? LeadAgentId);

/// <summary>The kinds of deadline the engine keeps.</summary>
internal enum DueKind { OfferExpiry, FirstReply, PresenceGrace, HoldExpiry }

/// <summary>A deadline for a case or an agent. Checked against the current state when due, so stale ones fall away.</summary>
internal readonly record struct DueItem(DueKind Kind, long CaseId, Guid AgentId, DateTime At);

/// <summary>
/// Everything the engine holds in memory: the agents (indexed for the policy), the queue, the
/// open cases with their holders, and the deadlines. Rebuilt from the store on start-up and
/// changed only by the engine's single command loop.
/// </summary>
internal sealed class RoutingState(RoutingPolicy policy)
{
    public AgentIndex Index { get; } = new();
    public CaseQueue Queue { get; } = new(policy);
    public Dictionary<long, OpenCase> Cases { get; } = [];
    public Dictionary<Guid, AgentEntry> Agents { get; } = [];
    public Dictionary<Guid, TeamEntry> Teams { get; } = [];
    public PriorityQueue<DueItem, DateTime> Due { get; } = new();

    public AgentSnapshot Snapshot(Guid agentId) =>
        Index.TryGet(agentId, out var snapshot) ? snapshot : throw new RoutingNotFoundException($"Agent {agentId} is not known.");

    public int LoadOf(Guid agentId) => Index.TryGet(agentId, out var snapshot) ? snapshot.Load : 0;

    public void AddLoad(Guid agentId, int delta)
    {
        if (Index.TryGet(agentId, out var snapshot)) Index.Upsert(snapshot with { Load = Math.Max(0, snapshot.Load + delta) });
    }

    public void Schedule(DueKind kind, DateTime at, long caseId = 0, Guid agentId = default) => Due.Enqueue(new DueItem(kind, caseId, agentId, at), at);

    public IEnumerable<OpenCase> HeldBy(Guid agentId) => Cases.Values.Where(c => c.Holder == agentId);
}
