using AgentConsole.Core.Schedules;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// Keeps the agents' on-call flags in step with the rotations: at start-up, when an admin edits
/// a rotation, and at each hand-over, which is a deadline like any other (so a hand-over needs no
/// restart and is not missed across one). An agent who goes on call is handed the urgent cases
/// that waited for someone on call.
/// </summary>
internal sealed class OnCallHandOvers(Placement placement)
{
    /// <summary>
    /// Marks the agents the roster has on call at <paramref name="now"/> and arms the next hand-over;
    /// returns the agents whose flag changed.
    /// </summary>
    public static List<Guid> Apply(RoutingState state, DateTime now)
    {
        var onCall = state.Rotations.OnCallAt(now);
        var changed = new List<Guid>();
        foreach (var agent in state.Index.Agents.ToList())
        {
            var on = onCall.Contains(agent.Id);
            if (agent.OnCall == on) continue;
            state.Index.Upsert(agent with { OnCall = on });
            changed.Add(agent.Id);
        }
        var next = state.Rotations.NextChangeAfter(now);
        if (next != state.NextHandOver)
        {
            state.NextHandOver = next;
            if (next is { } at) state.Schedule(DueKind.HandOver, at);
        }
        return changed;
    }

    /// <summary>The hand-over deadline came due; a stale one (the rotations changed since) does nothing.</summary>
    public Task HandOverAsync(RoutingWork w, DueItem item)
    {
        if (item.At != w.State.NextHandOver) return Task.CompletedTask;
        w.State.NextHandOver = null;
        return FollowAsync(w);
    }

    /// <summary>An admin stored new rotations: reload them and apply them at once.</summary>
    public async Task<bool> RotationsChangedAsync(RoutingWork w)
    {
        await ReloadAsync(w);
        await FollowAsync(w);
        return true;
    }

    /// <summary>Reads the rotations from the store into memory (the flags follow on the next <see cref="Apply"/>).</summary>
    public static async Task ReloadAsync(RoutingWork w) =>
        w.State.Rotations = new OnCallRoster(await w.Db.OnCallRotations.AsNoTracking().ToListAsync());

    private async Task FollowAsync(RoutingWork w)
    {
        var changed = Apply(w.State, w.Now);
        if (changed.Count == 0) return;
        w.Touched = true;
        foreach (var agentId in changed)
        {
            if (w.State.Agents.TryGetValue(agentId, out var entry)) w.Events.Add(w.PresenceEvent(entry, automatic: true));
            if (w.State.Snapshot(agentId).OnCall) await placement.FillAgentAsync(w, agentId);
        }
    }
}
