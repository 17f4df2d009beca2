using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Metrics.Facts;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// Context use: which parts of the case page agents open before they answer, so the briefing can
/// lose what nobody reads and gain what agents look for. A <b>worked case</b> is a case the
/// <see cref="MetricsFilter"/> covers (cases count by when they opened) and an agent who replied on
/// it; the agent's first <see cref="CaseEventType.Replied"/> entry on the case is their first reply.
/// An element counts as opened before the first reply when the agent's <see cref="ContextOpening"/>
/// of it on that case is no later than that entry. The store groups by element; one row per element comes back.
/// </summary>
public class ContextUseQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>The most cases a drill-down lists, the latest first.</summary>
    public const int DrillDownLimit = 500;

    /// <summary>Every element of the catalogue with the share of worked cases it was opened on, before the first reply and at all.</summary>
    public virtual async Task<ContextUseFigure> ReportAsync(MetricsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await FactsCatchUp.OpenCurrentAsync(dbFactory, cancellationToken);
        var worked = WorkedCases(db, filter);
        var workedCount = await worked.CountAsync(cancellationToken);
        var counts = await (
                from w in worked
                join o in db.ContextOpenings on new { w.CaseId, AgentId = w.ActorId } equals new { o.CaseId, AgentId = (string?)o.AgentId }
                group o.OpenedAt <= w.FirstReplyAt by o.ElementKey into g
                select new { Key = g.Key, AtAll = g.Count(), Before = g.Count(before => before) })
            .ToDictionaryAsync(x => x.Key, cancellationToken);
        var elements = ContextElements.All
            .Select(e => counts.TryGetValue(e.Key, out var n)
                ? new ElementUse(e, new Rate(n.Before, workedCount), new Rate(n.AtAll, workedCount))
                : new ElementUse(e, new Rate(0, workedCount), new Rate(0, workedCount)))
            .OrderByDescending(u => u.BeforeFirstReply.Count).ThenByDescending(u => u.AtAll.Count)
            .ToList();
        return new ContextUseFigure(workedCount, elements);
    }

    /// <summary>The worked cases on which the element <paramref name="elementKey"/> was opened, the latest first (at most <see cref="DrillDownLimit"/>).</summary>
    /// <exception cref="DomainException">The key is not in <see cref="ContextElements"/>.</exception>
    public virtual async Task<IReadOnlyList<ContextUseCase>> CasesAsync(MetricsFilter filter, string elementKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var element = ContextElements.Find(elementKey) ?? throw new DomainException($"Unknown context element '{elementKey}'.");
        await using var db = await FactsCatchUp.OpenCurrentAsync(dbFactory, cancellationToken);
        return await (
                from w in WorkedCases(db, filter)
                join o in db.ContextOpenings on new { w.CaseId, AgentId = w.ActorId } equals new { o.CaseId, AgentId = (string?)o.AgentId }
                where o.ElementKey == element.Key
                orderby w.CaseId descending, o.AgentId
                select new ContextUseCase(w.CaseId, o.AgentId, o.OpenedAt <= w.FirstReplyAt))
            .Take(DrillDownLimit)
            .ToListAsync(cancellationToken);
    }

    private sealed class Worked
    {
        public long CaseId { get; init; }
        public string? ActorId { get; init; }
        public DateTime FirstReplyAt { get; init; }
    }

    // Each agent's first reply per case is kept by the store (CaseReply): the range's cases are walked
    // in their time order and each one's replies looked up by its key.
    private static IQueryable<Worked> WorkedCases(AgentConsoleDbContext db, MetricsFilter filter) =>
        from k in FilteredCases.Of(db, filter)
        join r in db.CaseReplies on k.CaseId equals r.CaseId
        select new Worked { CaseId = r.CaseId, ActorId = r.AgentId, FirstReplyAt = r.FirstReplyAt };
}
