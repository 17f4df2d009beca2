using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// The conversations a <see cref="MetricsFilter"/> selects, as a store query (the cases' twin is
/// <see cref="FilteredCases"/>): the range, tier and channel go to SQL. The local hour of day
/// depends on each day's UTC offset, so callers apply <see cref="MetricsFilter.InHour"/> to what they project.
/// </summary>
internal static class FilteredConversations
{
    /// <summary>
    /// The conversations that started in the range on the filter's channel and tier, less the cases
    /// opened directly (email, phone): those were never the bot's to keep or escalate.
    /// </summary>
    public static IQueryable<Conversation> Of(AgentConsoleDbContext db, MetricsFilter filter)
    {
        var (start, end) = (filter.UtcStart, filter.UtcEnd);
        var query = db.Conversations.AsNoTracking().Where(c => c.CreatedAt >= start && c.CreatedAt < end
            && !db.InboundEvents.Any(e => e.ConversationId == c.Id && e.Type == CaseOpenedDirectlyEvent.TypeName));
        if (filter.Channel is { } channel) query = query.Where(c => c.Channel == channel);
        if (filter.Tier is { } tier) query = query.Where(c => c.Customer!.Tier == tier);
        return query;
    }
}
