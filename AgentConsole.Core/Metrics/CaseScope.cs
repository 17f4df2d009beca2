using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// The cases and conversations a <see cref="MetricsFilter"/> selects, as store queries: the
/// range, category, tier, channel, team and skill go to SQL. The local hour of day depends on each
/// day's UTC offset, so callers apply <see cref="MetricsFilter.InHour"/> to what they project.
/// </summary>
internal static class CaseScope
{
    /// <summary>The cases opened in the range that match every other part of the filter but the hour.</summary>
    public static IQueryable<Case> Cases(AgentConsoleDbContext db, MetricsFilter filter)
    {
        var (start, end) = (filter.UtcStart, filter.UtcEnd);
        var query = db.Cases.AsNoTracking().Where(k => k.OpenedAt >= start && k.OpenedAt < end);
        if (filter.TeamId is { } team)
            query = query.Where(k => (k.AssignedAgentId != null ? (Guid?)k.AssignedAgent!.TeamId : k.TeamId) == team);
        if (filter.Skill is { } skill) query = query.Where(k => k.RequiredSkill == skill);
        if (filter.Channel is { } channel) query = query.Where(k => k.Conversation!.Channel == channel);
        if (filter.Tier is { } tier) query = query.Where(k => k.Conversation!.Customer!.Tier == tier);
        if (filter.Category is { } category) query = query.Where(k => (k.ResolvedCategory ?? k.Category) == category);
        return query;
    }

    /// <summary>
    /// The conversations that started in the range on the filter's channel and tier, less the cases
    /// opened directly (email, phone): those were never the bot's to keep or escalate.
    /// </summary>
    public static IQueryable<Conversation> Conversations(AgentConsoleDbContext db, MetricsFilter filter)
    {
        var (start, end) = (filter.UtcStart, filter.UtcEnd);
        var query = db.Conversations.AsNoTracking().Where(c => c.CreatedAt >= start && c.CreatedAt < end
            && !db.InboundEvents.Any(e => e.ConversationId == c.Id && e.Type == CaseOpenedDirectlyEvent.TypeName));
        if (filter.Channel is { } channel) query = query.Where(c => c.Channel == channel);
        if (filter.Tier is { } tier) query = query.Where(c => c.Customer!.Tier == tier);
        return query;
    }
}
