using System.Globalization;
using System.Text;

namespace AgentConsole.Core.Metrics.Facts;

/// <summary>
/// The day rollups in SQL: per local day of the desk (and per local hour for conversations), the
/// fact rows summed by every dimension a history filter narrows by (category, tier, channel, and
/// for cases team and skill). A page load over a month then reads a few thousand rollup rows where
/// it would sweep a hundred thousand fact rows. They are computed from the fact rows, for a run of
/// local days at a time (<see cref="Refresh"/>): <see cref="FactRollups"/> redoes the days a catch-up
/// touched and builds them all when the desk's time zone or reopen window changes.
/// </summary>
public static class RollupSql
{
    /// <summary>The rollup tables, what the rows cover, and the days waiting to be redone.</summary>
    internal static readonly string[] Tables =
    [
        // What the rollups were built for, and how far a build has got (the days before NextDay are built).
        "CREATE TABLE RollupState (Id INTEGER NOT NULL PRIMARY KEY CHECK (Id = 1), Zone TEXT NULL, ReopenWindowDays INTEGER NOT NULL, NextDay INTEGER NOT NULL, Complete INTEGER NOT NULL);",
        "INSERT INTO RollupState (Id, Zone, ReopenWindowDays, NextDay, Complete) VALUES (1, NULL, 0, 0, 0);",
        // The UTC hours (yyyy-MM-dd HH) whose fact rows a catch-up changed: their local days are redone.
        "CREATE TABLE RollupDirty (Hour TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;",
        """
        CREATE TABLE ConversationHours (
            Day INTEGER NOT NULL, Hour INTEGER NOT NULL, Channel TEXT NOT NULL, Tier TEXT NULL, Category TEXT NOT NULL,
            Conversations INTEGER NOT NULL, Escalated INTEGER NOT NULL, Rated INTEGER NOT NULL, FirstContact INTEGER NOT NULL, FirstContactRated INTEGER NOT NULL);
        """,
        "CREATE INDEX IX_ConversationHours ON ConversationHours (Day, Hour, Channel, Tier, Category, Conversations, Escalated, Rated, FirstContact, FirstContactRated);",
        """
        CREATE TABLE CaseDays (
            Day INTEGER NOT NULL, Category TEXT NOT NULL, Tier TEXT NULL, Channel TEXT NOT NULL, TeamId TEXT NULL, Skill TEXT NOT NULL,
            Cases INTEGER NOT NULL, Declines INTEGER NOT NULL, TimeOuts INTEGER NOT NULL, Reclaims INTEGER NOT NULL, Transfers INTEGER NOT NULL,
            Reassignments INTEGER NOT NULL, Misrouted INTEGER NOT NULL, FlaggedRepeat INTEGER NOT NULL, DetectedRepeat INTEGER NOT NULL, AnyRepeat INTEGER NOT NULL);
        """,
        "CREATE INDEX IX_CaseDays ON CaseDays (Day, Category, Tier, Channel, TeamId, Skill, Cases, Declines, TimeOuts, Reclaims, Transfers, Reassignments, Misrouted, FlaggedRepeat, DetectedRepeat, AnyRepeat);",
        """
        CREATE TABLE CaseDayTopics (
            Day INTEGER NOT NULL, Category TEXT NOT NULL, Tier TEXT NULL, Channel TEXT NOT NULL, TeamId TEXT NULL, Skill TEXT NOT NULL,
            ReasonMask INTEGER NOT NULL, Page TEXT NULL, Products TEXT NULL, Cases INTEGER NOT NULL);
        """,
        "CREATE INDEX IX_CaseDayTopics ON CaseDayTopics (Day, Category, Tier, Channel, TeamId, Skill, ReasonMask, Page, Products, Cases);",
        """
        CREATE TABLE CaseDayRouting (
            Day INTEGER NOT NULL, Category TEXT NOT NULL, Tier TEXT NULL, Channel TEXT NOT NULL, TeamId TEXT NULL, Skill TEXT NOT NULL,
            FirstAgentId TEXT NULL, Kept INTEGER NOT NULL, FirstContact INTEGER NOT NULL, Cases INTEGER NOT NULL);
        """,
        "CREATE INDEX IX_CaseDayRouting ON CaseDayRouting (Day, Category, Tier, Channel, TeamId, Skill, FirstAgentId, Kept, FirstContact, Cases);",
        """
        CREATE TABLE CaseDayReplies (
            Day INTEGER NOT NULL, Category TEXT NOT NULL, Tier TEXT NULL, Channel TEXT NOT NULL, TeamId TEXT NULL, Skill TEXT NOT NULL,
            Reply TEXT NOT NULL, Cases INTEGER NOT NULL);
        """,
        "CREATE INDEX IX_CaseDayReplies ON CaseDayReplies (Day, Category, Tier, Channel, TeamId, Skill, Reply, Cases);",
        """
        CREATE TABLE RatingHours (
            Day INTEGER NOT NULL, Hour INTEGER NOT NULL, Channel TEXT NOT NULL, Tier TEXT NULL, TeamId TEXT NULL, Skill TEXT NULL,
            Escalated INTEGER NOT NULL, Category TEXT NOT NULL, Ratings INTEGER NOT NULL, ScoreSum INTEGER NOT NULL);
        """,
        "CREATE INDEX IX_RatingHours ON RatingHours (Day, Hour, Channel, Tier, TeamId, Skill, Escalated, Category, Ratings, ScoreSum);",
    ];

    /// <summary>The rollup tables' names, in the order they are redone.</summary>
    private static readonly string[] RollupTables = ["ConversationHours", "CaseDays", "CaseDayTopics", "CaseDayRouting", "CaseDayReplies", "RatingHours"];

    /// <summary>The statements that drop what <see cref="Tables"/> created.</summary>
    internal static IEnumerable<string> Drop => [.. RollupTables.Select(t => $"DROP TABLE IF EXISTS {t};"), "DROP TABLE IF EXISTS RollupDirty;", "DROP TABLE IF EXISTS RollupState;"];

    /// <summary>
    /// Forgets every rollup row and what they were built for, so the next build starts afresh: after the
    /// fact rows were rebuilt under them.
    /// </summary>
    internal static IEnumerable<string> Forget =>
        [.. RollupTables.Select(t => $"DELETE FROM {t};"), "DELETE FROM RollupDirty;", "UPDATE RollupState SET Zone = NULL, ReopenWindowDays = 0, NextDay = 0, Complete = 0;"];

    /// <summary>
    /// Records the UTC hours of the fact rows of the conversations waiting in <c>FactsDirty</c>: run
    /// before the catch-up redoes them (for rows it will delete or move) and after (for new rows).
    /// </summary>
    internal const string MarkWaitingHours = """
        INSERT OR IGNORE INTO RollupDirty (Hour)
        SELECT substr(f.OpenedAt, 1, 13) FROM CaseFacts f WHERE f.ConversationId IN (SELECT d.ConversationId FROM FactsDirty d)
        UNION SELECT substr(f.CreatedAt, 1, 13) FROM ConversationFacts f WHERE f.ConversationId IN (SELECT d.ConversationId FROM FactsDirty d);
        """;

    /// <summary>
    /// The statements that redo the rollup rows of the local days <paramref name="first"/> to
    /// <paramref name="last"/> (both included; a few weeks at most, since each row's day is found by
    /// comparing it with every day's start) in <paramref name="zone"/>, from the fact rows.
    /// </summary>
    internal static IReadOnlyList<string> Refresh(DateOnly first, DateOnly last, TimeZoneInfo zone, int reopenWindowDays)
    {
        var range = new MetricsFilter(first, last, zone);
        var starts = Enumerable.Range(0, range.Days + 1).Select(i => range.StartOfDayUtc(first.AddDays(i))).ToList();
        var (from, to) = (Text(starts[0]), Text(starts[^1]));
        var window = RoutingAccuracyQuery.WindowTicks(reopenWindowDays);
        var firstContact = $"(f.FirstCaseId IS NOT NULL AND f.FirstCaseSettled AND (f.FirstCaseReopenTicks IS NULL OR f.FirstCaseReopenTicks >= {window}))";
        const string caseDimensions = "f.Category, f.Tier, f.Channel, f.TeamId, f.Skill";
        return
        [
            .. RollupTables.Select(t => $"DELETE FROM {t} WHERE Day BETWEEN {first.DayNumber} AND {last.DayNumber};"),
            $"""
            INSERT INTO ConversationHours (Day, Hour, Channel, Tier, Category, Conversations, Escalated, Rated, FirstContact, FirstContactRated)
            SELECT {DayOf("f.CreatedAt", first, starts)}, ((f.Quarter * 15 + {OffsetOf("f.CreatedAt", range)}) % 1440) / 60, f.Channel, f.Tier, f.Category,
                count(*), count(f.FirstCaseId), sum(f.Rated), sum({firstContact}), sum({firstContact} AND f.FirstCaseRated)
            FROM ConversationFacts f WHERE f.CreatedAt >= '{from}' AND f.CreatedAt < '{to}' AND NOT f.Direct
            GROUP BY 1, 2, 3, 4, 5;
            """,
            $"""
            INSERT INTO CaseDays (Day, Category, Tier, Channel, TeamId, Skill, Cases, Declines, TimeOuts, Reclaims, Transfers, Reassignments,
                Misrouted, FlaggedRepeat, DetectedRepeat, AnyRepeat)
            SELECT {DayOf("f.OpenedAt", first, starts)}, {caseDimensions}, count(*), sum(f.Declines), sum(f.TimeOuts), sum(f.Reclaims), sum(f.Transfers),
                sum(f.Reassignments), sum(f.Misrouted), sum(f.FlaggedRepeat), sum(f.DetectedRepeat), sum(f.FlaggedRepeat OR f.DetectedRepeat)
            FROM CaseFacts f WHERE f.OpenedAt >= '{from}' AND f.OpenedAt < '{to}'
            GROUP BY 1, 2, 3, 4, 5, 6;
            """,
            $"""
            INSERT INTO CaseDayTopics (Day, Category, Tier, Channel, TeamId, Skill, ReasonMask, Page, Products, Cases)
            SELECT {DayOf("f.OpenedAt", first, starts)}, {caseDimensions}, f.ReasonMask, {PageKey("f.Page")}, f.Products, count(*)
            FROM CaseFacts f WHERE f.OpenedAt >= '{from}' AND f.OpenedAt < '{to}'
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
            """,
            $"""
            INSERT INTO CaseDayRouting (Day, Category, Tier, Channel, TeamId, Skill, FirstAgentId, Kept, FirstContact, Cases)
            SELECT {DayOf("f.OpenedAt", first, starts)}, {caseDimensions}, f.FirstAgentId, f.Kept,
                f.Kept AND (f.ReopenTicks IS NULL OR f.ReopenTicks >= {window}), count(*)
            FROM CaseFacts f WHERE f.OpenedAt >= '{from}' AND f.OpenedAt < '{to}' AND f.ResolvedAt IS NOT NULL AND f.Assigned
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
            """,
            $"""
            INSERT INTO CaseDayReplies (Day, Category, Tier, Channel, TeamId, Skill, Reply, Cases)
            SELECT {DayOf("f.OpenedAt", first, starts)}, {caseDimensions}, m.Text, count(*)
            FROM CaseFacts f JOIN Messages m ON m.Id = f.SentimentReplyId
            WHERE f.OpenedAt >= '{from}' AND f.OpenedAt < '{to}' AND f.SentimentReplyId IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5, 6, 7;
            """,
            // The ratings by when their conversation started: the bot's alone under its leading guess, and the cases' under theirs.
            $"""
            INSERT INTO RatingHours (Day, Hour, Channel, Tier, TeamId, Skill, Escalated, Category, Ratings, ScoreSum)
            SELECT {DayOf("f.CreatedAt", first, starts)}, {LocalHour("f.CreatedAt", range)}, f.Channel, f.Tier, NULL, NULL, 0, f.BotGuess,
                sum(f.BotRatings), sum(f.BotScoreSum)
            FROM ConversationFacts f WHERE f.CreatedAt >= '{from}' AND f.CreatedAt < '{to}' AND f.BotRatings > 0 AND NOT f.Direct
            GROUP BY 1, 2, 3, 4, 8
            UNION ALL
            SELECT {DayOf("f.ConversationCreatedAt", first, starts)}, {LocalHour("f.ConversationCreatedAt", range)}, f.Channel, f.Tier, f.TeamId, f.Skill, 1, f.Category,
                count(*), sum(f.Score)
            FROM CaseFacts f WHERE f.ConversationCreatedAt >= '{from}' AND f.ConversationCreatedAt < '{to}' AND f.Score IS NOT NULL AND NOT f.Direct
            GROUP BY 1, 2, 3, 4, 5, 6, 8;
            """,
        ];
    }

    /// <summary>A UTC instant as the store keeps it (<c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>), so text comparisons order it with the stored ones.</summary>
    internal static string Text(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>The local day number of the stored instant <paramref name="column"/>, given the starts of the days from <paramref name="first"/> on (and the end of the last).</summary>
    private static string DayOf(string column, DateOnly first, IReadOnlyList<DateTime> starts)
    {
        if (starts.Count == 2) return first.DayNumber.ToString(CultureInfo.InvariantCulture);
        var sql = new StringBuilder("CASE");
        for (var i = 1; i < starts.Count - 1; i++)
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {column} < '{Text(starts[i])}' THEN {first.DayNumber + i - 1}");
        return sql.Append(CultureInfo.InvariantCulture, $" ELSE {first.DayNumber + starts.Count - 2} END").ToString();
    }

    /// <summary>The local hour of day of the stored instant <paramref name="column"/>: its UTC hour and minute (from the text) and the desk's offset then.</summary>
    private static string LocalHour(string column, MetricsFilter range) =>
        $"((CAST(substr({column}, 12, 2) AS INTEGER) * 60 + CAST(substr({column}, 15, 2) AS INTEGER) + {OffsetOf(column, range)} + 1440) % 1440) / 60";

    /// <summary>The desk's UTC offset in minutes at the stored instant <paramref name="column"/>, over <paramref name="range"/>'s stretches.</summary>
    private static string OffsetOf(string column, MetricsFilter range)
    {
        var stretches = LocalHourWindows.Stretches(range);
        if (stretches.Count == 1) return stretches[0].OffsetMinutes.ToString(CultureInfo.InvariantCulture);
        var sql = new StringBuilder("CASE");
        foreach (var stretch in stretches.Take(stretches.Count - 1))
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {column} < '{Text(stretch.End)}' THEN {stretch.OffsetMinutes}");
        return sql.Append(CultureInfo.InvariantCulture, $" ELSE {stretches[^1].OffsetMinutes} END").ToString();
    }

    /// <summary>The page as the hotspots group it (<see cref="HotspotMetrics.PageKey"/>): the address up to its first <c>?</c> or <c>#</c>.</summary>
    private static string PageKey(string column) =>
        $"CASE WHEN instr({column}, '?') = 0 AND instr({column}, '#') = 0 THEN {column} "
        + $"WHEN instr({column}, '?') = 0 THEN substr({column}, 1, instr({column}, '#') - 1) "
        + $"WHEN instr({column}, '#') = 0 THEN substr({column}, 1, instr({column}, '?') - 1) "
        + $"ELSE substr({column}, 1, min(instr({column}, '?'), instr({column}, '#')) - 1) END";
}
