using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// Agents' presence and what follows from it: a presence set by the agent or their lead, live
/// connections opening and closing, the grace after the last one closes (then the agent becomes
/// Away and their offers go to others), and the hold on an away agent's cases (then they go back
/// to the queue). Coming back before the hold runs out gives the agent their cases back.
/// </summary>
internal sealed class PresenceTracker(Placement placement)
{
    public async Task<bool> SetAsync(RoutingWork w, Guid agentId, Presence presence, RoutingActor actor)
    {
        if (!Enum.IsDefined(presence)) throw new DomainException($"Unknown presence {presence}.");
        var entry = w.State.AgentEntryOf(agentId);
        if (!RoutingPermissions.MaySetPresence(actor, agentId, entry.TeamId)) throw new RoutingForbiddenException("You may not set this agent's presence.");
        await ApplyAsync(w, entry, presence, forDisconnect: false);
        return true;
    }

    public async Task<bool> ConnectionAsync(RoutingWork w, Guid agentId, bool opened)
    {
        var entry = w.State.AgentEntryOf(agentId);
        w.Touched = true;
        if (opened)
        {
            entry.Connections++;
            entry.DisconnectedAt = null;
            // Back before the hold ran out: presence as it was, and the held cases are still theirs.
            if (entry.AwayForDisconnect && w.State.Snapshot(agentId).Presence == Presence.Away)
            {
                var before = (await w.AgentAsync(agentId)).PresenceBeforeAway ?? Presence.Available;
                await ApplyAsync(w, entry, before, forDisconnect: false);
                return true;
            }
        }
        else
        {
            entry.Connections = Math.Max(0, entry.Connections - 1);
            if (entry.Connections == 0)
            {
                entry.DisconnectedAt = w.Now;
                w.State.Schedule(DueKind.PresenceGrace, w.Now + w.State.Grace, agentId: agentId);
            }
        }
        w.Events.Add(w.PresenceEvent(entry, automatic: false));
        return true;
    }

    /// <summary>The grace after the last connection closed ran out: unless they came back, the agent is Away.</summary>
    public async Task GraceOverAsync(RoutingWork w, DueItem item)
    {
        if (!w.State.Agents.TryGetValue(item.AgentId, out var entry) || entry.Connections > 0 || entry.DisconnectedAt is not { } since) return;
        if (since + w.State.Grace > w.Now) return;
        if (w.State.Snapshot(item.AgentId).Presence is Presence.Away or Presence.Offline) return;
        await ApplyAsync(w, entry, Presence.Away, forDisconnect: true);
    }

    /// <summary>The hold on an away agent's cases ran out: those held long enough go back to the queue.</summary>
    public async Task HoldOverAsync(RoutingWork w, DueItem item)
    {
        if (!w.State.Agents.TryGetValue(item.AgentId, out var entry) || entry.UnavailableSince is null) return;
        // A case given to the agent while they were already away is held for its own full hold.
        foreach (var open in w.State.HeldBy(item.AgentId).Where(c => w.State.HoldEndsAt(c) <= w.Now).ToList())
        {
            var entity = await w.CaseAsync(open.Id);
            entity.ReturnToQueue(CaseEventReason.HoldExpired, w.Now, ActorKind.System, null, comment: null, exclude: false);
            placement.Released(w, entity, CaseEventReason.HoldExpired, note: null, RoutingActor.System);
            await placement.RouteAsync(w, entity);
        }
    }

    private async Task ApplyAsync(RoutingWork w, AgentEntry entry, Presence presence, bool forDisconnect)
    {
        var agent = await w.AgentAsync(entry.Id);
        var wasUnavailable = agent.IsUnavailable;
        agent.SetPresence(presence, w.Now, forDisconnect);
        w.Touched = true;
        w.State.TrackPresence(agent);
        w.Events.Add(w.PresenceEvent(entry, forDisconnect));
        if (agent.IsUnavailable)
        {
            if (!wasUnavailable) w.State.Schedule(DueKind.HoldExpiry, agent.UnavailableSince!.Value + w.State.Hold, agentId: entry.Id);
            foreach (var offered in w.State.HeldBy(entry.Id).Where(c => c.Status == CaseStatus.Offered).ToList())
            {
                var entity = await w.CaseAsync(offered.Id);
                entity.ReturnToQueue(CaseEventReason.AgentUnavailable, w.Now, ActorKind.System, null, comment: null, exclude: false);
                placement.Released(w, entity, CaseEventReason.AgentUnavailable, note: null, RoutingActor.System);
                await placement.RouteAsync(w, entity);
            }
            return;
        }
        // Present but not connected (set by a lead, or before the console connects): the grace applies from now.
        if (entry.Connections == 0 && (entry.DisconnectedAt is null || wasUnavailable))
        {
            entry.DisconnectedAt = w.Now;
            w.State.Schedule(DueKind.PresenceGrace, w.Now + w.State.Grace, agentId: entry.Id);
        }
        await placement.FillAgentAsync(w, entry.Id);
    }
}
