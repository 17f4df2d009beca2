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

    private sealed record AgentFacts(Presence Presence, int Load, DateTime? LastAssignedAt, DateTime? UnavailableSince, bool AwayForDisconnect,
        DateTime? GraceEndsAt, bool GraceArmed);

    private sealed record CaseFacts(CaseStatus Status, Guid? Holder, DateTime? AssignedAt, bool CapacityOverride, Guid? TeamId, string ExcludedAgents,
        string Route, DateTime? OfferExpiresAt, bool OfferExpiryArmed, DateTime? FirstReplyDueAt, bool FirstReplyArmed, DateTime? HoldEndsAt, bool HoldArmed,
        string? FiledInQueueAs);

    private sealed record OutcomeFacts(int Cases, long TotalSeconds, int FirstContact, int Ratings, long TotalCsat);

    /// <summary>Each difference as "what: memory …, store …"; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(RoutingState memory, RoutingState store, DateTime now)
    {
        var differences = new List<string>();
        // Agents go by memory's names: a rename stored but not yet announced is not drift.
        Compare("agent", Agents(memory, memory), Agents(store, memory), differences);
        Compare("case", Cases(memory), Cases(store), differences);
        Compare("outcome", Outcomes(memory, memory), Outcomes(store, memory), differences);
        var order = (Memory: Order(memory, now), Store: Order(store, now));
        if (order.Memory != order.Store) differences.Add($"queue order: memory [{order.Memory}], store [{order.Store}]");
        return differences;
    }

    private static Dictionary<string, AgentFacts> Agents(RoutingState state, RoutingState names)
    {
        var armed = Armed(state);
        var facts = new Dictionary<string, AgentFacts>(StringComparer.Ordinal);
        foreach (var agent in state.Index.Agents)
        {
            var entry = state.Agents.GetValueOrDefault(agent.Id);
            // Present but with no live connection: the grace must be running.
            var graceEndsAt = entry is { Connections: 0, UnavailableSince: null } ? entry.DisconnectedAt + state.Grace : null;
            facts[$"{names.NameOf(agent.Id) ?? agent.Name} ({agent.Id})"] = new AgentFacts(agent.Presence, agent.Load, agent.LastAssignedAt, entry?.UnavailableSince,
                entry?.AwayForDisconnect ?? false, graceEndsAt, graceEndsAt is { } at && armed.Contains(new DueItem(DueKind.PresenceGrace, 0, agent.Id, at)));
        }
        return facts;
    }

    private static Dictionary<string, CaseFacts> Cases(RoutingState state)
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

    private static Dictionary<string, OutcomeFacts> Outcomes(RoutingState state, RoutingState names) =>
        state.Outcomes.Records.ToDictionary(r => $"{names.NameOf(r.Key.Agent) ?? r.Key.Agent.ToString()} ({r.Key.Agent}) {r.Key.Category}",
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

    private static string Order(RoutingState state, DateTime now) => string.Join(", ", state.Queue.Ordered(now).Select(c => c.CaseId));

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
