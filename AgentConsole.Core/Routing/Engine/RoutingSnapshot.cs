using AgentConsole.Core.Cases;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>An agent as the engine holds them.</summary>
public sealed record AgentState(Guid Id, string Name, Guid TeamId, AgentTier Tier, Presence Presence, int Load, int Capacity, bool OnCall,
    int Connections, DateTime? UnavailableSince, DateTime? LastAssignedAt);

/// <summary>An open case as the engine holds it.</summary>
public sealed record CaseState(long Id, CaseStatus Status, Guid? Holder, DateTime? OfferExpiresAt, DateTime? FirstReplyDueAt, bool CapacityOverride,
    IReadOnlySet<Guid> ExcludedAgents, Guid? TeamId, CaseCard Card);

/// <summary>A consistent copy of the engine's state at one instant: agents, open cases and the queue in order.</summary>
public sealed record RoutingSnapshot(DateTime At, IReadOnlyList<AgentState> Agents, IReadOnlyList<CaseState> Cases, IReadOnlyList<long> QueueOrder)
{
    internal static RoutingSnapshot Of(RoutingState state, DateTime now)
    {
        var agents = state.Index.Agents.Select(a =>
        {
            var entry = state.Agents.GetValueOrDefault(a.Id);
            return new AgentState(a.Id, a.Name, a.TeamId, a.Tier, a.Presence, a.Load, a.Capacity, a.OnCall, entry?.Connections ?? 0, entry?.UnavailableSince, a.LastAssignedAt);
        }).OrderBy(a => a.Name).ToList();
        var cases = state.Cases.Values.Select(c => new CaseState(c.Id, c.Status, c.Holder, c.OfferExpiresAt, c.FirstReplyDueAt, c.CapacityOverride,
            c.Route.ExcludedAgents, c.Route.TeamId, c.Card)).OrderBy(c => c.Id).ToList();
        return new RoutingSnapshot(now, agents, cases, state.Queue.Ordered(now).Select(c => c.CaseId).ToList());
    }
}
