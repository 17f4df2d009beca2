using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// How an offer ends: the offered agent accepts it, declines it with a reason (the case is
/// re-routed, never to them), or lets it run out (the same, by the clock).
/// </summary>
internal sealed class OfferLifecycle(Placement placement)
{
    public async Task<CaseCard> AcceptAsync(RoutingWork w, long caseId, RoutingActor actor)
    {
        var agentId = actor.AgentId ?? throw new RoutingForbiddenException("Only agents accept offers.");
        EnsurePending(w, caseId, agentId);
        var entity = await w.CaseAsync(caseId);
        entity.Accept(await w.AgentAsync(agentId), w.Now, placement.ReplyDue(w, entity, agentId));
        var accepted = placement.Track(w, entity);
        w.Events.Add(new CaseAssigned(w.Now, accepted.Card, agentId, CaseEventReason.Accepted, actor.Id, w.State.TeamOf(agentId) ?? Guid.Empty));
        return accepted.Card;
    }

    public async Task<bool> DeclineAsync(RoutingWork w, long caseId, string reason, RoutingActor actor)
    {
        var agentId = actor.AgentId ?? throw new RoutingForbiddenException("Only agents decline offers.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Say why you decline the case.");
        EnsurePending(w, caseId, agentId);
        var entity = await w.CaseAsync(caseId);
        entity.Decline(agentId, reason.Trim(), w.Now);
        placement.Released(w, entity, CaseEventReason.Declined, note: null, actor);
        await placement.RouteAsync(w, entity);
        await placement.FillAgentAsync(w, agentId);
        return true;
    }

    /// <summary>The offer's deadline came: unless it was answered meanwhile, the case goes to someone else.</summary>
    public async Task ExpireAsync(RoutingWork w, DueItem item)
    {
        if (!w.State.Cases.TryGetValue(item.CaseId, out var open) || open.Status != CaseStatus.Offered || open.OfferExpiresAt != item.At) return;
        var holder = open.Holder!.Value;
        var entity = await w.CaseAsync(open.Id);
        entity.ReturnToQueue(CaseEventReason.TimedOut, w.Now, ActorKind.System, null, comment: null, exclude: true);
        placement.Released(w, entity, CaseEventReason.TimedOut, note: null, RoutingActor.System);
        await placement.RouteAsync(w, entity);
        // The slot is free again: keep the queue drained, with cases other than this one.
        await placement.FillAgentAsync(w, holder);
    }

    private static void EnsurePending(RoutingWork w, long caseId, Guid agentId)
    {
        if (!w.State.Cases.TryGetValue(caseId, out var open) || open.Status != CaseStatus.Offered || open.Holder != agentId || open.OfferExpiresAt <= w.Now)
            throw new OfferNotPendingException(caseId);
    }
}
