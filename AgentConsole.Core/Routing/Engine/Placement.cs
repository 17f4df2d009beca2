using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing.Policy;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// The steps every handler shares to place a case: follow the stored case into memory after a
/// transition (<see cref="Track"/>, the one projection), route it (offer it, auto-assign it, or
/// leave it waiting with its decision recorded), hand a freed agent the waiting cases the tree
/// would give them, and tell a holder why a case left them.
/// </summary>
internal sealed class Placement(RoutingPolicy policy)
{
    private static readonly JsonSerializerOptions ExplanationJson = new(JsonSerializerDefaults.Web);

    public RoutingPolicyOptions Options => policy.Options;

    /// <summary>Memory follows the stored case after a transition; returns the case as memory now holds it.</summary>
    public OpenCase Track(RoutingWork w, Case entity)
    {
        w.Touched = true;
        var open = OpenCase.From(entity, w.State.NameOf(entity.HolderId), w.State.AccountOf(entity.Conversation?.Customer, w.CompanyOwnerOf(entity.Conversation?.Customer)));
        w.State.Track(open, w.Changes);
        return open;
    }

    /// <summary>
    /// When <paramref name="agentId"/>, given <paramref name="entity"/> now, must first reply, if the priority has a deadline.
    /// The window counts the business time of the agent's team when it keeps hours (the clock stops while it is closed),
    /// except for urgent and security cases, which are answered at any hour and so run on the wall clock.
    /// </summary>
    public DateTime? ReplyDue(RoutingWork w, Case entity, Guid agentId)
    {
        if (Options.FirstReplyWindow(entity.Priority) is not { } window) return null;
        if (!CaseToRoute.RoutesAnyHour(entity.RequiredSkill, entity.Priority) && w.State.TeamOf(agentId) is { } team
            && w.State.Hours.TryGetValue(team, out var hours) && hours.Add(w.Now, window) is { } due)
            return due;
        return w.Now + window;
    }

    /// <summary>Routes a waiting case by the decision tree, recording the decision even when it waits.</summary>
    public Task RouteAsync(RoutingWork w, Case entity) =>
        ApplyAsync(w, entity, policy.Route(w.State.OpenCaseOf(entity.Id).Route, w.State.Index, w.Now), recordQueue: true);

    /// <summary>
    /// Carries out a decision for a waiting case: offers it, assigns it outright for a team that
    /// auto-assigns, or leaves it in the queue (recording why when <paramref name="recordQueue"/>).
    /// </summary>
    public async Task ApplyAsync(RoutingWork w, Case entity, RoutingDecision decision, bool recordQueue)
    {
        // A case stored as just escalated (never queued) joins the queue as it is routed.
        if (entity.Status == CaseStatus.Escalated) entity.Queue(w.Now);
        if (decision.Outcome == RoutingOutcome.Queue)
        {
            if (recordQueue) Record(w, entity, decision);
            Track(w, entity);
            return;
        }
        Record(w, entity, decision);
        var agentId = decision.Agent!.Id;
        var team = w.State.Teams.GetValueOrDefault(w.State.AgentEntryOf(agentId).TeamId);
        if (team?.AutoAssign == true)
        {
            entity.Assign(await w.AgentAsync(agentId), w.Now, reason: CaseEventReason.AutoAssigned, firstReplyDueAt: ReplyDue(w, entity, agentId));
            var assigned = Track(w, entity);
            w.Events.Add(new CaseAssigned(w.Now, assigned.Card, agentId, CaseEventReason.AutoAssigned, RoutingActor.System.Id, team.Id));
            return;
        }
        var expires = w.Now + Options.OfferTimeout;
        entity.Offer(agentId, w.Now, expires);
        var offered = Track(w, entity);
        w.Events.Add(new CaseOffered(w.Now, offered.Card, agentId, expires, entity.RoutingSummary ?? decision.Reason, w.State.TeamOf(agentId) ?? Guid.Empty));
    }

    /// <summary>An agent has room: hand them the first waiting cases in queue order that the tree would give them.</summary>
    public async Task FillAgentAsync(RoutingWork w, Guid agentId)
    {
        while (w.State.Index.TryGet(agentId, out var agent) && agent.HasSpareCapacity)
        {
            if (w.State.Queue.NextFor(agent, w.Now) is not { } next) return;
            var decision = policy.RouteTo(next, agent, w.Now);
            if (decision.Outcome == RoutingOutcome.Queue) return;
            await ApplyAsync(w, await w.CaseAsync(next.CaseId), decision, recordQueue: false);
        }
    }

    /// <summary>
    /// The stored case went back to the queue (declined, timed out, taken back, moved on): memory
    /// follows, and its holder hears why: a withdrawn offer, or a case that left them. The caller
    /// routes it next.
    /// </summary>
    public void Released(RoutingWork w, Case entity, CaseEventReason reason, string? note, RoutingActor actor)
    {
        var before = w.State.OpenCaseOf(entity.Id);
        var open = Track(w, entity);
        if (before.Holder is not { } from) return;
        var team = w.State.TeamOf(from) ?? Guid.Empty;
        if (before.Status == CaseStatus.Offered) w.Events.Add(new OfferWithdrawn(w.Now, entity.Id, from, reason, team));
        else w.Events.Add(new CaseReassigned(w.Now, open.Card, from, null, reason, note, actor.Id, [team]));
    }

    private static void Record(RoutingWork w, Case entity, RoutingDecision decision)
    {
        var explanation = decision.Explain();
        entity.RecordRouting(explanation.Summary, JsonSerializer.Serialize(explanation, ExplanationJson), w.Now);
    }
}
