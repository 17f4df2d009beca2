using System.Collections.Immutable;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing.Policy;

namespace AgentConsole.Core.Routing.Engine;

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
internal enum DueKind { OfferExpiry, FirstReply, PresenceGrace, HoldExpiry, OwnerWait, ScheduleChange }

/// <summary>A deadline for a case or an agent. Checked against the current state when due, so stale ones fall away.</summary>
internal readonly record struct DueItem(DueKind Kind, long CaseId, Guid AgentId, DateTime At);

/// <summary>
/// Everything the engine holds in memory: the agents (indexed for the policy), the queue, the
/// open cases with their holders, the deadlines, and the outcome records. Rebuilt from the store on start-up and
/// changed only by the engine's single command loop. An open case changes through
/// <see cref="Track"/>, which brings the loads, the queue and the deadlines in line with its new
/// projection, so no handler keeps them in step by hand.
/// </summary>
internal sealed class RoutingState(RoutingPolicy policy)
{
    public RoutingPolicyOptions Options { get; } = policy.Options;
    public AgentIndex Index { get; } = new();
    public CaseQueue Queue { get; } = new(policy);
    public Dictionary<long, OpenCase> Cases { get; } = [];
    public Dictionary<Guid, AgentEntry> Agents { get; } = [];
    public Dictionary<Guid, TeamEntry> Teams { get; } = [];
    public PriorityQueue<DueItem, DateTime> Due { get; } = new();
    /// <summary>The outcome records per agent and category, for the learned score term.</summary>
    public OutcomeLedger Outcomes { get; } = new();
    /// <summary>Who last resolved a case of each customer, for the affinity term.</summary>
    public ImmutableDictionary<Guid, RecentHelper> Helpers { get; set; } = ImmutableDictionary<Guid, RecentHelper>.Empty;
    /// <summary>The on-call rotations; the agents' <see cref="AgentSnapshot.OnCall"/> flags follow them (see <see cref="ScheduleChanges"/>).</summary>
    public Schedules.OnCallRoster Rotations { get; set; } = Schedules.OnCallRoster.Empty;
    /// <summary>The business hours of the teams that have them; the agents' <see cref="AgentSnapshot.OffHours"/> flags follow them.</summary>
    public Dictionary<Guid, Schedules.BusinessCalendar> Hours { get; set; } = [];
    /// <summary>The schedule deadline armed (a hand-over, an opening or a closing), so a stale one is known when it comes due.</summary>
    public DateTime? NextScheduleChange { get; set; }

    public TimeSpan Hold => TimeSpan.FromMinutes(Options.HoldMinutes);

    public TimeSpan Grace => TimeSpan.FromSeconds(Options.PresenceGraceSeconds);

    public AgentSnapshot Snapshot(Guid agentId) =>
        Index.TryGet(agentId, out var snapshot) ? snapshot : throw new RoutingNotFoundException($"Agent {agentId} is not known.");

    public int LoadOf(Guid agentId) => Index.TryGet(agentId, out var snapshot) ? snapshot.Load : 0;

    public OpenCase OpenCaseOf(long caseId) =>
        Cases.TryGetValue(caseId, out var open) ? open : throw new RoutingNotFoundException($"Case {caseId} is not open.");

    public AgentEntry AgentEntryOf(Guid agentId) =>
        Agents.TryGetValue(agentId, out var entry) ? entry : throw new RoutingNotFoundException($"Agent {agentId} is not known.");

    public Guid? TeamOf(Guid? agentId) => agentId is { } id && Agents.TryGetValue(id, out var entry) ? entry.TeamId : null;

    public string? NameOf(Guid? agentId) => agentId is { } id && Agents.TryGetValue(id, out var entry) ? entry.Name : null;

    public void Schedule(DueKind kind, DateTime at, long caseId = 0, Guid agentId = default) => Due.Enqueue(new DueItem(kind, caseId, agentId, at), at);

    /// <summary>
    /// The routing view of <paramref name="customer"/>'s account: its effective owner (the customer's
    /// own, else <paramref name="companyOwner"/>'s, see <see cref="CompanyOwner.EffectiveOwner"/>), the
    /// owner's team (an agent owner's own) and the names the explanation shows, as memory knows them.
    /// Null without a customer.
    /// </summary>
    public CaseAccount? AccountOf(Customer? customer, CompanyOwner? companyOwner)
    {
        if (customer is null) return null;
        var (owner, company) = CompanyOwner.EffectiveOwner(customer, companyOwner);
        var ownerTeam = owner.TeamId ?? TeamOf(owner.AgentId);
        return new CaseAccount(customer.Id, customer.Tier, customer.AnnualContractValue, owner.AgentId, NameOf(owner.AgentId),
            ownerTeam, ownerTeam is { } team ? Teams.GetValueOrDefault(team)?.Name : null, company);
    }

    public IEnumerable<OpenCase> HeldBy(Guid agentId) => Cases.Values.Where(c => c.Holder == agentId);

    /// <summary>When an assigned case of an unavailable holder goes back to the queue: a hold runs from whichever came later.</summary>
    public DateTime? HoldEndsAt(OpenCase open) =>
        open is { Status: CaseStatus.Assigned, Holder: { } holder, AssignedAt: { } assignedAt } && Agents.GetValueOrDefault(holder)?.UnavailableSince is { } since
            ? (since > assignedAt ? since : assignedAt) + Hold
            : null;

    /// <summary>
    /// Puts a case's new projection in place and follows it: the old and new holders' loads, the
    /// holder's latest assignment, the queue (joined, left, or re-filed when its route changed) and
    /// the deadlines the new projection needs. <paramref name="changes"/> records what moved.
    /// </summary>
    public void Track(OpenCase next, StateChanges changes)
    {
        Cases.TryGetValue(next.Id, out var before);
        Cases[next.Id] = next;
        if (before?.Holder != next.Holder)
        {
            if (before?.Holder is { } from) AddLoad(from, -1, changes);
            if (next.Holder is { } to) AddLoad(to, +1, changes);
        }
        FollowQueue(next, changes);
        if (next is { Status: CaseStatus.Offered, OfferExpiresAt: { } expires } && before?.OfferExpiresAt != expires)
            Schedule(DueKind.OfferExpiry, expires, next.Id);
        // A case that waits for a busy owner is routed again when the wait ends.
        if (next.Status == CaseStatus.Queued && before?.Status != CaseStatus.Queued && policy.Owners.WaitEnds(next.Route) is { } waitEnds)
            Schedule(DueKind.OwnerWait, waitEnds, next.Id);
        if (next is { Status: CaseStatus.Assigned, FirstReplyDueAt: { } due } && before?.FirstReplyDueAt != due)
            Schedule(DueKind.FirstReply, due, next.Id);
        if (next is { Status: CaseStatus.Assigned, Holder: { } holder } && (before?.Status != CaseStatus.Assigned || before.Holder != holder))
        {
            if (Index.TryGet(holder, out var snapshot) && (snapshot.LastAssignedAt is not { } last || last < next.AssignedAt))
                Index.Upsert(snapshot with { LastAssignedAt = next.AssignedAt });
            changes.LoadMoved(holder);
            // Given to someone already away: their hold on it runs from now.
            if (HoldEndsAt(next) is { } holdEnds) Schedule(DueKind.HoldExpiry, holdEnds, agentId: holder);
        }
    }

    /// <summary>The stored agent's presence changed: memory follows it (presence, unavailability, and why they are away).</summary>
    public void TrackPresence(Agent agent)
    {
        var entry = AgentEntryOf(agent.Id);
        entry.UnavailableSince = agent.UnavailableSince;
        entry.AwayForDisconnect = agent.AwayForDisconnect;
        Index.Upsert(Snapshot(agent.Id) with { Presence = agent.Presence });
    }

    /// <summary>A case closed: it leaves memory, the queue and its holder's load.</summary>
    public void Forget(long caseId, StateChanges changes)
    {
        if (!Cases.Remove(caseId, out var open)) return;
        if (open.Holder is { } holder) AddLoad(holder, -1, changes);
        if (Queue.Remove(caseId)) changes.Removed(caseId);
    }

    private void FollowQueue(OpenCase next, StateChanges changes)
    {
        var waits = next.Status == CaseStatus.Queued;
        if (Queue.TryGet(next.Id, out var queued) && !(waits && SameRoute(queued, next.Route)))
        {
            Queue.Remove(next.Id);
            changes.Removed(next.Id);
        }
        if (waits && !Queue.Contains(next.Id))
        {
            Queue.Enqueue(next.Route);
            changes.Enqueued(next.Id);
        }
    }

    private void AddLoad(Guid agentId, int delta, StateChanges changes)
    {
        if (!Index.TryGet(agentId, out var snapshot)) return;
        Index.Upsert(snapshot with { Load = Math.Max(0, snapshot.Load + delta) });
        changes.LoadMoved(agentId);
    }

    private static bool SameRoute(CaseToRoute a, CaseToRoute b) =>
        a with { ExcludedAgents = b.ExcludedAgents } == b && a.ExcludedAgents.SetEquals(b.ExcludedAgents);
}
