using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics.Facts;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// The day rollup rows a <see cref="MetricsFilter"/> selects (the rollups' twin of <see cref="FilteredCases"/>
/// and <see cref="FilteredConversations"/>): its local days and every dimension it names. Callers check
/// first that the rollups serve the filter (<see cref="FactRollups"/>), and that it names no hour of day
/// (for the case rollups, kept per day) and no team or skill (for the conversation rollups, where those
/// decide which case counts as the escalation).
/// </summary>
internal static class FilteredRollups
{
    /// <summary>The case rollup rows of the filter's days, category, tier, channel, team and skill.</summary>
    public static IQueryable<T> Cases<T>(IQueryable<T> rows, MetricsFilter filter) where T : CaseRollup
    {
        var (first, last) = (filter.From.DayNumber, filter.To.DayNumber);
        var query = rows.Where(r => r.Day >= first && r.Day <= last);
        if (filter.Category is { } category) query = query.Where(r => r.Category == category);
        if (filter.Tier is { } tier) query = query.Where(r => r.Tier == tier);
        if (filter.Channel is { } channel) query = query.Where(r => r.Channel == channel);
        if (filter.TeamId is { } team) query = query.Where(r => r.TeamId == team);
        if (filter.Skill is { } skill) query = query.Where(r => r.Skill == skill);
        return query;
    }

    /// <summary>The conversation rollup rows of the filter's days, hour of day, category, tier and channel.</summary>
    public static IQueryable<ConversationHour> Conversations(AgentConsoleDbContext db, MetricsFilter filter) => Hours(db.ConversationHours, filter);

    /// <summary>
    /// The rating rollup rows of the filter's days, hour of day, category, tier and channel; a team or
    /// skill narrows the cases' ratings only, as the bot's have neither.
    /// </summary>
    public static IQueryable<RatingHour> Ratings(AgentConsoleDbContext db, MetricsFilter filter)
    {
        var query = Hours(db.RatingHours, filter);
        if (filter.TeamId is { } team) query = query.Where(r => !r.Escalated || r.TeamId == team);
        if (filter.Skill is { } skill) query = query.Where(r => !r.Escalated || r.Skill == skill);
        return query;
    }

    /// <summary>The hourly rollup rows of the filter's days, hour of day, category, tier and channel.</summary>
    private static IQueryable<T> Hours<T>(IQueryable<T> rows, MetricsFilter filter) where T : HourRollup
    {
        var (first, last) = (filter.From.DayNumber, filter.To.DayNumber);
        var query = rows.Where(r => r.Day >= first && r.Day <= last);
        if (filter.HourOfDay is { } hour) query = query.Where(r => r.Hour == hour);
        if (filter.Category is { } category) query = query.Where(r => r.Category == category);
        if (filter.Tier is { } tier) query = query.Where(r => r.Tier == tier);
        if (filter.Channel is { } channel) query = query.Where(r => r.Channel == channel);
        return query;
    }

    /// <summary>Whether the conversation rollups can answer <paramref name="filter"/>, given that the rollups serve it.</summary>
    public static bool ServeConversations(MetricsFilter filter) => !FilteredCases.NarrowsCases(filter);

    /// <summary>Whether the case rollups can answer <paramref name="filter"/>, given that the rollups serve it.</summary>
    public static bool ServeCases(MetricsFilter filter) => filter.HourOfDay is null;
}
