using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;

namespace AgentConsole.Core.Metrics;

/// <summary>An open case as a team board row: the engine's state, its holder's name, wait and service-level standing.</summary>
/// <param name="State">The case as the engine holds it.</param>
/// <param name="HolderName">The agent it is offered or assigned to, if any.</param>
/// <param name="HolderTeamId">That agent's team.</param>
/// <param name="Wait">How long the customer has waited since the case first queued.</param>
/// <param name="Sla">The case's service-level standing.</param>
/// <param name="QueuePosition">The case's place in the whole queue (1 is next), while queued.</param>
public sealed record BoardCase(CaseState State, string? HolderName, Guid? HolderTeamId, TimeSpan Wait, SlaAssessment Sla, int? QueuePosition)
{
    public long Id => State.Id;
    public CaseCard Card => State.Card;
    public CaseStatus Status => State.Status;
}

/// <summary>An agent of the team as a board row: their live state, the cases they hold and the oldest of them.</summary>
/// <param name="Agent">The agent as the engine holds them.</param>
/// <param name="Offered">Cases offered to the agent and not yet answered.</param>
/// <param name="Assigned">Cases assigned to the agent.</param>
/// <param name="OldestCase">The held case that has waited longest, if any.</param>
public sealed record BoardAgent(AgentState Agent, int Offered, int Assigned, BoardCase? OldestCase)
{
    public Guid Id => Agent.Id;

    /// <summary>Whether the agent has a live console or hub connection.</summary>
    public bool Online => Agent.Connections > 0;

    /// <summary>Whether the agent holds as many cases as their capacity allows (or more, by an override).</summary>
    public bool AtCapacity => Agent.Load >= Agent.Capacity;
}

/// <summary>
/// A team lead's live view of one team, built from a routing snapshot: the cases the team may take
/// or holds, riskiest first, and the team's agents with their load and oldest case. The cases are
/// those <see cref="RoutingPermissions.MaySee"/> shows the team's lead: queued cases unrestricted or
/// restricted to the team, and offered or assigned cases held by the team's agents or restricted to
/// the team.
/// </summary>
/// <param name="TeamId">The team.</param>
/// <param name="At">The instant waits and deadlines were measured at.</param>
/// <param name="Cases">Riskiest first: breached, at risk, then by priority and longest wait.</param>
/// <param name="Agents">The team's agents by name.</param>
public sealed record TeamBoardView(Guid TeamId, DateTime At, IReadOnlyList<BoardCase> Cases, IReadOnlyList<BoardAgent> Agents)
{
    /// <summary>Cases waiting in the queue.</summary>
    public int Queued => Cases.Count(c => c.Status == CaseStatus.Queued);

    /// <summary>Cases offered and not yet answered.</summary>
    public int Offered => Cases.Count(c => c.Status == CaseStatus.Offered);

    /// <summary>Cases assigned to an agent.</summary>
    public int Assigned => Cases.Count(c => c.Status == CaseStatus.Assigned);

    /// <summary>Cases at risk or breached.</summary>
    public int AtRiskOrBreached => Cases.Count(c => c.Sla.Level != SlaLevel.Ok);

    /// <summary>
    /// Builds the board of <paramref name="teamId"/> from <paramref name="snapshot"/>, measuring at <paramref name="now"/>;
    /// with the team's <paramref name="hours"/>, waits count its business time.
    /// </summary>
    public static TeamBoardView Build(RoutingSnapshot snapshot, Guid teamId, DateTime now, SlaRiskOptions options, Schedules.BusinessCalendar? hours = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        var agents = snapshot.Agents.ToDictionary(a => a.Id);
        var positions = new Dictionary<long, int>(snapshot.QueueOrder.Count);
        for (var i = 0; i < snapshot.QueueOrder.Count; i++) positions[snapshot.QueueOrder[i]] = i + 1;

        var cases = new List<BoardCase>();
        foreach (var state in snapshot.Cases)
        {
            var holder = state.Holder is { } h ? agents.GetValueOrDefault(h) : null;
            var ours = state.Status == CaseStatus.Queued
                ? state.TeamId is null || state.TeamId == teamId
                : holder?.TeamId == teamId || state.TeamId == teamId;
            if (!ours) continue;
            cases.Add(new BoardCase(state, holder?.Name ?? state.Card.AgentName, holder?.TeamId, SlaRisk.WaitOf(state.Card, now, hours),
                SlaRisk.Assess(state, now, options, hours), positions.TryGetValue(state.Id, out var position) ? position : null));
        }
        cases.Sort((a, b) =>
        {
            var byLevel = b.Sla.Level.CompareTo(a.Sla.Level);
            if (byLevel != 0) return byLevel;
            var byPriority = b.Card.Priority.CompareTo(a.Card.Priority);
            if (byPriority != 0) return byPriority;
            var byWait = b.Wait.CompareTo(a.Wait);
            return byWait != 0 ? byWait : a.Id.CompareTo(b.Id);
        });

        var held = cases.Where(c => c.State.Holder is not null).ToLookup(c => c.State.Holder!.Value);
        var team = snapshot.Agents.Where(a => a.TeamId == teamId).OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).Select(a =>
        {
            var theirs = held[a.Id].ToList();
            return new BoardAgent(a, theirs.Count(c => c.Status == CaseStatus.Offered), theirs.Count(c => c.Status == CaseStatus.Assigned),
                theirs.MaxBy(c => c.Wait));
        }).ToList();
        return new TeamBoardView(teamId, now, cases, team);
    }
}
