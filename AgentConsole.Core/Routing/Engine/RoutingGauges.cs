namespace AgentConsole.Core.Routing.Engine;

/// <summary>How many cases wait in the queue for a skill, held for a team (or <see cref="RoutingGauges.AnyTeam"/>).</summary>
public readonly record struct QueueDepthReading(string Team, Skill Skill, int Cases);

/// <summary>How many of a team's agents are connected with a presence.</summary>
public readonly record struct AgentsOnlineReading(string Team, Presence Presence, int Agents);

/// <summary>
/// The engine's live figures for operations telemetry, read on its loop: queue depth by team and
/// skill, and connected agents by team and presence. Every combination is listed, zeros included,
/// so a gauge falls to zero rather than vanishing when its last case leaves.
/// </summary>
/// <param name="QueueDepth">Queued cases by the team they are held for and the skill they need.</param>
/// <param name="AgentsOnline">Agents with at least one live connection, by team and presence.</param>
public sealed record RoutingGauges(IReadOnlyList<QueueDepthReading> QueueDepth, IReadOnlyList<AgentsOnlineReading> AgentsOnline)
{
    /// <summary>The team of a queued case any team may take: one not transferred to a team.</summary>
    public const string AnyTeam = "any";

    internal static RoutingGauges Of(RoutingState state)
    {
        var teams = state.Teams.Values.Select(t => (t.Id, t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        string TeamName(Guid? id) => id is { } team && state.Teams.TryGetValue(team, out var entry) ? entry.Name : AnyTeam;

        var queued = state.Queue.Cases.CountBy(c => (TeamName(c.TeamId), c.RequiredSkill)).ToDictionary();
        var depth = new List<QueueDepthReading>();
        foreach (var team in teams.Select(t => t.Name).Prepend(AnyTeam))
            foreach (var skill in Enum.GetValues<Skill>())
                depth.Add(new QueueDepthReading(team, skill, queued.GetValueOrDefault((team, skill))));

        var connected = state.Index.Agents.Where(a => state.Agents.GetValueOrDefault(a.Id)?.Connections > 0)
            .CountBy(a => (a.TeamId, a.Presence)).ToDictionary();
        var online = new List<AgentsOnlineReading>();
        foreach (var (id, name) in teams)
            foreach (var presence in Enum.GetValues<Presence>())
                online.Add(new AgentsOnlineReading(name, presence, connected.GetValueOrDefault((id, presence))));
        return new RoutingGauges(depth, online);
    }
}
