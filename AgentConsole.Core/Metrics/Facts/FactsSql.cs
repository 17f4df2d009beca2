using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Metrics.Facts;

/// <summary>
/// The history dashboard's rollups in SQL: the fact tables (<see cref="CaseFact"/>,
/// <see cref="ConversationFact"/>, <see cref="CaseReply"/>), the triggers that mark the
/// conversations a write touched, whoever writes (EF, the hot path's own SQL, the seeder), and the
/// statements that redo the marked rows (<see cref="CatchUp"/>, which <see cref="FactsCatchUp"/>
/// runs before every read of the facts and on a timer). Each fact row has one definition, a
/// <c>SELECT</c> over the source rows, used both by <see cref="CatchUp"/> (for the marked
/// conversations) and by <see cref="Rebuild"/> (for every row). The migration installs it all
/// (<c>tools/regenerate-migration.sh</c> keeps the call in InitialCreate).
/// </summary>
public static class FactsSql
{
    private const string Accepted = nameof(CaseEventType.Accepted), Reassigned = nameof(CaseEventType.Reassigned);

    /// <summary>The case log entries a case fact reads: the first assignment and everything counted after it.</summary>
    private static readonly string[] CountedEvents =
    [
        Accepted, Reassigned, nameof(CaseEventType.Declined), nameof(CaseEventType.TimedOut), nameof(CaseEventType.Reclaimed),
        nameof(CaseEventType.Transferred), nameof(CaseEventType.ToEngineering), nameof(CaseEventType.HoldExpired),
    ];

    /// <summary>The entries after which a case has left its first agent.</summary>
    private static readonly string[] LeavingEvents =
    [
        nameof(CaseEventType.Transferred), Reassigned, nameof(CaseEventType.ToEngineering), nameof(CaseEventType.Reclaimed), nameof(CaseEventType.HoldExpired),
    ];

    /// <summary>The statements that create the fact tables, their indexes and the triggers, then fill the tables from what the store holds.</summary>
    public static IReadOnlyList<string> Install => [.. Tables, .. RollupSql.Tables, .. Triggers, .. Rebuild];

    /// <summary>The statements that drop what <see cref="Install"/> created.</summary>
    public static IReadOnlyList<string> Uninstall =>
    [
        .. Suspend,
        .. RollupSql.Drop,
        "DROP TABLE IF EXISTS FactsDirty;", "DROP TABLE IF EXISTS FactsProgress;", "DROP TABLE IF EXISTS CaseReplies;", "DROP TABLE IF EXISTS ConversationBotReplies;", "DROP TABLE IF EXISTS ConversationFacts;", "DROP TABLE IF EXISTS CaseFacts;",
    ];

    /// <summary>The statements that drop the triggers alone: a bulk load (the history seeder) writes without them, then <see cref="Resume"/>s.</summary>
    public static IReadOnlyList<string> Suspend => [.. TriggerNames.Select(name => $"DROP TRIGGER IF EXISTS {name};")];

    /// <summary>The statements that put the triggers back after <see cref="Suspend"/> and recompute every row from what was loaded.</summary>
    public static IReadOnlyList<string> Resume => [.. Triggers, .. Rebuild];

    /// <summary>The statements that recompute every fact row from the source tables.</summary>
    public static IReadOnlyList<string> Rebuild =>
    [
        "DELETE FROM FactsDirty;",
        Caught,
        "DELETE FROM CaseFacts;",
        RefreshCases("1"),
        "DELETE FROM ConversationFacts;",
        RefreshConversations("1"),
        "DELETE FROM ConversationBotReplies;",
        CountBotReplies("1"),
        "DELETE FROM CaseReplies;",
        $"""
        INSERT INTO CaseReplies (CaseId, AgentId, FirstReplyAt)
        SELECT CaseId, ActorId, min(At) FROM CaseEvents
        WHERE Type = '{nameof(CaseEventType.Replied)}' AND ActorId IS NOT NULL GROUP BY CaseId, ActorId;
        """,
        // The day rollups are built again from the new rows by the next catch-ups (FactRollups).
        .. RollupSql.Forget,
    ];

    // Clustered by time, so a range's rows lie together and a page load reads them in one sweep.
    private static readonly string[] Tables =
    [
        """
        CREATE TABLE CaseFacts (
            OpenedAt TEXT NOT NULL, CaseId INTEGER NOT NULL, ConversationId TEXT NOT NULL, CustomerId TEXT NULL,
            Category TEXT NOT NULL, Tier TEXT NULL, Channel TEXT NOT NULL, TeamId TEXT NULL, Skill TEXT NOT NULL,
            BotFirst INTEGER NOT NULL, EscalateTicks INTEGER NULL, WaitTicks INTEGER NULL, ResolveTicks INTEGER NULL, ResolvedAt TEXT NULL,
            FirstAgentId TEXT NULL, Assigned INTEGER NOT NULL, Kept INTEGER NOT NULL, ReopenTicks INTEGER NULL,
            Declines INTEGER NOT NULL, TimeOuts INTEGER NOT NULL, Reclaims INTEGER NOT NULL, Transfers INTEGER NOT NULL, Reassignments INTEGER NOT NULL,
            Misrouted INTEGER NOT NULL, FlaggedRepeat INTEGER NOT NULL, DetectedRepeat INTEGER NOT NULL, Rated INTEGER NOT NULL,
            ReasonMask INTEGER NOT NULL, Page TEXT NULL, SentimentReplyId INTEGER NULL,
            ConversationCreatedAt TEXT NOT NULL, Direct INTEGER NOT NULL, Score INTEGER NULL, Products TEXT NULL,
            PRIMARY KEY (OpenedAt, CaseId)) WITHOUT ROWID;
        """,
        "CREATE UNIQUE INDEX IX_CaseFacts_CaseId ON CaseFacts (CaseId);",
        "CREATE INDEX IX_CaseFacts_ConversationId ON CaseFacts (ConversationId);",
        // The rated cases by when their conversation started, with every column the CSAT figures filter and sum.
        // The durations and counts of the unfiltered figures, narrow enough to read a month of cases in one short sweep.
        "CREATE INDEX IX_CaseFacts_Figures ON CaseFacts (OpenedAt, EscalateTicks, WaitTicks, ResolveTicks, BotFirst, Declines, TimeOuts, Reclaims, Transfers, Reassignments, Misrouted, FlaggedRepeat, DetectedRepeat);",
        // Routing accuracy: the resolved, assigned cases with their first agent and outcome.
        "CREATE INDEX IX_CaseFacts_Routing ON CaseFacts (OpenedAt, ResolvedAt, Assigned, Kept, ReopenTicks, Category, FirstAgentId);",
        // The few sentiment escalations, without a sweep of every case.
        "CREATE INDEX IX_CaseFacts_Sentiment ON CaseFacts (OpenedAt, SentimentReplyId) WHERE SentimentReplyId IS NOT NULL;",
        "CREATE INDEX IX_CaseFacts_Ratings ON CaseFacts (ConversationCreatedAt, Category, Score, Direct, Channel, Tier, TeamId, Skill) WHERE Score IS NOT NULL;",
        """
        CREATE TABLE ConversationFacts (
            CreatedAt TEXT NOT NULL, ConversationId TEXT NOT NULL, Quarter INTEGER NOT NULL, Channel TEXT NOT NULL, CustomerId TEXT NULL,
            Tier TEXT NULL, Category TEXT NOT NULL, Direct INTEGER NOT NULL, FirstCaseId INTEGER NULL, Rated INTEGER NOT NULL,
            BotGuess TEXT NOT NULL, BotRatings INTEGER NOT NULL, BotScoreSum INTEGER NOT NULL,
            FirstCaseSettled INTEGER NOT NULL, FirstCaseReopenTicks INTEGER NULL, FirstCaseRated INTEGER NOT NULL,
            PRIMARY KEY (CreatedAt, ConversationId)) WITHOUT ROWID;
        """,
        "CREATE UNIQUE INDEX IX_ConversationFacts_ConversationId ON ConversationFacts (ConversationId);",
        // The conversation figures by quarter hour: a range's rows in the order they group by, with the columns the counts and the funnel read.
        "CREATE INDEX IX_ConversationFacts_Quarter ON ConversationFacts (Quarter, CreatedAt, Direct, FirstCaseId, Rated, FirstCaseSettled, FirstCaseReopenTicks, FirstCaseRated, Channel, Tier, Category);",
        // The ratings of the bot alone, a few conversations among many.
        "CREATE INDEX IX_ConversationFacts_BotRatings ON ConversationFacts (CreatedAt, Quarter, Direct, BotGuess, BotRatings, BotScoreSum, Channel, Tier) WHERE BotRatings > 0;",
        // The conversations a write touched since the last catch-up.
        "CREATE TABLE FactsDirty (ConversationId TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;",
        // How far the last catch-up read the two tables every batch appends to (see NewRows).
        "CREATE TABLE FactsProgress (Id INTEGER NOT NULL PRIMARY KEY CHECK (Id = 1), MessageId INTEGER NOT NULL, InboundEventId INTEGER NOT NULL);",
        "INSERT INTO FactsProgress (Id, MessageId, InboundEventId) VALUES (1, 0, 0);",
        """
        CREATE TABLE ConversationBotReplies (
            CreatedAt TEXT NOT NULL, ConversationId TEXT NOT NULL, Text TEXT NOT NULL, Channel TEXT NOT NULL, Tier TEXT NULL, Direct INTEGER NOT NULL,
            Sent INTEGER NOT NULL,
            PRIMARY KEY (CreatedAt, ConversationId, Text)) WITHOUT ROWID;
        """,
        "CREATE INDEX IX_ConversationBotReplies_ConversationId ON ConversationBotReplies (ConversationId);",
        // A top list's few texts, each over the range.
        "CREATE INDEX IX_ConversationBotReplies_Text ON ConversationBotReplies (Text, CreatedAt, Direct, Sent, Channel, Tier);",
        """
        CREATE TABLE CaseReplies (
            CaseId INTEGER NOT NULL, AgentId TEXT NOT NULL, FirstReplyAt TEXT NOT NULL,
            PRIMARY KEY (CaseId, AgentId)) WITHOUT ROWID;
        """,
    ];

    /// <summary>
    /// The ticks since the Unix epoch of a stored time (EF keeps <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>):
    /// whole seconds from <c>strftime</c> and the fraction's digits, so differences are exact.
    /// </summary>
    private static string Ticks(string x) =>
        $"(CAST(strftime('%s', substr({x}, 1, 19)) AS INTEGER) * 10000000 + CASE WHEN length({x}) > 20 THEN CAST(substr(substr({x}, 21) || '000000', 1, 7) AS INTEGER) ELSE 0 END)";

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static string EventCount(CaseEventType type) =>
        $"(SELECT count(*) FROM CaseEvents e WHERE e.CaseId = x.Id AND e.Type = '{type}')";

    private static string ReasonBits() =>
        "CASE json_extract(j.value, '$.Category') "
        + string.Join(" ", Enum.GetValues<ReasonCategory>().Select(r => $"WHEN '{r}' THEN {1 << (int)r}"))
        + " ELSE 0 END";

    // A message belongs to the escalating episode when no earlier case of the conversation was still open at it.
    private static string InEpisode(string author) =>
        $"m.ConversationId = k.ConversationId AND m.Author = '{author}' AND m.SentAt <= k.OpenedAt "
        + "AND NOT EXISTS (SELECT 1 FROM Cases p WHERE p.ConversationId = k.ConversationId AND p.Id < k.Id AND p.ResolvedAt >= m.SentAt)";

    private const string FirstAssignment = $"e.CaseId = k.Id AND (e.Type = '{Accepted}' OR e.Type = '{Reassigned}' AND e.Reason = '{nameof(CaseEventReason.Reassigned)}')";

    /// <summary>(Re)writes the fact rows of the cases <c>k</c> that <paramref name="where"/> selects.</summary>
    private static string RefreshCases(string where) => $"""
        INSERT OR REPLACE INTO CaseFacts (OpenedAt, CaseId, ConversationId, CustomerId, Category, Tier, Channel, TeamId, Skill,
            BotFirst, EscalateTicks, WaitTicks, ResolveTicks, ResolvedAt, FirstAgentId, Assigned, Kept, ReopenTicks,
            Declines, TimeOuts, Reclaims, Transfers, Reassignments, Misrouted, FlaggedRepeat, DetectedRepeat, Rated, ReasonMask, Page, SentimentReplyId,
            ConversationCreatedAt, Direct, Score, Products)
        SELECT x.OpenedAt, x.Id, x.ConversationId, c.CustomerId, coalesce(x.ResolvedCategory, x.Category), u.Tier, c.Channel,
            CASE WHEN x.AssignedAgentId IS NOT NULL THEN (SELECT a.TeamId FROM Agents a WHERE a.Id = x.AssignedAgentId) ELSE x.TeamId END,
            x.RequiredSkill, x.BotFirst,
            CASE WHEN x.BotFirst AND x.Fcm IS NOT NULL THEN max(0, {Ticks("x.OpenedAt")} - {Ticks("x.Fcm")}) END,
            CASE WHEN x.FirstAt IS NOT NULL THEN max(0, {Ticks("x.FirstAt")} - {Ticks("coalesce(x.QueuedAt, x.OpenedAt)")}) END,
            CASE WHEN x.FirstAt IS NOT NULL AND x.ResolvedAt IS NOT NULL THEN max(0, {Ticks("x.ResolvedAt")} - {Ticks("x.FirstAt")}) END,
            x.ResolvedAt,
            (SELECT e.Detail FROM CaseEvents e WHERE e.Id = x.FirstId),
            x.FirstId IS NOT NULL,
            x.FirstId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM CaseEvents e WHERE e.CaseId = x.Id AND e.Id > x.FirstId AND e.Type IN ({List(LeavingEvents)})),
            CASE WHEN x.ResolvedAt IS NOT NULL AND x.NextOpened IS NOT NULL THEN {Ticks("x.NextOpened")} - {Ticks("x.ResolvedAt")} END,
            {EventCount(CaseEventType.Declined)}, {EventCount(CaseEventType.TimedOut)}, {EventCount(CaseEventType.Reclaimed)},
            {EventCount(CaseEventType.Transferred)}, {EventCount(CaseEventType.Reassigned)},
            EXISTS (SELECT 1 FROM FeedbackFlags f WHERE f.CaseId = x.Id AND f.Flag = '{CaseFlag.Misrouted}'),
            EXISTS (SELECT 1 FROM FeedbackFlags f WHERE f.CaseId = x.Id AND f.Flag = '{CaseFlag.CustomerRepeated}'),
            EXISTS (SELECT 1 FROM RepeatMentions r WHERE r.CaseId = x.Id),
            EXISTS (SELECT 1 FROM ChatRatings r WHERE r.CaseId = x.Id),
            coalesce((SELECT sum(DISTINCT {ReasonBits()}) FROM json_each(coalesce(x.Reasons, '[]')) j), 0),
            (SELECT p.Url FROM PageContexts p WHERE p.ConversationId = x.ConversationId AND p.ViewedAt <= x.OpenedAt ORDER BY p.ViewedAt DESC, p.Id DESC LIMIT 1),
            CASE WHEN EXISTS (SELECT 1 FROM json_each(coalesce(x.Reasons, '[]')) j WHERE json_extract(j.value, '$.Category') = '{ReasonCategory.Sentiment}') THEN
                (SELECT m.Id FROM Messages m WHERE m.ConversationId = x.ConversationId AND m.Author = '{MessageAuthor.Bot}' AND m.SentAt <= x.OpenedAt
                    AND (x.Evidence IS NULL OR m.Id < x.Evidence) ORDER BY m.SentAt DESC, m.Id DESC LIMIT 1) END,
            c.CreatedAt, {OpenedDirectly("c.Id")},
            (SELECT r.Score FROM ChatRatings r WHERE r.CaseId = x.Id), u.Products
        FROM (
            SELECT k.*,
                (SELECT min(m.SentAt) FROM Messages m WHERE {InEpisode(nameof(MessageAuthor.Customer))}) AS Fcm,
                EXISTS (SELECT 1 FROM Messages m WHERE {InEpisode(nameof(MessageAuthor.Bot))}) AS BotFirst,
                (SELECT min(n.OpenedAt) FROM Cases n WHERE n.ConversationId = k.ConversationId AND n.Id > k.Id) AS NextOpened,
                (SELECT min(e.At) FROM CaseEvents e WHERE {FirstAssignment}) AS FirstAt,
                (SELECT min(e.Id) FROM CaseEvents e WHERE {FirstAssignment}) AS FirstId,
                (SELECT max(json_extract(j.value, '$.MessageId')) FROM json_each(coalesce(k.Reasons, '[]')) j
                    WHERE json_extract(j.value, '$.Category') = '{ReasonCategory.Sentiment}' AND json_extract(j.value, '$.MessageId') IS NOT NULL) AS Evidence
            FROM Cases k WHERE {where}) x
        JOIN Conversations c ON c.Id = x.ConversationId
        LEFT JOIN Customers u ON u.Id = c.CustomerId;
        """;

    /// <summary>(Re)writes the fact rows of the conversations <c>c</c> that <paramref name="where"/> selects.</summary>
    private static string RefreshConversations(string where) => $"""
        INSERT OR REPLACE INTO ConversationFacts (CreatedAt, ConversationId, Quarter, Channel, CustomerId, Tier, Category, Direct, FirstCaseId, Rated,
            BotGuess, BotRatings, BotScoreSum, FirstCaseSettled, FirstCaseReopenTicks, FirstCaseRated)
        SELECT c.CreatedAt, c.Id, {Ticks("c.CreatedAt")} / {ConversationFact.QuarterTicks}, c.Channel, c.CustomerId, u.Tier,
            coalesce((SELECT coalesce(k.ResolvedCategory, k.Category) FROM Cases k WHERE k.ConversationId = c.Id ORDER BY k.Id DESC LIMIT 1), {BotGuess}),
            {OpenedDirectly("c.Id")},
            (SELECT min(k.Id) FROM Cases k WHERE k.ConversationId = c.Id),
            EXISTS (SELECT 1 FROM ChatRatings r WHERE r.ConversationId = c.Id),
            {BotGuess},
            (SELECT count(*) FROM ChatRatings r WHERE r.ConversationId = c.Id AND r.CaseId IS NULL),
            (SELECT coalesce(sum(r.Score), 0) FROM ChatRatings r WHERE r.ConversationId = c.Id AND r.CaseId IS NULL),
            coalesce(f.ResolvedAt IS NOT NULL AND f.Kept, 0), f.ReopenTicks, coalesce(f.Rated, 0)
        FROM Conversations c LEFT JOIN Customers u ON u.Id = c.CustomerId
        -- The first case's row, redone just before (a catch-up and a rebuild redo the cases first).
        LEFT JOIN CaseFacts f ON f.CaseId = (SELECT min(k.Id) FROM Cases k WHERE k.ConversationId = c.Id)
        WHERE {where};
        """;

    /// <summary>What <see cref="BotGuess"/> reads of the conversation row <paramref name="row"/> (OLD or NEW in a trigger).</summary>
    private static string GuessOf(string row) =>
        $"(CASE WHEN {row}.TriggerStateJson IS NOT NULL AND {row}.TriggerStateUpdatedAt IS NOT NULL THEN {row}.TriggerStateCategory END)";

    /// <summary>The bot's leading category for the conversation <c>c</c>, else <see cref="IssueCategory.Other"/>.</summary>
    private const string BotGuess =
        $"coalesce(CASE WHEN c.TriggerStateJson IS NOT NULL AND c.TriggerStateUpdatedAt IS NOT NULL THEN c.TriggerStateCategory END, '{nameof(IssueCategory.Other)}')";

    private static string OpenedDirectly(string conversation) =>
        $"EXISTS (SELECT 1 FROM InboundEvents i WHERE i.ConversationId = {conversation} AND i.Type = '{CaseOpenedDirectlyEvent.TypeName}')";

    /// <summary>The conversations whose fact rows wait to be redone.</summary>
    private const string Dirty = "SELECT d.ConversationId FROM FactsDirty d";

    /// <summary>Marks the conversations <paramref name="select"/> returns (a <c>SELECT</c> of one column) as waiting.</summary>
    private static string Mark(string select) => $"INSERT OR IGNORE INTO FactsDirty (ConversationId) {select};";

    /// <summary>Marks the conversation <paramref name="id"/> as waiting.</summary>
    private static string MarkConversation(string id) => Mark($"SELECT {id}");

    /// <summary>Marks the conversation of the case <paramref name="caseId"/> as waiting.</summary>
    private static string MarkCaseOf(string caseId) => Mark($"SELECT k.ConversationId FROM Cases k WHERE k.Id = {caseId}");

    /// <summary>
    /// The statements that redo the fact rows of every waiting conversation (its own row, its cases' rows
    /// and its bot reply counts), drop the rows of what was deleted, record the UTC hours of the rows
    /// before and after for the day rollups (<see cref="FactRollups"/>), and clear the marks: run in one
    /// write transaction, so a mark made while they run is not lost.
    /// </summary>
    public static IReadOnlyList<string> CatchUp =>
    [
        .. NewRows,
        RollupSql.MarkWaitingHours,
        $"DELETE FROM CaseFacts WHERE ConversationId IN ({Dirty}) AND NOT EXISTS (SELECT 1 FROM Cases k WHERE k.Id = CaseFacts.CaseId);",
        RefreshCases($"k.ConversationId IN ({Dirty})"),
        $"DELETE FROM ConversationFacts WHERE ConversationId IN ({Dirty}) AND NOT EXISTS (SELECT 1 FROM Conversations c WHERE c.Id = ConversationFacts.ConversationId);",
        RefreshConversations($"c.Id IN ({Dirty})"),
        $"DELETE FROM ConversationBotReplies WHERE ConversationId IN ({Dirty});",
        CountBotReplies($"c.Id IN ({Dirty})"),
        RollupSql.MarkWaitingHours,
        "DELETE FROM FactsDirty;",
    ];

    /// <summary>
    /// Marks the conversations of the messages and ledger rows appended since the last catch-up, and moves
    /// its place past them. Every batch appends to these two tables, so they carry no trigger: their ids only
    /// grow (AUTOINCREMENT), and a catch-up holds the store's one write lock, so every row with an id beyond
    /// its place was committed after the last catch-up.
    /// </summary>
    private static readonly string[] NewRows =
    [
        $"""
        INSERT OR IGNORE INTO FactsDirty (ConversationId)
        SELECT DISTINCT m.ConversationId FROM Messages m
        WHERE m.Id > (SELECT p.MessageId FROM FactsProgress p) AND m.Author IN ('{MessageAuthor.Customer}', '{MessageAuthor.Bot}');
        """,
        $"""
        INSERT OR IGNORE INTO FactsDirty (ConversationId)
        SELECT DISTINCT i.ConversationId FROM InboundEvents i
        WHERE i.Id > (SELECT p.InboundEventId FROM FactsProgress p) AND i.Type = '{CaseOpenedDirectlyEvent.TypeName}';
        """,
        Caught,
    ];

    /// <summary>Moves the catch-up's place to the last message and ledger row stored.</summary>
    private const string Caught =
        "UPDATE FactsProgress SET MessageId = coalesce((SELECT max(Id) FROM Messages), 0), InboundEventId = coalesce((SELECT max(Id) FROM InboundEvents), 0);";

    /// <summary>Whether any conversation or rollup hour waits: a read, so a caller with nothing to do takes no write lock.</summary>
    public const string AnyWaiting =
        "SELECT EXISTS (SELECT 1 FROM FactsDirty) OR coalesce((SELECT max(Id) FROM Messages), 0) > (SELECT MessageId FROM FactsProgress) " +
        "OR coalesce((SELECT max(Id) FROM InboundEvents), 0) > (SELECT InboundEventId FROM FactsProgress) OR EXISTS (SELECT 1 FROM RollupDirty)";

    /// <summary>Counts the bot's replies by text in the conversations <c>c</c> that <paramref name="where"/> selects.</summary>
    private static string CountBotReplies(string where) => $"""
        INSERT INTO ConversationBotReplies (CreatedAt, ConversationId, Text, Channel, Tier, Direct, Sent)
        SELECT c.CreatedAt, c.Id, m.Text, c.Channel, u.Tier, {OpenedDirectly("c.Id")}, count(*)
        FROM Messages m JOIN Conversations c ON c.Id = m.ConversationId LEFT JOIN Customers u ON u.Id = c.CustomerId
        WHERE m.Author = '{MessageAuthor.Bot}' AND {where} GROUP BY c.Id, m.Text;
        """;

    // The triggers only mark what a write touched, with statements small enough to cost the writers nothing
    // measurable; the marked rows are redone together by CatchUp, before a read and on a timer.
    private static readonly (string Name, string Definition)[] TriggerList =
    [
        ("Facts_Cases_Insert", $"AFTER INSERT ON Cases BEGIN {MarkConversation("NEW.ConversationId")} END"),
        ("Facts_Cases_Update", $"""
            AFTER UPDATE OF ConversationId, OpenedAt, Category, ResolvedCategory, AssignedAgentId, TeamId, RequiredSkill, QueuedAt, ResolvedAt, Reasons ON Cases
            BEGIN {MarkConversation("OLD.ConversationId")} {MarkConversation("NEW.ConversationId")} END
            """),
        ("Facts_Cases_Delete", $"AFTER DELETE ON Cases BEGIN {MarkConversation("OLD.ConversationId")} END"),
        ("Facts_CaseEvents_Insert", $"AFTER INSERT ON CaseEvents WHEN NEW.Type IN ({List(CountedEvents)}) BEGIN {MarkCaseOf("NEW.CaseId")} END"),
        ("Facts_CaseEvents_Replied", $"""
            AFTER INSERT ON CaseEvents WHEN NEW.Type = '{CaseEventType.Replied}' AND NEW.ActorId IS NOT NULL BEGIN
            INSERT INTO CaseReplies (CaseId, AgentId, FirstReplyAt) VALUES (NEW.CaseId, NEW.ActorId, NEW.At)
            ON CONFLICT (CaseId, AgentId) DO UPDATE SET FirstReplyAt = min(FirstReplyAt, excluded.FirstReplyAt); END
            """),
        ("Facts_FeedbackFlags_Insert", $"AFTER INSERT ON FeedbackFlags BEGIN {MarkCaseOf("NEW.CaseId")} END"),
        ("Facts_FeedbackFlags_Update", $"AFTER UPDATE ON FeedbackFlags BEGIN {MarkCaseOf("OLD.CaseId")} {MarkCaseOf("NEW.CaseId")} END"),
        ("Facts_FeedbackFlags_Delete", $"AFTER DELETE ON FeedbackFlags BEGIN {MarkCaseOf("OLD.CaseId")} END"),
        ("Facts_RepeatMentions_Insert", $"AFTER INSERT ON RepeatMentions BEGIN {MarkCaseOf("NEW.CaseId")} END"),
        ("Facts_RepeatMentions_Delete", $"AFTER DELETE ON RepeatMentions BEGIN {MarkCaseOf("OLD.CaseId")} END"),
        ("Facts_ChatRatings_Insert", $"AFTER INSERT ON ChatRatings BEGIN {MarkConversation("NEW.ConversationId")} {MarkCaseOf("NEW.CaseId")} END"),
        ("Facts_ChatRatings_Update", $"""
            AFTER UPDATE OF CaseId, ConversationId, Score ON ChatRatings BEGIN
            {MarkConversation("OLD.ConversationId")} {MarkConversation("NEW.ConversationId")} {MarkCaseOf("OLD.CaseId")} {MarkCaseOf("NEW.CaseId")} END
            """),
        ("Facts_ChatRatings_Delete", $"AFTER DELETE ON ChatRatings BEGIN {MarkConversation("OLD.ConversationId")} {MarkCaseOf("OLD.CaseId")} END"),
        // New messages and ledger rows are found by their ids (NewRows); a message changed or taken back marks its conversation.
        ("Facts_Messages_Update", $"AFTER UPDATE OF ConversationId, Author, Text, SentAt ON Messages BEGIN {MarkConversation("OLD.ConversationId")} {MarkConversation("NEW.ConversationId")} END"),
        ("Facts_Messages_Delete", $"AFTER DELETE ON Messages BEGIN {MarkConversation("OLD.ConversationId")} END"),
        // A page only matters to a case opened after it (a late write).
        ("Facts_PageContexts_Insert", $"""
            AFTER INSERT ON PageContexts WHEN EXISTS (SELECT 1 FROM Cases k WHERE k.ConversationId = NEW.ConversationId AND k.OpenedAt >= NEW.ViewedAt)
            BEGIN {MarkConversation("NEW.ConversationId")} END
            """),
        ("Facts_Conversations_Insert", $"AFTER INSERT ON Conversations BEGIN {MarkConversation("NEW.Id")} END"),
        // Every batch rewrites the conversation's row (its activity and the triggers' state); only a change of what the facts read marks it.
        ("Facts_Conversations_Update", $"""
            AFTER UPDATE OF CreatedAt, Channel, CustomerId, TriggerStateJson, TriggerStateUpdatedAt, TriggerStateCategory ON Conversations
            WHEN OLD.CreatedAt IS NOT NEW.CreatedAt OR OLD.Channel IS NOT NEW.Channel OR OLD.CustomerId IS NOT NEW.CustomerId
                OR {GuessOf("OLD")} IS NOT {GuessOf("NEW")}
            BEGIN {MarkConversation("NEW.Id")} END
            """),
        ("Facts_Conversations_Delete", $"AFTER DELETE ON Conversations BEGIN {MarkConversation("OLD.Id")} END"),
        ("Facts_Customers_Profile", $"""
            AFTER UPDATE OF Tier, Products ON Customers WHEN OLD.Tier IS NOT NEW.Tier OR OLD.Products IS NOT NEW.Products
            BEGIN {Mark("SELECT c.Id FROM Conversations c WHERE c.CustomerId = NEW.Id")} END
            """),
        ("Facts_Agents_Team", $"""
            AFTER UPDATE OF TeamId ON Agents WHEN OLD.TeamId IS NOT NEW.TeamId
            BEGIN {Mark("SELECT k.ConversationId FROM Cases k WHERE k.AssignedAgentId = NEW.Id")} END
            """),
    ];

    private static IEnumerable<string> TriggerNames => TriggerList.Select(t => t.Name);

    private static IEnumerable<string> Triggers => TriggerList.Select(t => $"CREATE TRIGGER {t.Name} {t.Definition};");
}
