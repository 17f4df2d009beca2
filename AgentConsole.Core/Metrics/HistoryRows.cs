using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics.Facts;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics;

/// <summary>The conversations that started in one local hour of one local day, as the history figures count them.</summary>
/// <param name="Day">The local day.</param>
/// <param name="Hour">The local hour of day, 0 to 23.</param>
/// <param name="All">The conversations.</param>
/// <param name="Escalated">Those with a case (of the filter's team and skill, when it names them).</param>
/// <param name="Rated">Those the customer rated.</param>
internal readonly record struct ConversationCount(DateOnly Day, int Hour, int All, int Escalated, int Rated);

/// <summary>A case's durations as the history figures need them, in ticks (each already never negative).</summary>
/// <param name="Escalate">For a bot-first case: the episode's first customer message to the opening.</param>
/// <param name="Wait">For an assigned case: its queueing to its first assignment.</param>
/// <param name="Resolve">For an assigned, resolved case: its first assignment to the resolution.</param>
/// <param name="BotFirst">Whether the bot had it first; if not, the case started with a human.</param>
internal readonly record struct CaseTimes(long? Escalate, long? Wait, long? Resolve, bool BotFirst);

/// <summary>The counts over the cases opened in the range.</summary>
internal sealed class CaseTotals
{
    public int Cases { get; init; }
    public int Declines { get; init; }
    public int TimeOuts { get; init; }
    public int Reclaims { get; init; }
    public int Transfers { get; init; }
    public int Reassignments { get; init; }
    public int Misrouted { get; init; }
    public int FlaggedRepeat { get; init; }
    public int DetectedRepeat { get; init; }
    public int AnyRepeat { get; init; }
}

/// <summary>The CSAT ratings of one kind (bot alone or a case) and category: how many and their sum.</summary>
internal readonly record struct RatingGroup(IssueCategory Category, bool Escalated, int Ratings, long Sum);

/// <summary>
/// The store queries behind the history figures, over the fact rows the store's triggers keep
/// (<see cref="CaseFact"/>, <see cref="ConversationFact"/>): each selects by the filter's range,
/// category, tier, channel, team, skill and hour in SQL and brings back sums, small groups or the
/// durations the percentiles are taken over, never a row per source record. Where the day rollups
/// serve the filter (the <c>rollups</c> argument: see <see cref="FactRollups"/>), the
/// counts come from them instead: the same figures from a tenth of the rows.
/// </summary>
internal static class HistoryRows
{
    /// <summary>The conversations that started in the range, counted per local day and hour (of the filter's hour, when it names one).</summary>
    public static async Task<List<ConversationCount>> ConversationsAsync(AgentConsoleDbContext db, MetricsFilter filter, bool rollups, CancellationToken cancellationToken)
    {
        if (rollups && FilteredRollups.ServeConversations(filter))
        {
            var hours = await FilteredRollups.Conversations(db, filter)
                .GroupBy(r => new { r.Day, r.Hour })
                .Select(g => new { g.Key.Day, g.Key.Hour, All = g.Sum(r => r.Conversations), Escalated = g.Sum(r => r.Escalated), Rated = g.Sum(r => r.Rated) })
                .ToListAsync(cancellationToken);
            return [.. hours.Select(r => new ConversationCount(DateOnly.FromDayNumber(r.Day), r.Hour, r.All, r.Escalated, r.Rated))];
        }
        var rows = await FilteredConversations.WithEscalation(db, filter)
            .GroupBy(c => c.Quarter)
            .Select(g => new { Quarter = g.Key, All = g.Count(), Escalated = g.Count(c => c.FirstCase != null), Rated = g.Count(c => c.Rated) })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (Local: filter.ToLocal(ConversationFact.QuarterStart(r.Quarter)), r.All, r.Escalated, r.Rated))
            .Where(r => filter.HourOfDay is not { } hour || r.Local.Hour == hour)
            .Select(r => new ConversationCount(DateOnly.FromDateTime(r.Local), r.Local.Hour, r.All, r.Escalated, r.Rated))];
    }

    /// <summary>The durations of the cases opened in the range that have any.</summary>
    /// <remarks>
    /// A month at a million cases a year is some eighty thousand rows of four numbers: EF composes the
    /// query and its command is read with a plain data reader, which costs a fraction of materialising each row.
    /// </remarks>
    public static async Task<List<CaseTimes>> CaseTimesAsync(AgentConsoleDbContext db, MetricsFilter filter, CancellationToken cancellationToken)
    {
        var query = FilteredCases.Of(db, filter).Where(k => k.EscalateTicks != null || k.WaitTicks != null)
            .Select(k => new { k.EscalateTicks, k.WaitTicks, k.ResolveTicks, k.BotFirst });
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = query.CreateDbCommand();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var times = new List<CaseTimes>();
        // Microsoft.Data.Sqlite reads synchronously whatever the call; the plain loop spares a task per row.
        while (reader.Read())
            times.Add(new CaseTimes(Ticks(reader, 0), Ticks(reader, 1), Ticks(reader, 2), reader.GetBoolean(3)));
        return times;
    }

    private static long? Ticks(System.Data.Common.DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);

    /// <summary>The counts over the cases opened in the range.</summary>
    public static async Task<CaseTotals> CaseTotalsAsync(AgentConsoleDbContext db, MetricsFilter filter, bool rollups, CancellationToken cancellationToken)
    {
        if (rollups && FilteredRollups.ServeCases(filter))
            return await FilteredRollups.Cases(db.CaseDays, filter).GroupBy(r => 1).Select(g => new CaseTotals
                {
                    Cases = g.Sum(r => r.Cases),
                    Declines = g.Sum(r => r.Declines),
                    TimeOuts = g.Sum(r => r.TimeOuts),
                    Reclaims = g.Sum(r => r.Reclaims),
                    Transfers = g.Sum(r => r.Transfers),
                    Reassignments = g.Sum(r => r.Reassignments),
                    Misrouted = g.Sum(r => r.Misrouted),
                    FlaggedRepeat = g.Sum(r => r.FlaggedRepeat),
                    DetectedRepeat = g.Sum(r => r.DetectedRepeat),
                    AnyRepeat = g.Sum(r => r.AnyRepeat),
                })
                .FirstOrDefaultAsync(cancellationToken) ?? new CaseTotals();
        return await FilteredCases.Of(db, filter).GroupBy(k => 1).Select(g => new CaseTotals
            {
                Cases = g.Count(),
                Declines = g.Sum(k => k.Declines),
                TimeOuts = g.Sum(k => k.TimeOuts),
                Reclaims = g.Sum(k => k.Reclaims),
                Transfers = g.Sum(k => k.Transfers),
                Reassignments = g.Sum(k => k.Reassignments),
                Misrouted = g.Count(k => k.Misrouted),
                FlaggedRepeat = g.Count(k => k.FlaggedRepeat),
                DetectedRepeat = g.Count(k => k.DetectedRepeat),
                AnyRepeat = g.Count(k => k.FlaggedRepeat || k.DetectedRepeat),
            })
            .FirstOrDefaultAsync(cancellationToken) ?? new CaseTotals();
    }

    /// <summary>
    /// The ratings of conversations that started in the range (and hour), grouped by kind and by
    /// their own category: the rated case's, or for the bot alone the bot's leading guess. A team
    /// or skill narrows the escalated ratings only; the bot's have neither.
    /// </summary>
    public static async Task<List<RatingGroup>> RatingsAsync(AgentConsoleDbContext db, MetricsFilter filter, bool rollups, CancellationToken cancellationToken)
    {
        if (rollups)
        {
            var groups = await FilteredRollups.Ratings(db, filter).GroupBy(r => new { r.Category, r.Escalated })
                .Select(g => new { g.Key.Category, g.Key.Escalated, Ratings = g.Sum(r => r.Ratings), Sum = g.Sum(r => (long)r.ScoreSum) })
                .ToListAsync(cancellationToken);
            return [.. groups.Select(g => new RatingGroup(g.Category, g.Escalated, g.Ratings, g.Sum))];
        }
        var bot = LocalHourWindows.InRangeAndHour(FilteredConversations.Of(db, filter), c => c.CreatedAt, filter).Where(c => c.BotRatings > 0);
        if (filter.Category is { } botCategory) bot = bot.Where(c => c.BotGuess == botCategory);
        var botGroups = await bot.GroupBy(c => c.BotGuess)
            .Select(g => new { Category = g.Key, Ratings = g.Sum(c => c.BotRatings), Sum = g.Sum(c => (long)c.BotScoreSum) })
            .ToListAsync(cancellationToken);

        // A rated case counts by when its conversation started, on the conversation's channel and tier.
        var cases = LocalHourWindows.InRangeAndHour(db.CaseFacts.AsNoTracking().Where(k => k.Score != null && !k.Direct), k => k.ConversationCreatedAt, filter);
        if (filter.Channel is { } channel) cases = cases.Where(k => k.Channel == channel);
        if (filter.Tier is { } tier) cases = cases.Where(k => k.Tier == tier);
        if (filter.Category is { } caseCategory) cases = cases.Where(k => k.Category == caseCategory);
        var caseGroups = await FilteredCases.OfTeamAndSkill(cases, filter).GroupBy(k => k.Category)
            .Select(g => new { Category = g.Key, Ratings = g.Count(), Sum = g.Sum(k => (long)k.Score!.Value) })
            .ToListAsync(cancellationToken);
        return [.. botGroups.Select(g => new RatingGroup(g.Category, false, g.Ratings, g.Sum)),
            .. caseGroups.Select(g => new RatingGroup(g.Category, true, g.Ratings, g.Sum))];
    }
}
