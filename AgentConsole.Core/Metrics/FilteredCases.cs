using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// The cases a <see cref="MetricsFilter"/> covers, as a store query: opened in the range (and in its
/// local hour of day), of its category (as the resolving agent confirmed it, else as classified),
/// customer tier, channel, team (of the agent who holds or resolved the case, else the team it was
/// transferred to) and skill, the same selection as the other history figures make.
/// </summary>
internal static class FilteredCases
{
    public static IQueryable<Case> Of(AgentConsoleDbContext db, MetricsFilter filter)
    {
        var query = LocalHourWindows.InRangeAndHour(db.Cases.AsNoTracking(), k => k.OpenedAt, filter);
        if (filter.Channel is { } channel) query = query.Where(k => k.Conversation!.Channel == channel);
        if (filter.Tier is { } tier) query = query.Where(k => k.Conversation!.Customer!.Tier == tier);
        if (filter.Category is { } category) query = query.Where(k => (k.ResolvedCategory ?? k.Category) == category);
        return OfTeamAndSkill(query, filter);
    }

    /// <summary>
    /// <paramref name="query"/> narrowed to the filter's team (the assigned agent's, else the case's
    /// routing team) and skill only: what decides whether a conversation's case counts as its escalation.
    /// </summary>
    public static IQueryable<Case> OfTeamAndSkill(IQueryable<Case> query, MetricsFilter filter)
    {
        if (filter.TeamId is { } team)
            query = query.Where(k => (k.AssignedAgentId != null ? (Guid?)k.AssignedAgent!.TeamId : k.TeamId) == team);
        if (filter.Skill is { } skill) query = query.Where(k => k.RequiredSkill == skill);
        return query;
    }
}
