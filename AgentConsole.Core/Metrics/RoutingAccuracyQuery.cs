using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Metrics.Facts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// Routing accuracy from the case event log, for the cases a <see cref="MetricsFilter"/> covers that
/// were resolved and had an agent assigned (cases count by when they opened, as in the other history figures).
/// <list type="bullet">
/// <item>The <b>first assigned agent</b> is the agent of the case's first assignment: its first
/// <see cref="CaseEventType.Accepted"/> entry (an accepted offer or an auto-assignment), or a lead's
/// <see cref="CaseEventType.Reassigned"/> of a waiting case to an agent, whichever came first.</item>
/// <item>A case is <b>resolved by its first agent</b> when, after that first assignment, its log has no
/// <see cref="CaseEventType.Transferred"/>, <see cref="CaseEventType.Reassigned"/>,
/// <see cref="CaseEventType.ToEngineering"/>, <see cref="CaseEventType.Reclaimed"/> or
/// <see cref="CaseEventType.HoldExpired"/> entry: it never left that agent before it was resolved.
/// Declines and offer timeouts before the first assignment do not count against it.</item>
/// <item>A case is <b>resolved at first contact</b> when it was resolved by its first agent and its
/// conversation did not escalate again (no later case of the same conversation opened) within
/// <see cref="MetricsOptions.ReopenWindowDays"/> days of the resolution.</item>
/// </list>
/// By category the case counts under the category its resolving agent confirmed, else the classifier's;
/// by agent under its first assigned agent, whose routing the figure judges. The store groups the cases;
/// only one row per category, agent and outcome comes back.
/// </summary>
public class RoutingAccuracyQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory, IOptions<MetricsOptions> options)
{
    /// <summary>The most cases a drill-down lists, the latest first.</summary>
    public const int DrillDownLimit = 500;

    /// <summary>Routing accuracy overall, by category and by first assigned agent.</summary>
    public virtual async Task<RoutingAccuracyFigure> ReportAsync(MetricsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await FactsCatchUp.OpenCurrentAsync(dbFactory, options.Value, cancellationToken);
        // The day rollups keep the cases per category, first agent and outcome, with the reopen window they were built for.
        var groups = await FactRollups.ServeAsync(db, filter, options.Value, cancellationToken) && FilteredRollups.ServeCases(filter)
            ? await FilteredRollups.Cases(db.CaseDayRouting, filter)
                .GroupBy(r => new { r.Category, r.FirstAgentId, r.Kept, r.FirstContact })
                .Select(g => new OutcomeGroup(g.Key.Category, g.Key.FirstAgentId, g.Key.Kept, g.Key.FirstContact, g.Sum(r => r.Cases)))
                .ToListAsync(cancellationToken)
            : await Outcomes(db, filter)
                .GroupBy(c => new { c.Category, c.AgentId, c.FirstAgent, c.FirstContact })
                .Select(g => new OutcomeGroup(g.Key.Category, g.Key.AgentId, g.Key.FirstAgent, g.Key.FirstContact, g.Count()))
                .ToListAsync(cancellationToken);

        var agentIds = groups.Select(g => AgentIdOf(g.AgentId)).Where(id => id is not null).Select(id => id!.Value).Distinct().ToList();
        var names = await db.Agents.AsNoTracking().Where(a => agentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, cancellationToken);

        var outcomes = groups.Select(g => (g.Category, g.AgentId, g.FirstAgent, g.FirstContact, g.Cases)).ToList();
        var byCategory = outcomes.GroupBy(o => o.Category).OrderBy(g => g.Key).Select(g => new CategoryRouting(g.Key, Shares(g))).ToList();
        var byAgent = outcomes.GroupBy(o => o.AgentId)
            .Select(g => AgentIdOf(g.Key) is { } id ? new AgentRouting(id, names.GetValueOrDefault(id, "Unknown agent"), Shares(g)) : null)
            .OfType<AgentRouting>()
            .OrderBy(a => a.AgentName, StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.AgentId)
            .ToList();
        return new RoutingAccuracyFigure(Shares(outcomes), byCategory, byAgent, options.Value.ReopenWindowDays);
    }

    /// <summary>
    /// The cases behind a figure, the latest first (at most <see cref="DrillDownLimit"/>): every case
    /// counted, or only those of <paramref name="category"/> or first assigned to <paramref name="agentId"/>.
    /// </summary>
    public virtual async Task<IReadOnlyList<RoutedCase>> CasesAsync(MetricsFilter filter, IssueCategory? category = null, Guid? agentId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await FactsCatchUp.OpenCurrentAsync(dbFactory, options.Value, cancellationToken);
        var query = Outcomes(db, filter);
        if (category is { } c) query = query.Where(o => o.Category == c);
        if (agentId is { } a)
        {
            var text = a.ToString();
            query = query.Where(o => o.AgentId == text);
        }
        return await query.OrderByDescending(o => o.CaseId).Take(DrillDownLimit)
            .Select(o => new RoutedCase(o.CaseId, o.FirstAgent, o.FirstContact))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The cases of one category, first agent and outcome.</summary>
    private sealed record OutcomeGroup(IssueCategory Category, string? AgentId, bool FirstAgent, bool FirstContact, int Cases);

    // A class with settable members rather than a positional record, so the store can keep composing on its members.
    private sealed class Outcome
    {
        public long CaseId { get; init; }
        public IssueCategory Category { get; init; }
        public string? AgentId { get; init; }
        public bool FirstAgent { get; init; }
        public bool FirstContact { get; init; }
    }

    /// <summary>
    /// The resolved cases among <paramref name="cases"/> that were resolved at first contact by the rule
    /// this query counts: kept by their first assigned agent, and their conversation not escalated again
    /// within <paramref name="reopenWindowDays"/> days. The funnel and the drill-downs use it.
    /// </summary>
    internal static IQueryable<CaseFact> ResolvedAtFirstContact(IQueryable<CaseFact> cases, int reopenWindowDays)
    {
        var window = WindowTicks(reopenWindowDays);
        return cases.Where(k => k.ResolvedAt != null && k.Kept && (k.ReopenTicks == null || k.ReopenTicks >= window));
    }

    /// <summary>The reopen window in ticks, which <see cref="CaseFact.ReopenTicks"/> is compared with.</summary>
    internal static long WindowTicks(int reopenWindowDays) => reopenWindowDays * TimeSpan.TicksPerDay;

    // The first assignment, whether the case stayed with that agent and how long after its resolution
    // the conversation escalated again are kept per case by the store (CaseFact); only the reopen window is applied here.
    private IQueryable<Outcome> Outcomes(AgentConsoleDbContext db, MetricsFilter filter)
    {
        var window = WindowTicks(options.Value.ReopenWindowDays);
        return FilteredCases.Of(db, filter)
            .Where(k => k.ResolvedAt != null && k.Assigned)
            .Select(k => new Outcome
            {
                CaseId = k.CaseId,
                Category = k.Category,
                AgentId = k.FirstAgentId,
                FirstAgent = k.Kept,
                FirstContact = k.Kept && (k.ReopenTicks == null || k.ReopenTicks >= window),
            });
    }

    private static RoutingShares Shares(IEnumerable<(IssueCategory Category, string? AgentId, bool FirstAgent, bool FirstContact, int Cases)> outcomes)
    {
        var list = outcomes.ToList();
        var all = list.Sum(o => o.Cases);
        return new RoutingShares(new Rate(list.Where(o => o.FirstAgent).Sum(o => o.Cases), all), new Rate(list.Where(o => o.FirstContact).Sum(o => o.Cases), all));
    }

    private static Guid? AgentIdOf(string? text) => Guid.TryParse(text, out var id) ? id : null;
}
