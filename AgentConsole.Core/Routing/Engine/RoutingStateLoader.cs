using System.Collections.Immutable;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Policy;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// Builds the engine's state from the store: the teams, every agent with their load and
/// presence, every open case through the same projection the handlers use, the outcome records
/// of every resolved case, and the deadlines,
/// which are stored as instants so they fire as if there had been no restart. Connections live
/// only in memory: a rebuild keeps those of the state it replaces (on start there are none).
/// </summary>
internal sealed class RoutingStateLoader(RoutingPolicy policy)
{
    /// <summary>The tag on the drift check's reads of the store (an SQL comment), so they can be told apart in logs and traces.</summary>
    public const string ComparisonTag = "routing drift check";

    /// <summary>The whole state, for start-up and after a failed command.</summary>
    public async Task<RoutingState> LoadAsync(AgentConsoleDbContext db, RoutingState? before, DateTime now, CancellationToken cancellationToken)
    {
        var teams = await db.Teams.AsNoTracking().Select(t => new TeamEntry(t.Id, t.Name, t.AutoAssign, t.LeadAgentId)).ToListAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().ToListAsync(cancellationToken);
        var open = await db.Cases.AsNoTracking().Include(c => c.Conversation).ThenInclude(c => c!.Customer)
            .Where(c => c.Status != CaseStatus.Resolved).ToListAsync(cancellationToken);
        var outcomes = await OutcomeSamples.LoadAsync(db, caseId: null, cancellationToken);
        var helpers = await CustomerAffinity.LoadAsync(db, now.AddDays(-policy.Options.AffinityDays), cancellationToken);
        var companyOwners = await db.CompanyOwners.AsNoTracking().ToDictionaryAsync(o => o.Key, cancellationToken);
        var state = Build(teams, agents, open, outcomes, before?.Agents, now, helpers, companyOwners);
        // Who is on call and which teams are closed follow the schedules from the first instant, with the next change armed.
        await ScheduleChanges.ReloadAsync(db, state, cancellationToken);
        ScheduleChanges.Apply(state, now);
        return state;
    }

    /// <summary>
    /// The state as the store has it, to compare with memory as <paramref name="memory"/> saw it: the
    /// agents and the open cases memory knows, and any other case routing has placed. A case stored but
    /// not yet routed (its escalation's notice is still on its way) and an agent added but not yet
    /// announced are left out; their cards are not read, for they are not compared.
    /// </summary>
    public async Task<RoutingState> LoadForComparisonAsync(AgentConsoleDbContext db, ComparisonBasis memory, DateTime now, CancellationToken cancellationToken)
    {
        var agents = await db.Agents.AsNoTracking().TagWith(ComparisonTag).ToListAsync(cancellationToken);
        var open = await db.Cases.AsNoTracking().TagWith(ComparisonTag).Include(c => c.Conversation).ThenInclude(c => c!.Customer)
            .Where(c => c.Status != CaseStatus.Resolved).ToListAsync(cancellationToken);
        var outcomes = await OutcomeSamples.LoadAsync(db, caseId: null, cancellationToken);
        return Build(memory.Teams, [.. agents.Where(a => memory.Agents.ContainsKey(a.Id))],
            [.. open.Where(c => memory.CaseIds.Contains(c.Id) || c.RoutingSummary is not null)], outcomes, memory.Agents, now, memory.Helpers,
            await db.CompanyOwners.AsNoTracking().ToDictionaryAsync(o => o.Key, cancellationToken));
    }

    private RoutingState Build(IReadOnlyList<TeamEntry> teams, IReadOnlyList<Agent> agents, IReadOnlyList<Case> open, IReadOnlyList<OutcomeSample> outcomes,
        IReadOnlyDictionary<Guid, AgentEntry>? before, DateTime now, ImmutableDictionary<Guid, RecentHelper> helpers, IReadOnlyDictionary<string, CompanyOwner> companyOwners)
    {
        var state = new RoutingState(policy) { Helpers = helpers };
        foreach (var team in teams) state.Teams[team.Id] = team;
        foreach (var agent in agents)
        {
            state.Index.Upsert(AgentSnapshot.From(agent, load: 0));
            var previous = before?.GetValueOrDefault(agent.Id);
            var entry = new AgentEntry(agent.Id, agent.DisplayName, agent.TeamId)
            {
                // The moment is unknown for an agent stored unavailable without one: keep the one already in use.
                UnavailableSince = agent.IsUnavailable ? agent.UnavailableSince ?? previous?.UnavailableSince ?? now : null,
                AwayForDisconnect = agent.AwayForDisconnect,
                Connections = previous?.Connections ?? 0,
                DisconnectedAt = previous?.DisconnectedAt,
            };
            state.Agents[agent.Id] = entry;
            if (agent.IsUnavailable) state.Schedule(DueKind.HoldExpiry, entry.UnavailableSince!.Value + state.Hold, agentId: agent.Id);
            else if (entry.Connections == 0)
            {
                // Nobody is connected to a process that just started: those who do not reconnect within the grace become Away.
                entry.DisconnectedAt ??= now;
                state.Schedule(DueKind.PresenceGrace, entry.DisconnectedAt.Value + state.Grace, agentId: agent.Id);
            }
        }
        var changes = new StateChanges();
        foreach (var @case in open) state.Track(OpenCase.From(@case, state.NameOf(@case.HolderId), state.AccountOf(@case.Conversation?.Customer, CompanyOf(@case.Conversation?.Customer))), changes);
        foreach (var sample in outcomes) state.Outcomes.Record(sample);
        return state;

        CompanyOwner? CompanyOf(Customer? customer) => CompanyOwner.KeyOf(customer?.Company) is { } key ? companyOwners.GetValueOrDefault(key) : null;
    }
}

/// <summary>
/// What of the engine's memory a comparison with the store needs, copied on the engine's loop so the
/// store can be read off it: the teams, the agents (their live connections included), the open cases'
/// ids and the recent helpers.
/// </summary>
internal sealed class ComparisonBasis
{
    private ComparisonBasis(RoutingState memory)
    {
        Teams = [.. memory.Teams.Values];
        Agents = memory.Agents.ToDictionary(a => a.Key, a => new AgentEntry(a.Value.Id, a.Value.Name, a.Value.TeamId)
        {
            Connections = a.Value.Connections,
            DisconnectedAt = a.Value.DisconnectedAt,
            UnavailableSince = a.Value.UnavailableSince,
            AwayForDisconnect = a.Value.AwayForDisconnect,
        });
        CaseIds = new HashSet<long>(memory.Cases.Keys);
        Helpers = memory.Helpers;
    }

    public IReadOnlyList<TeamEntry> Teams { get; }
    public IReadOnlyDictionary<Guid, AgentEntry> Agents { get; }
    public IReadOnlySet<long> CaseIds { get; }
    public ImmutableDictionary<Guid, RecentHelper> Helpers { get; }

    /// <summary>An agent's name as memory had it.</summary>
    public string? NameOf(Guid agentId) => Agents.GetValueOrDefault(agentId)?.Name;

    /// <summary>A copy of what <paramref name="memory"/> holds now.</summary>
    public static ComparisonBasis Of(RoutingState memory) => new(memory);
}
