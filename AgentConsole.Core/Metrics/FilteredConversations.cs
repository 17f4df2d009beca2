using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics.Facts;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// The conversations a <see cref="MetricsFilter"/> selects, as a query over their
/// <see cref="ConversationFact"/> rows (the cases' twin is <see cref="FilteredCases"/>): the range,
/// tier and channel. Callers add the category where it applies and the local hour of day, which
/// they apply per quarter hour (<see cref="ConversationFact.Quarter"/>) or with <see cref="LocalHourWindows"/>.
/// </summary>
internal static class FilteredConversations
{
    /// <summary>
    /// The conversations that started in the range on the filter's channel and tier, less the cases
    /// opened directly (email, phone): those were never the bot's to keep or escalate.
    /// </summary>
    public static IQueryable<ConversationFact> Of(AgentConsoleDbContext db, MetricsFilter filter)
    {
        var (start, end) = (filter.UtcStart, filter.UtcEnd);
        // The quarters too: the store then reads the range from the quarter index, already in the order the figures group by.
        var (first, last) = (ConversationFact.QuarterOf(start), ConversationFact.QuarterOf(end.AddTicks(-1)));
        var query = db.ConversationFacts.AsNoTracking()
            .Where(c => c.Quarter >= first && c.Quarter <= last && c.CreatedAt >= start && c.CreatedAt < end && !c.Direct);
        if (filter.Channel is { } channel) query = query.Where(c => c.Channel == channel);
        if (filter.Tier is { } tier) query = query.Where(c => c.Tier == tier);
        return query;
    }

    /// <summary>
    /// The conversations of <see cref="Of"/> in the filter's category, each with the case that counts
    /// as its escalation: its first case, or with a team or skill in the filter its first case of
    /// that team and skill (null when it has none).
    /// </summary>
    public static IQueryable<EscalatedConversation> WithEscalation(AgentConsoleDbContext db, MetricsFilter filter)
    {
        var query = Of(db, filter);
        if (filter.Category is { } category) query = query.Where(c => c.Category == category);
        if (!FilteredCases.NarrowsCases(filter))
            return query.Select(c => new EscalatedConversation { Quarter = c.Quarter, CreatedAt = c.CreatedAt, FirstCase = c.FirstCaseId, Rated = c.Rated });
        var cases = FilteredCases.OfTeamAndSkill(db.CaseFacts.AsNoTracking(), filter);
        return query.Select(c => new EscalatedConversation
        {
            Quarter = c.Quarter,
            CreatedAt = c.CreatedAt,
            FirstCase = cases.Where(k => k.ConversationId == c.ConversationId).Min(k => (long?)k.CaseId),
            Rated = c.Rated,
        });
    }
}

/// <summary>A conversation and the case that counts as its escalation (a class with settable members, so the store keeps composing on them).</summary>
internal sealed class EscalatedConversation
{
    public long Quarter { get; init; }
    public DateTime CreatedAt { get; init; }
    public long? FirstCase { get; init; }
    public bool Rated { get; init; }
}
