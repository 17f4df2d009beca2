using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;

namespace AgentConsole.Components.Pages.Queue;

/// <summary>An offer waiting for the agent's answer.</summary>
public sealed record PendingOffer(CaseCard Card, DateTime ExpiresAt, string? RoutingSummary);

/// <summary>
/// One agent's queue as the page shows it: the offers waiting for them, the cases assigned to them
/// and their presence. It starts from an engine snapshot and follows the engine's events; it never
/// calls the engine, because events are handled while the engine waits for its subscribers.
/// </summary>
public sealed class MyQueueState
{
    private readonly Dictionary<long, PendingOffer> _offers = [];
    private readonly Dictionary<long, CaseCard> _assigned = [];
    private readonly Dictionary<long, DateTime> _waiting = [];

    public MyQueueState(Guid agentId) => AgentId = agentId;

    public Guid AgentId { get; }
    public Presence Presence { get; private set; } = Presence.Offline;
    public int Load { get; private set; }
    public int Capacity { get; private set; }

    /// <summary>The offers, the soonest to expire first.</summary>
    public IReadOnlyList<PendingOffer> Offers => [.. _offers.Values.OrderBy(o => o.ExpiresAt).ThenBy(o => o.Card.CaseId)];

    /// <summary>The assigned cases in working order: see <see cref="WorkingOrder"/>.</summary>
    public IReadOnlyList<CaseCard> Assigned => WorkingOrder(_assigned.Values);

    /// <summary>
    /// The order to work assigned cases in: the highest priority first, then the one whose
    /// first-reply deadline comes soonest (cases already replied to, with no deadline, after
    /// those with one), then the longest waiting.
    /// </summary>
    public static IReadOnlyList<CaseCard> WorkingOrder(IEnumerable<CaseCard> cases) =>
        [.. cases.OrderByDescending(c => c.Priority)
            .ThenBy(c => c.FirstReplyDueAt is null)
            .ThenBy(c => c.FirstReplyDueAt)
            .ThenBy(c => c.QueuedAt)
            .ThenBy(c => c.CaseId)];

    /// <summary>
    /// The assigned cases whose customer wrote after the agent's latest reply, with when they
    /// started waiting. Only cases already replied to: before the first reply the deadline shows.
    /// </summary>
    public IReadOnlyDictionary<long, DateTime> Waiting => _waiting;

    /// <summary>Starts from the store's answer of which customers are waiting (see <c>AwaitingReplyQuery</c>).</summary>
    public void SetWaiting(IReadOnlyDictionary<long, DateTime> waiting)
    {
        _waiting.Clear();
        foreach (var (caseId, since) in waiting.Where(w => _assigned.ContainsKey(w.Key))) _waiting[caseId] = since;
    }

    /// <summary>The agent's queue in <paramref name="snapshot"/>.</summary>
    public static MyQueueState From(RoutingSnapshot snapshot, Guid agentId)
    {
        var state = new MyQueueState(agentId);
        foreach (var c in snapshot.Cases.Where(c => c.Holder == agentId))
        {
            if (c.Status == CaseStatus.Offered && c.OfferExpiresAt is { } expires) state._offers[c.Id] = new PendingOffer(c.Card, expires, c.Card.RoutingSummary);
            else if (c.Status == CaseStatus.Assigned) state._assigned[c.Id] = c.Card;
        }
        if (snapshot.Agents.FirstOrDefault(a => a.Id == agentId) is { } me)
        {
            state.Presence = me.Presence;
            state.Load = me.Load;
            state.Capacity = me.Capacity;
        }
        return state;
    }

    /// <summary>Follows one event; returns whether anything the page shows changed.</summary>
    public bool Apply(RoutingEvent routingEvent)
    {
        switch (routingEvent)
        {
            case CaseOffered offered when offered.AgentId == AgentId:
                _assigned.Remove(offered.Case.CaseId);
                _offers[offered.Case.CaseId] = new PendingOffer(offered.Case, offered.ExpiresAt, offered.RoutingSummary);
                return true;
            case OfferWithdrawn withdrawn when withdrawn.AgentId == AgentId:
                return _offers.Remove(withdrawn.CaseId);
            case CaseAssigned assigned:
                return Place(assigned.Case, assigned.AgentId);
            case CaseReassigned reassigned:
                return Place(reassigned.Case, reassigned.ToAgentId);
            case CaseResolved resolved:
                _waiting.Remove(resolved.CaseId);
                return _offers.Remove(resolved.CaseId) | _assigned.Remove(resolved.CaseId);
            // The customer wrote on a case already answered: they wait from now. A reply answers them.
            case CaseActivity { Kind: CaseActivityKind.Conversation } activity
                when _assigned.TryGetValue(activity.CaseId, out var card) && card.FirstReplyDueAt is null:
                return _waiting.TryAdd(activity.CaseId, activity.At);
            case CaseActivity { Kind: CaseActivityKind.Reply } activity when _assigned.TryGetValue(activity.CaseId, out var replied):
                _assigned[activity.CaseId] = replied with { FirstReplyDueAt = null };
                _waiting.Remove(activity.CaseId);
                return true;
            case PresenceChanged presence when presence.AgentId == AgentId:
                var changed = Presence != presence.Presence || Load != presence.Load || Capacity != presence.Capacity;
                Presence = presence.Presence;
                Load = presence.Load;
                Capacity = presence.Capacity;
                return changed;
            default:
                return false;
        }
    }

    /// <summary>Forgets an offer the engine says is no longer pending.</summary>
    public void DropOffer(long caseId) => _offers.Remove(caseId);

    /// <summary>Sets the presence the agent just chose, before the engine's event confirms it.</summary>
    public void PresenceSet(Presence presence) => Presence = presence;

    // The case is now with agentId (or back in the queue when null): it is ours, or no longer ours.
    private bool Place(CaseCard card, Guid? agentId)
    {
        var wasOffer = _offers.Remove(card.CaseId);
        if (agentId == AgentId)
        {
            _assigned[card.CaseId] = card;
            return true;
        }
        _waiting.Remove(card.CaseId);
        return _assigned.Remove(card.CaseId) | wasOffer;
    }
}
