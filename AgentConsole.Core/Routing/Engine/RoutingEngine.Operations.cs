using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing.Policy;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

public sealed partial class RoutingEngine
{
    /// <summary>The longest reply an agent may send, as for inbound messages.</summary>
    public const int MaxReplyLength = 4000;

    private static readonly JsonSerializerOptions ExplanationJson = new(JsonSerializerDefaults.Web);

    // ----- Commands -----

    private async Task<bool> OnCaseOpenedAsync(RoutingWork w, long caseId)
    {
        if (_state.Cases.ContainsKey(caseId)) return false;
        var entity = await w.FindCaseAsync(caseId);
        if (entity is null || !entity.IsOpen || entity.Status is CaseStatus.Offered or CaseStatus.Assigned) return false;
        w.Touched = true;
        var open = new OpenCase(entity.Id, CaseToRoute.From(entity, ExclusionsOf(entity), entity.TeamId), CaseCard.From(entity));
        _state.Cases.Add(open.Id, open);
        await RouteAsync(w, open, entity, recordQueue: true);
        return true;
    }

    private async Task<CaseCard> OnAcceptAsync(RoutingWork w, long caseId, RoutingActor actor)
    {
        var agentId = actor.AgentId ?? throw new RoutingForbiddenException("Only agents accept offers.");
        if (!_state.Cases.TryGetValue(caseId, out var open) || open.Status != CaseStatus.Offered || open.Holder != agentId || open.OfferExpiresAt <= w.Now)
            throw new OfferNotPendingException(caseId);
        var entity = await w.CaseAsync(caseId);
        var agent = await w.AgentAsync(agentId);
        var due = ReplyDue(entity, w.Now);
        entity.Accept(agent, w.Now, due);
        w.Touched = true;
        Assigned(w, open, entity, agentId, "Accepted", actor, alreadyCounted: true);
        return open.Card;
    }

    private async Task<bool> OnDeclineAsync(RoutingWork w, long caseId, string reason, RoutingActor actor)
    {
        var agentId = actor.AgentId ?? throw new RoutingForbiddenException("Only agents decline offers.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Say why you decline the case.");
        if (!_state.Cases.TryGetValue(caseId, out var open) || open.Status != CaseStatus.Offered || open.Holder != agentId || open.OfferExpiresAt <= w.Now)
            throw new OfferNotPendingException(caseId);
        var entity = await w.CaseAsync(caseId);
        entity.Decline(agentId, reason.Trim(), w.Now);
        w.Touched = true;
        Released(w, open, entity, agentId, wasOffered: true, $"Declined: {reason.Trim()}", note: null, actor);
        await RouteAsync(w, open, entity, recordQueue: true);
        await FillAgentAsync(w, agentId);
        return true;
    }

    private async Task<bool> OnPresenceAsync(RoutingWork w, Guid agentId, Presence presence, RoutingActor actor)
    {
        if (!Enum.IsDefined(presence)) throw new DomainException($"Unknown presence {presence}.");
        var entry = AgentEntryOf(agentId);
        if (!RoutingPermissions.MaySetPresence(actor, agentId, entry.TeamId)) throw new RoutingForbiddenException("You may not set this agent's presence.");
        await SetPresenceCoreAsync(w, entry, presence, forDisconnect: false);
        return true;
    }

    private async Task<bool> OnConnectionAsync(RoutingWork w, Guid agentId, bool opened)
    {
        var entry = AgentEntryOf(agentId);
        w.Touched = true;
        if (opened)
        {
            entry.Connections++;
            entry.DisconnectedAt = null;
            var snapshot = _state.Snapshot(agentId);
            // Back before the hold ran out: presence as it was, and the held cases are still theirs.
            if (entry.AwayForDisconnect && snapshot.Presence == Presence.Away)
            {
                var before = (await w.AgentAsync(agentId)).PresenceBeforeAway ?? Presence.Available;
                await SetPresenceCoreAsync(w, entry, before, forDisconnect: false);
                return true;
            }
        }
        else
        {
            entry.Connections = Math.Max(0, entry.Connections - 1);
            if (entry.Connections == 0)
            {
                entry.DisconnectedAt = w.Now;
                _state.Schedule(DueKind.PresenceGrace, w.Now + TimeSpan.FromSeconds(Options.PresenceGraceSeconds), agentId: agentId);
            }
        }
        w.Events.Add(PresenceEvent(w, entry, automatic: false));
        return true;
    }

    private async Task<CaseCard> OnReassignAsync(RoutingWork w, long caseId, Guid? toAgentId, string? note, bool overrideCapacity, RoutingActor actor)
    {
        var open = OpenCaseOf(caseId);
        Guid? targetTeam = toAgentId is { } target ? AgentEntryOf(target).TeamId : null;
        if (!RoutingPermissions.MayReassign(actor, TeamOf(open.Holder), open.Route.TeamId, open.Status == CaseStatus.Queued, targetTeam))
            throw new RoutingForbiddenException("You may reassign only your own team's cases, to your own team's agents.");
        var entity = await w.CaseAsync(caseId);
        if (toAgentId is { } to)
        {
            await ManualAssignAsync(w, open, entity, to, note, overrideCapacity, actor, CaseEventType.Reassigned, "Reassigned");
            return open.Card;
        }
        if (open.Status == CaseStatus.Queued) throw new DomainException("The case is already in the queue.");
        var holder = open.Holder!.Value;
        var wasOffered = open.Status == CaseStatus.Offered;
        entity.ReturnToQueue(CaseEventType.Reassigned, w.Now, actor.Kind, actor.Id, note ?? "Back to the queue", exclude: true);
        w.Touched = true;
        Released(w, open, entity, holder, wasOffered, "Back to the queue", note, actor);
        await RouteAsync(w, open, entity, recordQueue: true);
        await FillAgentAsync(w, holder);
        return open.Card;
    }

    private async Task<CaseCard> OnTransferAsync(RoutingWork w, long caseId, TransferTarget target, string? note, bool overrideCapacity, RoutingActor actor)
    {
        if (target is null || !target.IsValid) throw new DomainException("Transfer to exactly one of a skill, a team or an agent.");
        var open = OpenCaseOf(caseId);
        EnsureMayWork(actor, open);
        if (actor.Role == ConsoleRole.Agent && open.Status != CaseStatus.Assigned) throw new DomainException("Accept the case before transferring it.");
        if (target.Skill is { } skill && !Enum.IsDefined(skill)) throw new DomainException($"Unknown skill {skill}.");
        if (target.TeamId is { } team && !_state.Teams.ContainsKey(team)) throw new RoutingNotFoundException($"Team {team} does not exist.");
        var entity = await w.CaseAsync(caseId);
        if (target.AgentId is { } to)
        {
            AgentEntryOf(to);
            await ManualAssignAsync(w, open, entity, to, note, overrideCapacity, actor, CaseEventType.Transferred, "Transferred");
            return open.Card;
        }
        var holder = open.Holder;
        var wasOffered = open.Status == CaseStatus.Offered;
        entity.Transfer(target.Skill, target.TeamId, note, w.Now, actor.Kind, actor.Id);
        w.Touched = true;
        var where = target.Skill is { } s ? $"Transferred to {s}" : $"Transferred to {_state.Teams[target.TeamId!.Value].Name}";
        Released(w, open, entity, holder, wasOffered, where, note, actor);
        await RouteAsync(w, open, entity, recordQueue: true);
        if (holder is { } h) await FillAgentAsync(w, h);
        return open.Card;
    }

    private async Task<BugReport> OnEngineeringAsync(RoutingWork w, long caseId, BugReportInput input, RoutingActor actor)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        var open = OpenCaseOf(caseId);
        EnsureMayWork(actor, open);
        if (actor.Role == ConsoleRole.Agent && open.Status != CaseStatus.Assigned) throw new DomainException("Accept the case before escalating it.");
        var entity = await w.CaseAsync(caseId);
        var report = await BugReport.BuildAsync(w.Db, entity, input, actor.Name, w.Now);
        var holder = open.Holder;
        var wasOffered = open.Status == CaseStatus.Offered;
        entity.EscalateToEngineering(report.ToJson(), w.Now, actor.Kind, actor.Id);
        w.Touched = true;
        Released(w, open, entity, holder, wasOffered, "Escalated to engineering", report.Title, actor);
        await RouteAsync(w, open, entity, recordQueue: true);
        if (holder is { } h) await FillAgentAsync(w, h);
        return report;
    }

    private async Task<long> OnReplyAsync(RoutingWork w, long caseId, string text, RoutingActor actor)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("A reply needs text.");
        if (text.Length > MaxReplyLength) throw new DomainException($"A reply may be at most {MaxReplyLength} characters.");
        var open = OpenCaseOf(caseId);
        if (actor.AgentId is not { } agentId || open.Status != CaseStatus.Assigned || open.Holder != agentId)
            throw new RoutingForbiddenException("Only the agent the case is assigned to replies on it.");
        var entity = await w.CaseAsync(caseId);
        var message = entity.Conversation!.AddMessage(MessageAuthor.Agent, text.Trim(), w.Now);
        w.Db.Messages.Add(message);
        entity.RecordReply(agentId, w.Now);
        w.Touched = true;
        open.FirstReplyDueAt = entity.FirstReplyDueAt;
        open.Card = Card(entity);
        await w.Db.SaveChangesAsync();
        w.Events.Add(Activity(w.Now, open, CaseActivityKind.Reply));
        return message.Id;
    }

    private async Task<bool> OnResolveAsync(RoutingWork w, long caseId, string note, RoutingActor actor)
    {
        if (string.IsNullOrWhiteSpace(note)) throw new DomainException("A resolution note is required.");
        var open = OpenCaseOf(caseId);
        EnsureMayWork(actor, open);
        if (actor.Role == ConsoleRole.Agent && open.Status != CaseStatus.Assigned) throw new DomainException("Accept the case before resolving it.");
        var entity = await w.CaseAsync(caseId);
        var holder = open.Holder;
        var wasOffered = open.Status == CaseStatus.Offered;
        entity.Resolve(note.Trim(), w.Now, actor.Kind, actor.Id);
        w.Touched = true;
        Dequeue(w, open);
        _state.Cases.Remove(caseId);
        if (holder is { } h)
        {
            _state.AddLoad(h, -1);
            w.LoadChanged.Add(h);
            if (wasOffered) w.Events.Add(new OfferWithdrawn(w.Now, caseId, h, "Resolved", TeamOf(h) ?? Guid.Empty));
        }
        w.Events.Add(new CaseResolved(w.Now, caseId, holder, note.Trim(), actor.Id, TeamOf(holder) ?? open.Route.TeamId));
        if (holder is { } freed) await FillAgentAsync(w, freed);
        return true;
    }

    private async Task<bool> OnTeamsChangedAsync(RoutingWork w)
    {
        foreach (var team in await w.Db.Teams.AsNoTracking().ToListAsync())
            _state.Teams[team.Id] = new TeamEntry(team.Id, team.Name, team.AutoAssign, team.LeadAgentId);
        return true;
    }

    private async Task<bool> OnAgentChangedAsync(RoutingWork w, Guid agentId)
    {
        await OnTeamsChangedAsync(w);
        var agent = await w.AgentAsync(agentId);
        w.Touched = true;
        var snapshot = AgentSnapshot.From(agent, _state.LoadOf(agentId));
        _state.Index.Upsert(snapshot);
        if (!_state.Agents.TryGetValue(agentId, out var entry))
        {
            entry = new AgentEntry(agentId, agent.DisplayName, agent.TeamId) { DisconnectedAt = w.Now };
            _state.Agents[agentId] = entry;
            if (!agent.IsUnavailable) _state.Schedule(DueKind.PresenceGrace, w.Now + TimeSpan.FromSeconds(Options.PresenceGraceSeconds), agentId: agentId);
        }
        entry.Name = agent.DisplayName;
        entry.TeamId = agent.TeamId;
        w.Events.Add(PresenceEvent(w, entry, automatic: false));
        await FillAgentAsync(w, agentId);
        return true;
    }

    private async Task<bool> OnDrainAsync(RoutingWork w)
    {
        foreach (var waiting in _state.Queue.Ordered(w.Now))
        {
            var decision = _policy.Route(waiting, _state.Index, w.Now);
            var open = _state.Cases[waiting.CaseId];
            // A case stored while the engine was stopped has no decision yet: record why it waits.
            var unexplained = open.Card.RoutingSummary is null;
            if (decision.Outcome == RoutingOutcome.Queue && !unexplained) continue;
            w.Touched = true;
            await ApplyAsync(w, open, await w.CaseAsync(open.Id), decision, recordQueue: unexplained);
        }
        return true;
    }

    private async Task<bool> OnTickAsync(RoutingWork w)
    {
        // The one-shot timer has fired (or was bypassed): whatever is left must be armed afresh,
        // even a deadline the timer fired a hair too early for.
        _armedFor = null;
        while (_state.Due.TryPeek(out var item, out var at) && at <= w.Now)
        {
            _state.Due.Dequeue();
            switch (item.Kind)
            {
                case DueKind.OfferExpiry: await OfferExpiredAsync(w, item); break;
                case DueKind.FirstReply: await ReplyDeadlineAsync(w, item); break;
                case DueKind.PresenceGrace: await GraceOverAsync(w, item); break;
                case DueKind.HoldExpiry: await HoldOverAsync(w, item); break;
            }
        }
        return true;
    }

    // ----- Deadlines -----

    private async Task OfferExpiredAsync(RoutingWork w, DueItem item)
    {
        if (!_state.Cases.TryGetValue(item.CaseId, out var open) || open.Status != CaseStatus.Offered || open.OfferExpiresAt != item.At) return;
        var holder = open.Holder!.Value;
        var entity = await w.CaseAsync(open.Id);
        entity.ReturnToQueue(CaseEventType.TimedOut, w.Now, ActorKind.System, null, $"No answer within {Options.OfferTimeoutSeconds} s", exclude: true);
        w.Touched = true;
        Released(w, open, entity, holder, wasOffered: true, "TimedOut", note: null, RoutingActor.System);
        await RouteAsync(w, open, entity, recordQueue: true);
        // The slot is free again: keep the queue drained, with cases other than this one.
        await FillAgentAsync(w, holder);
    }

    private async Task ReplyDeadlineAsync(RoutingWork w, DueItem item)
    {
        if (!_state.Cases.TryGetValue(item.CaseId, out var open) || open.Status != CaseStatus.Assigned || open.FirstReplyDueAt != item.At) return;
        var holder = open.Holder!.Value;
        var entity = await w.CaseAsync(open.Id);
        var agentName = AgentEntryOf(holder).Name;
        var minutes = (int)Math.Round((item.At - (entity.AssignedAt ?? item.At)).TotalMinutes);
        var message = $"{agentName} did not reply within {minutes} min; case {open.Id} was reclaimed and re-routed (bounce {entity.BounceCount + 1}).";
        entity.ReturnToQueue(CaseEventType.Reclaimed, w.Now, ActorKind.System, null, $"No first reply from {agentName} within {minutes} min", exclude: true);
        var team = TeamOf(holder);
        var lead = team is { } t ? _state.Teams.GetValueOrDefault(t)?.LeadAgentId : null;
        entity.Log(CaseEventType.LeadAlerted, w.Now, ActorKind.System, null, lead is { } l ? $"{l}: {message}" : message);
        w.Touched = true;
        Released(w, open, entity, holder, wasOffered: false, "Reclaimed", note: message, RoutingActor.System);
        if (team is { } teamId) w.Events.Add(new LeadAlert(w.Now, teamId, lead, open.Card, message));
        await RouteAsync(w, open, entity, recordQueue: true);
        await FillAgentAsync(w, holder);
    }

    private async Task GraceOverAsync(RoutingWork w, DueItem item)
    {
        if (!_state.Agents.TryGetValue(item.AgentId, out var entry) || entry.Connections > 0 || entry.DisconnectedAt is not { } since) return;
        if (since + TimeSpan.FromSeconds(Options.PresenceGraceSeconds) > w.Now) return;
        if (_state.Snapshot(item.AgentId).Presence is Presence.Away or Presence.Offline) return;
        await SetPresenceCoreAsync(w, entry, Presence.Away, forDisconnect: true);
    }

    private async Task HoldOverAsync(RoutingWork w, DueItem item)
    {
        if (!_state.Agents.TryGetValue(item.AgentId, out var entry) || entry.UnavailableSince is not { } since) return;
        var hold = TimeSpan.FromMinutes(Options.HoldMinutes);
        if (since + hold > w.Now) return;
        // A case given to the agent while they were already away is held for its own full hold.
        foreach (var open in _state.HeldBy(item.AgentId).Where(c => c.Status == CaseStatus.Assigned && (c.AssignedAt ?? since) + hold <= w.Now).ToList())
        {
            var entity = await w.CaseAsync(open.Id);
            entity.ReturnToQueue(CaseEventType.HoldExpired, w.Now, ActorKind.System, null, $"{entry.Name} away for more than {Options.HoldMinutes} min", exclude: false);
            w.Touched = true;
            Released(w, open, entity, item.AgentId, wasOffered: false, "HoldExpired", note: null, RoutingActor.System);
            await RouteAsync(w, open, entity, recordQueue: true);
        }
    }

    // ----- Shared steps -----

    private async Task SetPresenceCoreAsync(RoutingWork w, AgentEntry entry, Presence presence, bool forDisconnect)
    {
        var agent = await w.AgentAsync(entry.Id);
        var wasUnavailable = agent.IsUnavailable;
        agent.SetPresence(presence, w.Now, forDisconnect);
        w.Touched = true;
        entry.UnavailableSince = agent.UnavailableSince;
        entry.AwayForDisconnect = agent.AwayForDisconnect;
        _state.Index.Upsert(_state.Snapshot(entry.Id) with { Presence = presence });
        w.Events.Add(PresenceEvent(w, entry, forDisconnect));
        if (agent.IsUnavailable)
        {
            if (!wasUnavailable) _state.Schedule(DueKind.HoldExpiry, agent.UnavailableSince!.Value + TimeSpan.FromMinutes(Options.HoldMinutes), agentId: entry.Id);
            foreach (var offered in _state.HeldBy(entry.Id).Where(c => c.Status == CaseStatus.Offered).ToList())
            {
                var entity = await w.CaseAsync(offered.Id);
                entity.ReturnToQueue(CaseEventType.Withdrawn, w.Now, ActorKind.System, null, $"{entry.Name} is {presence}", exclude: false);
                Released(w, offered, entity, entry.Id, wasOffered: true, $"Agent {presence}", note: null, RoutingActor.System);
                await RouteAsync(w, offered, entity, recordQueue: true);
            }
        }
        else
        {
            // Present but not connected (set by a lead, or before the console connects): the grace applies from now.
            if (entry.Connections == 0 && (entry.DisconnectedAt is null || wasUnavailable))
            {
                entry.DisconnectedAt = w.Now;
                _state.Schedule(DueKind.PresenceGrace, w.Now + TimeSpan.FromSeconds(Options.PresenceGraceSeconds), agentId: entry.Id);
            }
            await FillAgentAsync(w, entry.Id);
        }
    }

    private async Task RouteAsync(RoutingWork w, OpenCase open, Case entity, bool recordQueue)
    {
        var decision = _policy.Route(open.Route, _state.Index, w.Now);
        await ApplyAsync(w, open, entity, decision, recordQueue);
    }

    private async Task ApplyAsync(RoutingWork w, OpenCase open, Case entity, RoutingDecision decision, bool recordQueue)
    {
        // A case stored as just escalated (never queued) joins the queue as it is routed.
        if (entity.Status == CaseStatus.Escalated) entity.Queue(w.Now);
        if (decision.Outcome == RoutingOutcome.Queue)
        {
            if (recordQueue) Record(w, entity, decision);
            open.Card = Card(entity);
            if (!_state.Queue.Contains(open.Id))
            {
                _state.Queue.Enqueue(open.Route);
                if (!w.QueueRemoved.Remove(open.Id)) w.QueueAdded.Add(open.Card);
            }
            return;
        }
        Record(w, entity, decision);
        Dequeue(w, open);
        var agentId = decision.Agent!.Id;
        var team = _state.Teams.GetValueOrDefault(AgentEntryOf(agentId).TeamId);
        if (team?.AutoAssign == true)
        {
            var agent = await w.AgentAsync(agentId);
            entity.Assign(agent, w.Now, ActorKind.System, null, "Auto-assigned", ReplyDue(entity, w.Now));
            Assigned(w, open, entity, agentId, "AutoAssigned", RoutingActor.System, alreadyCounted: false);
            return;
        }
        var expires = w.Now + Options.OfferTimeout;
        entity.Offer(agentId, w.Now, expires);
        open.Status = CaseStatus.Offered;
        open.Holder = agentId;
        open.OfferExpiresAt = expires;
        _state.AddLoad(agentId, +1);
        w.LoadChanged.Add(agentId);
        _state.Schedule(DueKind.OfferExpiry, expires, open.Id);
        open.Card = Card(entity);
        w.Events.Add(new CaseOffered(w.Now, open.Card, agentId, expires, entity.RoutingSummary ?? decision.Reason, TeamOf(agentId) ?? Guid.Empty));
    }

    // An agent has room: hand them the first waiting cases in queue order that the tree would give them.
    private async Task FillAgentAsync(RoutingWork w, Guid agentId)
    {
        while (_state.Index.TryGet(agentId, out var agent) && agent.HasSpareCapacity)
        {
            if (_state.Queue.NextFor(agent, w.Now) is not { } next) return;
            var decision = _policy.RouteTo(next, agent, w.Now);
            if (decision.Outcome == RoutingOutcome.Queue) return;
            var open = _state.Cases[next.CaseId];
            w.Touched = true;
            await ApplyAsync(w, open, await w.CaseAsync(open.Id), decision, recordQueue: false);
        }
    }

    private async Task ManualAssignAsync(RoutingWork w, OpenCase open, Case entity, Guid to, string? note, bool overrideCapacity, RoutingActor actor,
        CaseEventType logAs, string how)
    {
        if (open.Status == CaseStatus.Assigned && open.Holder == to) throw new DomainException("The case is already assigned to this agent.");
        var target = _state.Snapshot(to);
        var load = target.Load - (open.Holder == to ? 1 : 0);
        var over = load >= target.Capacity;
        if (over && !overrideCapacity) throw new CapacityExceededException(target.Name, load, target.Capacity);
        if (over && !RoutingPermissions.MayOverrideCapacity(actor)) throw new RoutingForbiddenException("Only a team lead or a supervisor may assign above capacity.");

        var previous = open.Holder;
        var wasOffered = open.Status == CaseStatus.Offered;
        var agent = await w.AgentAsync(to);
        w.Touched = true;
        if (previous is { } p)
        {
            _state.AddLoad(p, -1);
            w.LoadChanged.Add(p);
            if (wasOffered) w.Events.Add(new OfferWithdrawn(w.Now, open.Id, p, how, TeamOf(p) ?? Guid.Empty));
        }
        Dequeue(w, open);
        entity.Assign(agent, w.Now, actor.Kind, actor.Id, note ?? how, ReplyDue(entity, w.Now), capacityOverride: over, logAs: logAs);
        if (over) entity.Log(CaseEventType.CapacityOverride, w.Now, actor.Kind, actor.Id, $"{target.Name} at {load}/{target.Capacity}; {note}".TrimEnd(' ', ';'));
        Assigned(w, open, entity, to, how, actor, alreadyCounted: false);
        var teams = new[] { TeamOf(previous), TeamOf(to) }.OfType<Guid>().Distinct().ToList();
        w.Events.Add(new CaseReassigned(w.Now, open.Card, previous, to, how, note, actor.Id, teams));
        if (previous is { } freed && freed != to) await FillAgentAsync(w, freed);
    }

    // Memory and events after the entity was assigned.
    private void Assigned(RoutingWork w, OpenCase open, Case entity, Guid agentId, string how, RoutingActor actor, bool alreadyCounted)
    {
        open.Status = CaseStatus.Assigned;
        open.Holder = agentId;
        open.AssignedAt = w.Now;
        open.OfferExpiresAt = null;
        open.FirstReplyDueAt = entity.FirstReplyDueAt;
        open.CapacityOverride = entity.CapacityOverride;
        var snapshot = _state.Snapshot(agentId);
        _state.Index.Upsert(snapshot with { Load = snapshot.Load + (alreadyCounted ? 0 : 1), LastAssignedAt = w.Now });
        w.LoadChanged.Add(agentId);
        if (entity.FirstReplyDueAt is { } due) _state.Schedule(DueKind.FirstReply, due, open.Id);
        if (_state.Agents.TryGetValue(agentId, out var holder) && holder.UnavailableSince is not null)
            _state.Schedule(DueKind.HoldExpiry, w.Now + TimeSpan.FromMinutes(Options.HoldMinutes), agentId: agentId);
        open.Card = Card(entity);
        w.Events.Add(new CaseAssigned(w.Now, open.Card, agentId, how, actor.Id, TeamOf(agentId) ?? Guid.Empty));
    }

    // Memory and events after the entity went back to the queue; the caller routes it next.
    private void Released(RoutingWork w, OpenCase open, Case entity, Guid? holder, bool wasOffered, string reason, string? note, RoutingActor actor)
    {
        if (holder is { } h)
        {
            _state.AddLoad(h, -1);
            w.LoadChanged.Add(h);
        }
        open.Status = CaseStatus.Queued;
        open.Holder = null;
        open.AssignedAt = null;
        open.OfferExpiresAt = null;
        open.FirstReplyDueAt = null;
        open.CapacityOverride = false;
        open.Route = CaseToRoute.From(entity, ExclusionsOf(entity), entity.TeamId);
        open.Card = Card(entity);
        if (holder is not { } from) return;
        var team = TeamOf(from) ?? Guid.Empty;
        if (wasOffered) w.Events.Add(new OfferWithdrawn(w.Now, open.Id, from, reason, team));
        else w.Events.Add(new CaseReassigned(w.Now, open.Card, from, null, reason, note, actor.Id, [team]));
    }

    private void Dequeue(RoutingWork w, OpenCase open)
    {
        if (!_state.Queue.Remove(open.Id)) return;
        var added = w.QueueAdded.FindIndex(c => c.CaseId == open.Id);
        if (added >= 0) w.QueueAdded.RemoveAt(added);
        else w.QueueRemoved.Add(open.Id);
    }

    private static void Record(RoutingWork w, Case entity, RoutingDecision decision)
    {
        var explanation = decision.Explain();
        entity.RecordRouting(explanation.Summary, JsonSerializer.Serialize(explanation, ExplanationJson), w.Now);
    }

    // Called once per command, before it commits: the queue delta and the agents whose load moved.
    private void FinishQueueAndLoads(RoutingWork w)
    {
        if (w.QueueAdded.Count > 0 || w.QueueRemoved.Count > 0)
        {
            DateTime? oldest = null;
            foreach (var waiting in _state.Queue.Cases)
                if (oldest is null || waiting.QueuedAt < oldest) oldest = waiting.QueuedAt;
            w.Events.Add(new QueueChanged(w.Now, _state.Queue.Count, oldest, [.. w.QueueAdded], [.. w.QueueRemoved]));
        }
        foreach (var agentId in w.LoadChanged)
            if (_state.Agents.TryGetValue(agentId, out var entry)) w.Events.Add(PresenceEvent(w, entry, automatic: false));
    }

    private PresenceChanged PresenceEvent(RoutingWork w, AgentEntry entry, bool automatic)
    {
        var snapshot = _state.Snapshot(entry.Id);
        return new PresenceChanged(w.Now, entry.Id, entry.Name, entry.TeamId, snapshot.Presence, snapshot.Load, snapshot.Capacity, entry.Connections > 0, automatic);
    }

    private CaseCard Card(Case entity) => CaseCard.From(entity, entity.HolderId is { } h && _state.Agents.TryGetValue(h, out var a) ? a.Name : null);

    private DateTime? ReplyDue(Case entity, DateTime now) => Options.FirstReplyWindow(entity.Priority) is { } window ? now + window : null;

    private OpenCase OpenCaseOf(long caseId) =>
        _state.Cases.TryGetValue(caseId, out var open) ? open : throw new RoutingNotFoundException($"Case {caseId} is not open.");

    private AgentEntry AgentEntryOf(Guid agentId) =>
        _state.Agents.TryGetValue(agentId, out var entry) ? entry : throw new RoutingNotFoundException($"Agent {agentId} is not known.");

    private Guid? TeamOf(Guid? agentId) => agentId is { } id && _state.Agents.TryGetValue(id, out var entry) ? entry.TeamId : null;

    private void EnsureMayWork(RoutingActor actor, OpenCase open)
    {
        if (!RoutingPermissions.MayWork(actor, open.Holder, TeamOf(open.Holder), open.Route.TeamId))
            throw new RoutingForbiddenException("You may act only on cases you hold, or on your own team's cases as its lead.");
    }
}
