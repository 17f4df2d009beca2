using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Metrics;

/// <summary>How many queued cases share a category and a tier.</summary>
public sealed record QueueCell(IssueCategory Category, AgentTier Tier, int Count);

/// <summary>
/// The dashboard's live figures, computed from a routing snapshot: the queue's depth by category
/// and tier, its longest wait, the cases in offer and in work, and the agents online, split into
/// those who can take a case now, those who are busy, and those who are away.
/// </summary>
/// <param name="At">The instant waits were measured at.</param>
/// <param name="QueueDepth">Cases waiting in the queue.</param>
/// <param name="ByCategoryAndTier">The non-empty cells of the queue by category and the tier the case needs.</param>
/// <param name="LongestWait">How long the longest-waiting queued case has waited, if any waits.</param>
/// <param name="LongestWaitingCaseId">That case.</param>
/// <param name="Offered">Cases offered and not yet answered.</param>
/// <param name="Assigned">Cases assigned to an agent.</param>
/// <param name="AgentsOnline">Agents with at least one live connection.</param>
/// <param name="AgentsAvailable">Online agents who are Available and below capacity.</param>
/// <param name="AgentsBusy">Online agents who are Busy or in a meeting, or at capacity.</param>
/// <param name="AgentsAway">Online agents who set themselves Away or Offline.</param>
/// <param name="AgentsTotal">All agents the engine knows.</param>
public sealed record LiveFigures(
    DateTime At,
    int QueueDepth,
    IReadOnlyList<QueueCell> ByCategoryAndTier,
    TimeSpan? LongestWait,
    long? LongestWaitingCaseId,
    int Offered,
    int Assigned,
    int AgentsOnline,
    int AgentsAvailable,
    int AgentsBusy,
    int AgentsAway,
    int AgentsTotal)
{
    /// <summary>Queue depth per category, for the categories that have queued cases.</summary>
    public IReadOnlyDictionary<IssueCategory, int> ByCategory =>
        ByCategoryAndTier.GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));

    /// <summary>Queue depth per tier, for the tiers that have queued cases.</summary>
    public IReadOnlyDictionary<AgentTier, int> ByTier =>
        ByCategoryAndTier.GroupBy(c => c.Tier).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));

    /// <summary>The live figures of <paramref name="snapshot"/>, with waits measured at <paramref name="now"/>.</summary>
    public static LiveFigures From(RoutingSnapshot snapshot, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var queued = snapshot.Cases.Where(c => c.Status == CaseStatus.Queued).ToList();
        var cells = queued.GroupBy(c => (c.Card.Category, c.Card.Tier))
            .Select(g => new QueueCell(g.Key.Category, g.Key.Tier, g.Count()))
            .OrderBy(c => c.Category).ThenBy(c => c.Tier).ToList();
        var longest = queued.MinBy(c => c.Card.QueuedAt);
        var online = snapshot.Agents.Where(a => a.Connections > 0).ToList();
        var away = online.Count(a => a.Presence is Presence.Away or Presence.Offline);
        var available = online.Count(a => a.Presence == Presence.Available && a.Load < a.Capacity);
        return new LiveFigures(now, queued.Count, cells,
            longest is null ? null : SlaRisk.WaitOf(longest.Card, now), longest?.Id,
            snapshot.Cases.Count(c => c.Status == CaseStatus.Offered), snapshot.Cases.Count(c => c.Status == CaseStatus.Assigned),
            online.Count, available, online.Count - available - away, away, snapshot.Agents.Count);
    }
}
