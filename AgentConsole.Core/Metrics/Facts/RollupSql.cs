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
internal sealed class RollupSql(FactsDialect d)
{
    /// <summary>The rollup tables, what the rows cover, and the days waiting to be redone.</summary>
    internal string[] Tables =>
    [
        // What the rollups were built for, and how far a build has got (the days before NextDay are built).
        $"CREATE TABLE RollupState (Id {d.Int} NOT NULL PRIMARY KEY CHECK (Id = 1), Zone {d.Text} NULL, ReopenWindowDays {d.Int} NOT NULL, NextDay {d.Int} NOT NULL, Complete {d.Bool} NOT NULL);",
        "INSERT INTO RollupState (Id, Zone, ReopenWindowDays, NextDay, Complete) VALUES (1, NULL, 0, 0, FALSE);",
        // The UTC hours (yyyy-MM-dd HH) whose fact rows a catch-up changed: their local days are redone.
        $"CREATE TABLE RollupDirty (Hour {d.Text} NOT NULL PRIMARY KEY){d.Clustered};",
        $"""
        CREATE TABLE ConversationHours (
            Day {d.Int} NOT NULL, Hour {d.Int} NOT NULL, Channel {d.Text} NOT NULL, Tier {d.Text} NULL, Category {d.Text} NOT NULL,
            Conversations {d.Int} NOT NULL, Escalated {d.Int} NOT NULL, Rated {d.Int} NOT NULL, FirstContact {d.Int} NOT NULL, FirstContactRated {d.Int} NOT NULL);
        """,
        "CREATE INDEX IX_ConversationHours ON ConversationHours (Day, Hour, Channel, Tier, Category, Conversations, Escalated, Rated, FirstContact, FirstContactRated);",
        $"""
        CREATE TABLE CaseDays (
            Day {d.Int} NOT NULL, Category {d.Text} NOT NULL, Tier {d.Text} NULL, Channel {d.Text} NOT NULL, TeamId {d.Id} NULL, Skill {d.Text} NOT NULL,
            Cases {d.Int} NOT NULL, Declines {d.Int} NOT NULL, TimeOuts {d.Int} NOT NULL, Reclaims {d.Int} NOT NULL, Transfers {d.Int} NOT NULL,
            Reassignments {d.Int} NOT NULL, Misrouted {d.Int} NOT NULL, FlaggedRepeat {d.Int} NOT NULL, DetectedRepeat {d.Int} NOT NULL, AnyRepeat {d.Int} NOT NULL);
        """,
        "CREATE INDEX IX_CaseDays ON CaseDays (Day, Category, Tier, Channel, TeamId, Skill, Cases, Declines, TimeOuts, Reclaims, Transfers, Reassignments, Misrouted, FlaggedRepeat, DetectedRepeat, AnyRepeat);",
        $"""
        CREATE TABLE CaseDayTopics (
            Day {d.Int} NOT NULL, Category {d.Text} NOT NULL, Tier {d.Text} NULL, Channel {d.Text} NOT NULL, TeamId {d.Id} NULL, Skill {d.Text} NOT NULL,
            ReasonMask {d.Int} NOT NULL, Page {d.Text} NULL, Products {d.Text} NULL, Cases {d.Int} NOT NULL);
        """,
        "CREATE INDEX IX_CaseDayTopics ON CaseDayTopics (Day, Category, Tier, Channel, TeamId, Skill, ReasonMask, Page, Products, Cases);",
        $"""
        CREATE TABLE CaseDayRouting (
            Day {d.Int} NOT NULL, Category {d.Text} NOT NULL, Tier {d.Text} NULL, Channel {d.Text} NOT NULL, TeamId {d.Id} NULL, Skill {d.Text} NOT NULL,
            FirstAgentId {d.Text} NULL, Kept {d.Bool} NOT NULL, FirstContact {d.Bool} NOT NULL, Cases {d.Int} NOT NULL);
        """,
        "CREATE INDEX IX_CaseDayRouting ON CaseDayRouting (Day, Category, Tier, Channel, TeamId, Skill, FirstAgentId, Kept, FirstContact, Cases);",
        $"""
        CREATE TABLE CaseDayReplies (
            Day {d.Int} NOT NULL, Category {d.Text} NOT NULL, Tier {d.Text} NULL, Channel {d.Text} NOT NULL, TeamId {d.Id} NULL, Skill {d.Text} NOT NULL,
            Reply {d.Text} NOT NULL, Cases {d.Int} NOT NULL);
        """,
        "CREATE INDEX IX_CaseDayReplies ON CaseDayReplies (Day, Category, Tier, Channel, TeamId, Skill, Reply, Cases);",
        $"""
        CREATE TABLE RatingHours (
            Day {d.Int} NOT NULL, Hour {d.Int} NOT NULL, Channel {d.Text} NOT NULL, Tier {d.Text} NULL, TeamId {d.Id} NULL, Skill {d.Text} NULL,
            Escalated {d.Bool} NOT NULL, Category {d.Text} NOT NULL, Ratings {d.Int} NOT NULL, ScoreSum {d.Int} NOT NULL);
        """,
        "CREATE INDEX IX_RatingHours ON RatingHours (Day, Hour, Channel, Tier, TeamId, Skill, Escalated, Category, Ratings, ScoreSum);",
    ];

    /// <summary>The rollup tables' names, in the order they are redone.</summary>
    private static readonly string[] RollupTables = ["ConversationHours", "CaseDays", "CaseDayTopics", "CaseDayRouting", "CaseDayReplies", "RatingHours"];

    /// <summary>The statements that drop what <see cref="Tables"/> created.</summary>
    internal IEnumerable<string> Drop => [.. RollupTables.Select(t => $"DROP TABLE IF EXISTS {t};"), "DROP TABLE IF EXISTS RollupDirty;", "DROP TABLE IF EXISTS RollupState;"];

    /// <summary>
    /// Forgets every rollup row and what they were built for, so the next build starts afresh: after the
    /// fact rows were rebuilt under them.
    /// </summary>
    internal IEnumerable<string> Forget =>
        [.. RollupTables.Select(t => $"DELETE FROM {t};"), "DELETE FROM RollupDirty;", "UPDATE RollupState SET Zone = NULL, ReopenWindowDays = 0, NextDay = 0, Complete = FALSE;"];

    /// <summary>
    /// Records the UTC hours of the fact rows of the conversations <paramref name="dirty"/> selects: run
    /// before the catch-up redoes them (for rows it will delete or move) and after (for new rows).
    /// </summary>
    internal string MarkWaitingHours(string dirty) => d.InsertIgnore("RollupDirty (Hour)", $"""
        SELECT {d.UtcHour("f.OpenedAt")} FROM CaseFacts f WHERE f.ConversationId IN ({dirty})
        UNION SELECT {d.UtcHour("f.CreatedAt")} FROM ConversationFacts f WHERE f.ConversationId IN ({dirty})
        """);

    /// <summary>
    /// The statements that redo the rollup rows of the local days <paramref name="first"/> to
    /// <paramref name="last"/> (both included; a few weeks at most, since each row's day is found by
    /// comparing it with every day's start) in <paramref name="zone"/>, from the fact rows.
    /// </summary>
    internal IReadOnlyList<string> Refresh(DateOnly first, DateOnly last, TimeZoneInfo zone, int reopenWindowDays)
    {
        var range = new MetricsFilter(first, last, zone);
        var starts = Enumerable.Range(0, range.Days + 1).Select(i => range.StartOfDayUtc(first.AddDays(i))).ToList();
        var (from, to) = (d.At(starts[0]), d.At(starts[^1]));
        var window = RoutingAccuracyQuery.WindowTicks(reopenWindowDays);
        var firstContact = $"f.FirstCaseId IS NOT NULL AND f.FirstCaseSettled AND (f.FirstCaseReopenTicks IS NULL OR f.FirstCaseReopenTicks >= {window})";
        const string caseDimensions = "f.Category, f.Tier, f.Channel, f.TeamId, f.Skill";
        return d.Names(
        [
            .. RollupTables.Select(t => $"DELETE FROM {t} WHERE Day BETWEEN {first.DayNumber} AND {last.DayNumber};"),
            $"""
            INSERT INTO ConversationHours (Day, Hour, Channel, Tier, Category, Conversations, Escalated, Rated, FirstContact, FirstContactRated)
            SELECT {DayOf("f.CreatedAt", first, starts)}, ((f.Quarter * 15 + {OffsetOf("f.CreatedAt", range)}) % 1440) / 60, f.Channel, f.Tier, f.Category,
                count(*), count(f.FirstCaseId), {Count("f.Rated")}, {Count(firstContact)}, {Count($"{firstContact} AND f.FirstCaseRated")}
            FROM ConversationFacts f WHERE f.CreatedAt >= {from} AND f.CreatedAt < {to} AND NOT f.Direct
            GROUP BY 1, 2, 3, 4, 5;
            """,
            $"""
            INSERT INTO CaseDays (Day, Category, Tier, Channel, TeamId, Skill, Cases, Declines, TimeOuts, Reclaims, Transfers, Reassignments,
                Misrouted, FlaggedRepeat, DetectedRepeat, AnyRepeat)
            SELECT {DayOf("f.OpenedAt", first, starts)}, {caseDimensions}, count(*), sum(f.Declines), sum(f.TimeOuts), sum(f.Reclaims), sum(f.Transfers),
                sum(f.Reassignments), {Count("f.Misrouted")}, {Count("f.FlaggedRepeat")}, {Count("f.DetectedRepeat")}, {Count("f.FlaggedRepeat OR f.DetectedRepeat")}
            FROM CaseFacts f WHERE f.OpenedAt >= {from} AND f.OpenedAt < {to}
            GROUP BY 1, 2, 3, 4, 5, 6;
            """,
            $"""
            INSERT INTO CaseDayTopics (Day, Category, Tier, Channel, TeamId, Skill, ReasonMask, Page, Products, Cases)
            SELECT {DayOf("f.OpenedAt", first, starts)}, {caseDimensions}, f.ReasonMask, {PageKey("f.Page")}, f.Products, count(*)
            FROM CaseFacts f WHERE f.OpenedAt >= {from} AND f.OpenedAt < {to}
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
            """,
            $"""
            INSERT INTO CaseDayRouting (Day, Category, Tier, Channel, TeamId, Skill, FirstAgentId, Kept, FirstContact, Cases)
            SELECT {DayOf("f.OpenedAt", first, starts)}, {caseDimensions}, f.FirstAgentId, f.Kept,
                f.Kept AND (f.ReopenTicks IS NULL OR f.ReopenTicks >= {window}), count(*)
            FROM CaseFacts f WHERE f.OpenedAt >= {from} AND f.OpenedAt < {to} AND f.ResolvedAt IS NOT NULL AND f.Assigned
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
            """,
            $"""
            INSERT INTO CaseDayReplies (Day, Category, Tier, Channel, TeamId, Skill, Reply, Cases)
            SELECT {DayOf("f.OpenedAt", first, starts)}, {caseDimensions}, m.Text, count(*)
            FROM CaseFacts f JOIN Messages m ON m.Id = f.SentimentReplyId
            WHERE f.OpenedAt >= {from} AND f.OpenedAt < {to} AND f.SentimentReplyId IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5, 6, 7;
            """,
            // The ratings by when their conversation started: the bot's alone under its leading guess, and the cases' under theirs.
            $"""
            INSERT INTO RatingHours (Day, Hour, Channel, Tier, TeamId, Skill, Escalated, Category, Ratings, ScoreSum)
            SELECT {DayOf("f.CreatedAt", first, starts)}, {LocalHour("f.CreatedAt", range)}, f.Channel, f.Tier, NULL, NULL, FALSE, f.BotGuess,
                sum(f.BotRatings), sum(f.BotScoreSum)
            FROM ConversationFacts f WHERE f.CreatedAt >= {from} AND f.CreatedAt < {to} AND f.BotRatings > 0 AND NOT f.Direct
            GROUP BY 1, 2, 3, 4, 8
            UNION ALL
            SELECT {DayOf("f.ConversationCreatedAt", first, starts)}, {LocalHour("f.ConversationCreatedAt", range)}, f.Channel, f.Tier, f.TeamId, f.Skill, TRUE, f.Category,
                count(*), sum(f.Score)
            FROM CaseFacts f WHERE f.ConversationCreatedAt >= {from} AND f.ConversationCreatedAt < {to} AND f.Score IS NOT NULL AND NOT f.Direct
            GROUP BY 1, 2, 3, 4, 5, 6, 8;
            """,
        ]);
    }

    /// <summary>How many rows of the group <paramref name="condition"/> holds for.</summary>
    private static string Count(string condition) => $"count(*) FILTER (WHERE {condition})";

    /// <summary>A UTC instant as the store keeps it (<c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>), so text comparisons order it with the stored ones.</summary>
    internal static string Text(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>The local day number of the stored instant <paramref name="column"/>, given the starts of the days from <paramref name="first"/> on (and the end of the last).</summary>
    private string DayOf(string column, DateOnly first, IReadOnlyList<DateTime> starts)
    {
        if (starts.Count == 2) return first.DayNumber.ToString(CultureInfo.InvariantCulture);
        var sql = new StringBuilder("CASE");
        for (var i = 1; i < starts.Count - 1; i++)
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {column} < {d.At(starts[i])} THEN {first.DayNumber + i - 1}");
        return sql.Append(CultureInfo.InvariantCulture, $" ELSE {first.DayNumber + starts.Count - 2} END").ToString();
    }

    /// <summary>The local hour of day of the stored instant <paramref name="column"/>: its UTC hour and minute (from the text) and the desk's offset then.</summary>
    private string LocalHour(string column, MetricsFilter range) =>
        $"(({d.UtcMinuteOfDay(column)} + {OffsetOf(column, range)} + 1440) % 1440) / 60";

    /// <summary>The desk's UTC offset in minutes at the stored instant <paramref name="column"/>, over <paramref name="range"/>'s stretches.</summary>
    private string OffsetOf(string column, MetricsFilter range)
    {
        var stretches = LocalHourWindows.Stretches(range);
        if (stretches.Count == 1) return stretches[0].OffsetMinutes.ToString(CultureInfo.InvariantCulture);
        var sql = new StringBuilder("CASE");
        foreach (var stretch in stretches.Take(stretches.Count - 1))
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {column} < {d.At(stretch.End)} THEN {stretch.OffsetMinutes}");
        return sql.Append(CultureInfo.InvariantCulture, $" ELSE {stretches[^1].OffsetMinutes} END").ToString();
    }

    /// <summary>The page as the hotspots group it (<see cref="HotspotMetrics.PageKey"/>): the address up to its first <c>?</c> or <c>#</c>.</summary>
    private string PageKey(string column)
    {
        var (question, hash) = (d.Position(column, '?'), d.Position(column, '#'));
        return $"CASE WHEN {question} = 0 AND {hash} = 0 THEN {column} "
            + $"WHEN {question} = 0 THEN substr({column}, 1, {hash} - 1) "
            + $"WHEN {hash} = 0 THEN substr({column}, 1, {question} - 1) "
            + $"ELSE substr({column}, 1, {d.Least(question, hash)} - 1) END";
    }
}
