using System.Globalization;
using AgentConsole.Core.Cases;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// Compares the engine's memory with a state freshly rebuilt from the store, in what the engine
/// owns: each agent's presence, unavailability, load and latest assignment; each open case's
/// status, holder, deadlines, exclusions, team and route; the queue's members (as filed) and
/// order; and the deadlines that matter (every offer expiry, first reply, hold and presence grace
/// the state needs is armed); and the outcome records per agent and category. What others edit and then announce (names, skills, capacity, teams,
/// customers) is not compared.
/// </summary>
internal static class StateDriftCheck
{
    private const string None = "(none)";

    internal sealed record AgentFacts(Presence Presence, int Load, DateTime? LastAssignedAt, DateTime? UnavailableSince, bool AwayForDisconnect,
        DateTime? GraceEndsAt, bool GraceArmed);

    internal sealed record CaseFacts(CaseStatus Status, Guid? Holder, DateTime? AssignedAt, bool CapacityOverride, Guid? TeamId, string ExcludedAgents,
        string Route, DateTime? OfferExpiresAt, bool OfferExpiryArmed, DateTime? FirstReplyDueAt, bool FirstReplyArmed, DateTime? HoldEndsAt, bool HoldArmed,
        string? FiledInQueueAs);

    internal sealed record OutcomeFacts(int Cases, long TotalSeconds, int FirstContact, int Ratings, long TotalCsat);

    /// <summary>
    /// What a state holds, in the terms compared: a copy that no later change of the state reaches, so
    /// memory's can be taken on the engine's loop and compared off it.
    /// </summary>
    internal sealed class Facts
    {
        internal Facts(RoutingState state, Func<Guid, string?> nameOf, DateTime now)
        {
            Agents = AgentsOf(state, nameOf);
            Cases = CasesOf(state);
            Outcomes = OutcomesOf(state, nameOf);
            Order = OrderOf(state, now);
        }

        internal Dictionary<string, AgentFacts> Agents { get; }
        internal Dictionary<string, CaseFacts> Cases { get; }
        internal Dictionary<string, OutcomeFacts> Outcomes { get; }
        internal string Order { get; }
    }

    /// <summary>
    /// The facts of <paramref name="state"/> at <paramref name="now"/>; agents and outcomes are keyed by
    /// the names <paramref name="nameOf"/> gives (memory's), so a rename stored but not yet announced is not drift.
    /// </summary>
    public static Facts Of(RoutingState state, Func<Guid, string?> nameOf, DateTime now) => new(state, nameOf, now);

    /// <summary>Each difference as "what: memory …, store …"; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(Facts memory, Facts store)
    {
        var differences = new List<string>();
        Compare("agent", memory.Agents, store.Agents, differences);
        Compare("case", memory.Cases, store.Cases, differences);
        Compare("outcome", memory.Outcomes, store.Outcomes, differences);
        if (memory.Order != store.Order) differences.Add($"queue order: memory [{memory.Order}], store [{store.Order}]");
        return differences;
    }

    /// <summary>Each difference between <paramref name="memory"/> and <paramref name="store"/> at <paramref name="now"/>.</summary>
    public static IReadOnlyList<string> Differences(RoutingState memory, RoutingState store, DateTime now) =>
        Differences(Of(memory, id => memory.NameOf(id), now), Of(store, id => memory.NameOf(id), now));

    private static Dictionary<string, AgentFacts> AgentsOf(RoutingState state, Func<Guid, string?> nameOf)
    {
        var armed = Armed(state);
        var facts = new Dictionary<string, AgentFacts>(StringComparer.Ordinal);
        foreach (var agent in state.Index.Agents)
        {
            var entry = state.Agents.GetValueOrDefault(agent.Id);
            // Present but with no live connection: the grace must be running.
            var graceEndsAt = entry is { Connections: 0, UnavailableSince: null } ? entry.DisconnectedAt + state.Grace : null;
            facts[$"{nameOf(agent.Id) ?? agent.Name} ({agent.Id})"] = new AgentFacts(agent.Presence, agent.Load, agent.LastAssignedAt, entry?.UnavailableSince,
                entry?.AwayForDisconnect ?? false, graceEndsAt, graceEndsAt is { } at && armed.Contains(new DueItem(DueKind.PresenceGrace, 0, agent.Id, at)));
        }
        return facts;
    }

    private static Dictionary<string, CaseFacts> CasesOf(RoutingState state)
    {
        var armed = Armed(state);
        var facts = new Dictionary<string, CaseFacts>(StringComparer.Ordinal);
        foreach (var open in state.Cases.Values)
        {
            var route = open.Route;
            var offerExpiry = open.Status == CaseStatus.Offered ? open.OfferExpiresAt : null;
            var firstReply = open.Status == CaseStatus.Assigned ? open.FirstReplyDueAt : null;
            var holdEnds = state.HoldEndsAt(open);
            facts[open.Id.ToString(CultureInfo.InvariantCulture)] = new CaseFacts(open.Status, open.Holder, open.AssignedAt, open.CapacityOverride, route.TeamId,
                Excluded(route.ExcludedAgents), Describe(route),
                open.OfferExpiresAt, offerExpiry is { } expires && armed.Contains(new DueItem(DueKind.OfferExpiry, open.Id, default, expires)),
                open.FirstReplyDueAt, firstReply is { } due && armed.Contains(new DueItem(DueKind.FirstReply, open.Id, default, due)),
                holdEnds, holdEnds is { } ends && armed.Contains(new DueItem(DueKind.HoldExpiry, 0, open.Holder!.Value, ends)),
                state.Queue.TryGet(open.Id, out var filed) ? $"{Describe(filed)}, excluding [{Excluded(filed.ExcludedAgents)}]" : null);
        }
        return facts;
    }

    private static Dictionary<string, OutcomeFacts> OutcomesOf(RoutingState state, Func<Guid, string?> nameOf) =>
        state.Outcomes.Records.ToDictionary(r => $"{nameOf(r.Key.Agent) ?? r.Key.Agent.ToString()} ({r.Key.Agent}) {r.Key.Category}",
            r => new OutcomeFacts(r.Value.Cases, r.Value.TotalSeconds, r.Value.FirstContact, r.Value.Ratings, r.Value.TotalCsat), StringComparer.Ordinal);

    private static HashSet<DueItem> Armed(RoutingState state) => [.. state.Due.UnorderedItems.Select(x => x.Element)];

    private static void Compare<T>(string what, Dictionary<string, T> memory, Dictionary<string, T> store, List<string> differences) where T : notnull
    {
        foreach (var key in memory.Keys.Union(store.Keys).Order(StringComparer.Ordinal))
        {
            var inMemory = memory.GetValueOrDefault(key);
            var stored = store.GetValueOrDefault(key);
            if (inMemory is null || stored is null)
            {
                differences.Add($"{what} {key}: memory {(inMemory is null ? None : "has it")}, store {(stored is null ? None : "has it")}");
                continue;
            }
            if (inMemory.Equals(stored)) continue;
            // Only a difference is spelled out, field by field.
            foreach (var property in typeof(T).GetProperties())
            {
                var (left, right) = (property.GetValue(inMemory), property.GetValue(stored));
                if (!Equals(left, right)) differences.Add($"{what} {key} {property.Name}: memory {Text(left)}, store {Text(right)}");
            }
        }
    }

    private static string OrderOf(RoutingState state, DateTime now) => string.Join(", ", state.Queue.Ordered(now).Select(c => c.CaseId));

    private static string Describe(Policy.CaseToRoute route) =>
        $"{route.Category}/{route.RequiredSkill}/{route.SuggestedTier}/{route.Priority} waiting since {Text(route.QueuedAt)}, team {Text(route.TeamId)}, dispute {route.IsDispute}";

    private static string Excluded(IReadOnlySet<Guid> agents) => agents.Count == 0 ? "" : string.Join(", ", agents.Order());

    private static string Text(object? value) => value switch
    {
        null => None,
        DateTime at => at.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? None,
    };
}
