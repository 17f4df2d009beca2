using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// Moving a case on: a lead reassigns it (to an agent, above capacity only by an explicit
/// override, or back to the queue), the agent working it transfers it (to a skill, a team or an
/// agent) or escalates it to engineering, someone who may work it resolves it (and routing learns
/// from the outcome), or the clock
/// reclaims it from an agent who missed the first-reply deadline.
/// </summary>
internal sealed class CaseMoves(Placement placement, OutcomeLearning learning, CustomerAffinity affinity)
{
    public async Task<CaseCard> ReassignAsync(RoutingWork w, long caseId, Guid? toAgentId, string? note, bool overrideCapacity, RoutingActor actor)
    {
        var open = w.State.OpenCaseOf(caseId);
        Guid? targetTeam = toAgentId is { } target ? w.State.AgentEntryOf(target).TeamId : null;
        if (!RoutingPermissions.MayReassign(actor, w.State.TeamOf(open.Holder), open.Route.TeamId, open.Status == CaseStatus.Queued, targetTeam))
            throw new RoutingForbiddenException("You may reassign only your own team's cases, to your own team's agents.");
        var entity = await w.CaseAsync(caseId);
        if (toAgentId is { } to) return await AssignByHandAsync(w, entity, to, note, overrideCapacity, actor, CaseEventReason.Reassigned);
        if (open.Status == CaseStatus.Queued) throw new DomainException("The case is already in the queue.");
        entity.ReturnToQueue(CaseEventReason.BackToQueue, w.Now, actor.Kind, actor.Id, note, exclude: true);
        return await MovedOnAsync(w, entity, open.Holder, CaseEventReason.BackToQueue, note, actor);
    }

    public async Task<CaseCard> TransferAsync(RoutingWork w, long caseId, TransferTarget target, string? note, bool overrideCapacity, RoutingActor actor)
    {
        if (target is null || !target.IsValid) throw new DomainException("Transfer to exactly one of a skill, a team or an agent.");
        var open = w.State.OpenCaseOf(caseId);
        EnsureMayAct(w, actor, open, "transferring");
        if (target.Skill is { } skill && !Enum.IsDefined(skill)) throw new DomainException($"Unknown skill {skill}.");
        if (target.TeamId is { } team && !w.State.Teams.ContainsKey(team)) throw new RoutingNotFoundException($"Team {team} does not exist.");
        var entity = await w.CaseAsync(caseId);
        if (target.AgentId is { } to)
        {
            w.State.AgentEntryOf(to);
            return await AssignByHandAsync(w, entity, to, note, overrideCapacity, actor, CaseEventReason.Transferred);
        }
        entity.Transfer(target.Skill, target.TeamId, note, w.Now, actor.Kind, actor.Id);
        return await MovedOnAsync(w, entity, open.Holder, CaseEventReason.Transferred, note, actor);
    }

    public async Task<BugReport> EscalateToEngineeringAsync(RoutingWork w, long caseId, BugReportInput input, RoutingActor actor)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        var open = w.State.OpenCaseOf(caseId);
        EnsureMayAct(w, actor, open, "escalating");
        var entity = await w.CaseAsync(caseId);
        var report = await BugReport.BuildAsync(w.Db, entity, input, actor.Name, w.Now);
        entity.EscalateToEngineering(report.ToJson(), w.Now, actor.Kind, actor.Id);
        await MovedOnAsync(w, entity, open.Holder, CaseEventReason.ToEngineering, report.Title, actor);
        return report;
    }

    public async Task<bool> ResolveAsync(RoutingWork w, long caseId, string note, RoutingActor actor, IssueCategory? category = null)
    {
        if (string.IsNullOrWhiteSpace(note)) throw new DomainException("A resolution note is required.");
        if (category is { } confirmed && !Enum.IsDefined(confirmed)) throw new DomainException($"Unknown category {confirmed}.");
        var open = w.State.OpenCaseOf(caseId);
        EnsureMayAct(w, actor, open, "resolving");
        var entity = await w.CaseAsync(caseId);
        entity.Resolve(note.Trim(), w.Now, actor.Kind, actor.Id);
        if (category is { } resolvedAs) entity.ConfirmResolvedCategory(resolvedAs);
        w.Touched = true;
        w.State.Forget(caseId, w.Changes);
        affinity.Resolved(w, entity);
        // What the case taught is counted before the freed agent is handed more work.
        await learning.LearnAsync(w, caseId);
        if (open.Holder is { } holder && open.Status == CaseStatus.Offered)
            w.Events.Add(new OfferWithdrawn(w.Now, caseId, holder, CaseEventReason.Resolved, w.State.TeamOf(holder) ?? Guid.Empty));
        w.Events.Add(new CaseResolved(w.Now, caseId, open.Holder, note.Trim(), actor.Id, w.State.TeamOf(open.Holder) ?? open.Route.TeamId));
        if (open.Holder is { } freed) await placement.FillAgentAsync(w, freed);
        return true;
    }

    /// <summary>The first-reply deadline came: unless the agent replied, the case is taken back, re-routed, and their lead alerted.</summary>
    public async Task ReclaimAsync(RoutingWork w, DueItem item)
    {
        if (!w.State.Cases.TryGetValue(item.CaseId, out var open) || open.Status != CaseStatus.Assigned || open.FirstReplyDueAt != item.At) return;
        var holder = open.Holder!.Value;
        var entity = await w.CaseAsync(open.Id);
        var minutes = (int)Math.Round((item.At - (entity.AssignedAt ?? item.At)).TotalMinutes);
        var message = $"{w.State.NameOf(holder)} did not reply within {minutes} min; case {open.Id} was reclaimed and re-routed (bounce {entity.BounceCount + 1}).";
        var team = w.State.TeamOf(holder);
        var lead = team is { } t ? w.State.Teams.GetValueOrDefault(t)?.LeadAgentId : null;
        entity.ReturnToQueue(CaseEventReason.Reclaimed, w.Now, ActorKind.System, null, comment: null, exclude: true);
        entity.Log(CaseEventType.LeadAlerted, w.Now, ActorKind.System, null, detail: lead?.ToString(), reason: CaseEventReason.Reclaimed);
        placement.Released(w, entity, CaseEventReason.Reclaimed, message, RoutingActor.System);
        if (team is { } teamId) w.Events.Add(new LeadAlert(w.Now, teamId, lead, w.State.OpenCaseOf(open.Id).Card, message));
        await placement.RouteAsync(w, entity);
        await placement.FillAgentAsync(w, holder);
    }

    // The case left its holder (if any) for the queue: they hear why, it is routed afresh, and they may take other work.
    private async Task<CaseCard> MovedOnAsync(RoutingWork w, Case entity, Guid? holder, CaseEventReason reason, string? note, RoutingActor actor)
    {
        placement.Released(w, entity, reason, note, actor);
        await placement.RouteAsync(w, entity);
        if (holder is { } freed) await placement.FillAgentAsync(w, freed);
        return w.State.OpenCaseOf(entity.Id).Card;
    }

    private async Task<CaseCard> AssignByHandAsync(RoutingWork w, Case entity, Guid to, string? note, bool overrideCapacity, RoutingActor actor, CaseEventReason how)
    {
        var open = w.State.OpenCaseOf(entity.Id);
        if (open.Status == CaseStatus.Assigned && open.Holder == to) throw new DomainException("The case is already assigned to this agent.");
        var target = w.State.Snapshot(to);
        var load = target.Load - (open.Holder == to ? 1 : 0);
        var over = load >= target.Capacity;
        if (over && !overrideCapacity) throw new CapacityExceededException(target.Name, load, target.Capacity);
        if (over && !RoutingPermissions.MayOverrideCapacity(actor)) throw new RoutingForbiddenException("Only a team lead or a supervisor may assign above capacity.");

        var previous = open.Holder;
        if (previous is { } p && open.Status == CaseStatus.Offered)
            w.Events.Add(new OfferWithdrawn(w.Now, open.Id, p, how, w.State.TeamOf(p) ?? Guid.Empty));
        entity.Assign(await w.AgentAsync(to), w.Now, actor.Kind, actor.Id, how, note, placement.ReplyDue(w, entity, to), capacityOverride: over);
        if (over) entity.Log(CaseEventType.CapacityOverride, w.Now, actor.Kind, actor.Id, detail: $"{load}/{target.Capacity}", reason: how, comment: note);
        var assigned = placement.Track(w, entity);
        w.Events.Add(new CaseAssigned(w.Now, assigned.Card, to, how, actor.Id, w.State.TeamOf(to) ?? Guid.Empty));
        var teams = new[] { w.State.TeamOf(previous), w.State.TeamOf(to) }.OfType<Guid>().Distinct().ToList();
        w.Events.Add(new CaseReassigned(w.Now, assigned.Card, previous, to, how, note, actor.Id, teams));
        if (previous is { } freed && freed != to) await placement.FillAgentAsync(w, freed);
        return assigned.Card;
    }

    private static void EnsureMayAct(RoutingWork w, RoutingActor actor, OpenCase open, string doing)
    {
        if (!RoutingPermissions.MayWork(actor, open.Holder, w.State.TeamOf(open.Holder), open.Route.TeamId))
            throw new RoutingForbiddenException("You may act only on cases you hold, or on your own team's cases as its lead.");
        if (actor.Role == ConsoleRole.Agent && open.Status != CaseStatus.Assigned) throw new DomainException($"Accept the case before {doing} it.");
    }
}
