using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics.Facts;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// The cases a <see cref="MetricsFilter"/> covers, as a query over their <see cref="CaseFact"/> rows:
/// opened in the range (and in its local hour of day), of its category (as the resolving agent
/// confirmed it, else as classified), customer tier, channel, team (of the agent who holds or
/// resolved the case, else the team it was transferred to) and skill, the same selection as the
/// other history figures make.
/// </summary>
internal static class FilteredCases
{
    public static IQueryable<CaseFact> Of(AgentConsoleDbContext db, MetricsFilter filter)
    {
        var query = LocalHourWindows.InRangeAndHour(db.CaseFacts.AsNoTracking(), k => k.OpenedAt, filter);
        if (filter.Channel is { } channel) query = query.Where(k => k.Channel == channel);
        if (filter.Tier is { } tier) query = query.Where(k => k.Tier == tier);
        if (filter.Category is { } category) query = query.Where(k => k.Category == category);
        return OfTeamAndSkill(query, filter);
    }

    /// <summary>
    /// <paramref name="query"/> narrowed to the filter's team (the assigned agent's, else the case's
    /// routing team) and skill only: what decides whether a conversation's case counts as its escalation.
    /// </summary>
    public static IQueryable<CaseFact> OfTeamAndSkill(IQueryable<CaseFact> query, MetricsFilter filter)
    {
        if (filter.TeamId is { } team) query = query.Where(k => k.TeamId == team);
        if (filter.Skill is { } skill) query = query.Where(k => k.Skill == skill);
        return query;
    }

    /// <summary>Whether the filter narrows by team or skill, so a conversation's escalation is one of its cases of that team and skill.</summary>
    public static bool NarrowsCases(MetricsFilter filter) => filter.TeamId is not null || filter.Skill is not null;
}
