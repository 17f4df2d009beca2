using AgentConsole.Core.Routing.Policy;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// Changes to the desk made outside routing and stored first: an agent's skills, tier or capacity
/// (or a new agent), and the teams' routing settings. The engine reloads them and
/// applies them at once: an agent with new room is handed waiting cases.
/// </summary>
internal sealed class RosterChanges(Placement placement, OutcomeLearning learning)
{
    public async Task<bool> TeamsChangedAsync(RoutingWork w)
    {
        foreach (var team in await w.Db.Teams.AsNoTracking().ToListAsync())
            w.State.Teams[team.Id] = new TeamEntry(team.Id, team.Name, team.AutoAssign, team.LeadAgentId);
        return true;
    }

    public async Task<bool> AgentChangedAsync(RoutingWork w, Guid agentId)
    {
        await TeamsChangedAsync(w);
        var agent = await w.AgentAsync(agentId);
        w.Touched = true;
        w.State.Index.Upsert(AgentSnapshot.From(agent, w.State.LoadOf(agentId)));
        // A new agent may already be in a rotation, or have moved to a team with other hours. The rotations and hours in
        // memory are the stored ones (every edit of them goes through SchedulesChangedAsync), so only the flags are worked out again.
        ScheduleChanges.Apply(w.State, w.Now);
        if (!w.State.Agents.TryGetValue(agentId, out var entry))
        {
            entry = new AgentEntry(agentId, agent.DisplayName, agent.TeamId) { DisconnectedAt = w.Now };
            w.State.Agents[agentId] = entry;
            if (!agent.IsUnavailable) w.State.Schedule(DueKind.PresenceGrace, w.Now + w.State.Grace, agentId: agentId);
        }
        entry.Name = agent.DisplayName;
        entry.TeamId = agent.TeamId;
        // A move to another team compares the agent's outcomes with the new team's.
        learning.Refresh(w.State);
        w.Events.Add(w.PresenceEvent(entry, automatic: false));
        await placement.FillAgentAsync(w, agentId);
        return true;
    }
}
