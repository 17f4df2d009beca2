using AgentConsole.Core.Schedules;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// Keeps the agents' schedule flags in step with the clock: <see cref="Policy.AgentSnapshot.OnCall"/>
/// from the on-call rotations, <see cref="Policy.AgentSnapshot.OffHours"/> from their team's business
/// hours. They are applied at start-up, when an admin edits rotations or hours, and at each
/// hand-over, opening and closing, which is a deadline like any other: no restart is needed, and one
/// that passed while the app was stopped is applied when it starts. An agent who goes on call is
/// handed the urgent cases waiting for one; a team that opens is handed the cases held for its opening.
/// </summary>
internal sealed class ScheduleChanges(Placement placement)
{
    /// <summary>
    /// Sets the flags the schedules give at <paramref name="now"/> and arms the next change;
    /// returns the agents whose flags changed.
    /// </summary>
    public static List<Guid> Apply(RoutingState state, DateTime now)
    {
        var onCall = state.Rotations.OnCallAt(now);
        var closed = state.Hours.Where(h => !h.Value.IsOpen(now)).Select(h => h.Key).ToHashSet();
        var changed = new List<Guid>();
        foreach (var agent in state.Index.Agents.ToList())
        {
            var on = onCall.Contains(agent.Id);
            var off = closed.Contains(agent.TeamId);
            if (agent.OnCall == on && agent.OffHours == off) continue;
            state.Index.Upsert(agent with { OnCall = on, OffHours = off });
            changed.Add(agent.Id);
        }
        var next = state.Rotations.NextChangeAfter(now);
        foreach (var calendar in state.Hours.Values)
            if (calendar.NextChangeAfter(now) is { } at && (next is null || at < next)) next = at;
        if (next != state.NextScheduleChange)
        {
            state.NextScheduleChange = next;
            if (next is { } at) state.Schedule(DueKind.ScheduleChange, at);
        }
        return changed;
    }

    /// <summary>The schedule deadline came due; a stale one (the schedules changed since) does nothing.</summary>
    public Task DueAsync(RoutingWork w, DueItem item)
    {
        if (item.At != w.State.NextScheduleChange) return Task.CompletedTask;
        w.State.NextScheduleChange = null;
        return FollowAsync(w);
    }

    /// <summary>An admin stored new rotations or hours: reload them and apply them at once.</summary>
    public async Task<bool> SchedulesChangedAsync(RoutingWork w)
    {
        await ReloadAsync(w.Db, w.State);
        await FollowAsync(w);
        return true;
    }

    /// <summary>Reads the rotations and the teams' hours from the store into memory (the flags follow on the next <see cref="Apply"/>).</summary>
    public static async Task ReloadAsync(Data.AgentConsoleDbContext db, RoutingState state, CancellationToken cancellationToken = default)
    {
        state.Rotations = new OnCallRoster(await db.OnCallRotations.AsNoTracking().ToListAsync(cancellationToken));
        state.Hours = (await db.TeamHours.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(h => h.TeamId, h => new BusinessCalendar(h));
    }

    /// <summary>
    /// The waiting cases as bots hear of them, each with the opening it waits for when every team
    /// that could take it is closed (<see cref="ExpectedAnswer"/>), worked out once per skill and priority.
    /// </summary>
    public static IReadOnlyCollection<Delivery.QueuedCase> Queued(RoutingState state, DateTime now)
    {
        // Without business hours no case waits for an opening: the desk's agents are not even listed.
        var agents = state.Hours.Count == 0 ? null : state.Index.Agents.Select(a => (a.TeamId, a.Skills)).ToList();
        var openings = new Dictionary<(Skill, Triggers.CasePriority), DateTime?>();
        var queued = new List<Delivery.QueuedCase>(state.Queue.Count);
        foreach (var c in state.Queue.Cases)
        {
            if (!openings.TryGetValue((c.RequiredSkill, c.Priority), out var opening))
                openings[(c.RequiredSkill, c.Priority)] = opening = agents is null ? null : ExpectedAnswer.At(c.RequiredSkill, c.Priority, agents, state.Hours, now);
            queued.Add(new Delivery.QueuedCase(c.CaseId, c.Priority, c.QueuedAt) { ExpectedAnswerAt = opening });
        }
        return queued;
    }

    private async Task FollowAsync(RoutingWork w)
    {
        var changed = Apply(w.State, w.Now);
        if (changed.Count == 0) return;
        w.Touched = true;
        foreach (var agentId in changed)
        {
            if (w.State.Agents.TryGetValue(agentId, out var entry)) w.Events.Add(w.PresenceEvent(entry, automatic: true));
            await placement.FillAgentAsync(w, agentId);
        }
    }
}
