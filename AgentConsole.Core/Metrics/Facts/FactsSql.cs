using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Core.Metrics.Facts;

/// <summary>
/// The history dashboard's rollups in SQL: the fact tables (<see cref="CaseFact"/>,
/// <see cref="ConversationFact"/>, <see cref="CaseReply"/>), the triggers that mark the
/// conversations a write touched, whoever writes (EF, the hot path's own SQL, the seeder), and the
/// statements that redo the marked rows (<see cref="CatchUp"/>, which <see cref="FactsCatchUp"/>
/// runs before every read of the facts and on a timer). Each fact row has one definition, a
/// <c>SELECT</c> over the source rows, used both by <see cref="CatchUp"/> (for the marked
/// conversations) and by <see cref="Rebuild"/> (for every row). Each provider's migration installs
/// it all in its dialect (<see cref="Sqlite"/>, <see cref="Postgres"/>;
/// <c>tools/regenerate-migration.sh</c> keeps the calls in InitialCreate).
/// </summary>
public sealed class FactsSql
{
    /// <summary>The statements for the store behind <paramref name="database"/>.</summary>
    public static FactsSql For(DatabaseFacade database) => FactsDialect.Of(database).IsPostgres ? Postgres : Sqlite;

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

    // After the lists above: the constructor reads them.
    /// <summary>The statements on SQLite.</summary>
    public static readonly FactsSql Sqlite = new(FactsDialect.Sqlite);

    /// <summary>The statements on PostgreSQL.</summary>
    public static readonly FactsSql Postgres = new(FactsDialect.Postgres);

    private readonly FactsDialect _d;
    private readonly FactsTrigger[] _triggers;

    private FactsSql(FactsDialect dialect)
    {
        _d = dialect;
        Rollups = new RollupSql(dialect);
        _triggers = TriggerList();
        Suspend = _d.Names(_triggers.Select(_d.Drop));
        Rebuild = _d.Names(
        [
            .. Serialize,
            "DELETE FROM FactsDirty;",
            .. Caught,
            "DELETE FROM CaseFacts;",
            RefreshCases("TRUE"),
            "DELETE FROM ConversationFacts;",
            RefreshConversations("TRUE"),
            "DELETE FROM ConversationBotReplies;",
            CountBotReplies("TRUE"),
            "DELETE FROM CaseReplies;",
            $"""
            INSERT INTO CaseReplies (CaseId, AgentId, FirstReplyAt)
            SELECT CaseId, ActorId, min(At) FROM CaseEvents
            WHERE Type = '{nameof(CaseEventType.Replied)}' AND ActorId IS NOT NULL GROUP BY CaseId, ActorId;
            """,
            // The day rollups are built again from the new rows by the next catch-ups (FactRollups).
            .. Rollups.Forget,
        ]);
        Resume = [.. _d.Names(_triggers.SelectMany(_d.Create)), .. Rebuild];
        Install = [.. _d.Names([.. Tables(), .. Rollups.Tables]), .. Resume];
        Uninstall = _d.Names(
        [
            .. _triggers.SelectMany(_d.Remove),
            .. Rollups.Drop,
            "DROP TABLE IF EXISTS FactsDirty;", "DROP TABLE IF EXISTS FactsProgress;", "DROP TABLE IF EXISTS CaseReplies;", "DROP TABLE IF EXISTS ConversationBotReplies;", "DROP TABLE IF EXISTS ConversationFacts;", "DROP TABLE IF EXISTS CaseFacts;",
        ]);
        CatchUp = _d.Names(
        [
            .. Serialize,
            .. TakeMarks,
            Rollups.MarkWaitingHours(Dirty),
            $"DELETE FROM CaseFacts WHERE ConversationId IN ({Dirty});",
            RefreshCases($"k.ConversationId IN ({Dirty})"),
            $"DELETE FROM ConversationFacts WHERE ConversationId IN ({Dirty});",
            RefreshConversations($"c.Id IN ({Dirty})"),
            $"DELETE FROM ConversationBotReplies WHERE ConversationId IN ({Dirty});",
            CountBotReplies($"c.Id IN ({Dirty})"),
            Rollups.MarkWaitingHours(Dirty),
            _d.IsPostgres ? "DROP TABLE facts_batch;" : "DELETE FROM FactsDirty;",
        ]);
        AnyWaiting = _d.Names(_d.IsPostgres
            ? "SELECT EXISTS (SELECT 1 FROM FactsDirty) OR EXISTS (SELECT 1 FROM RollupDirty) AS Value"
            : "SELECT EXISTS (SELECT 1 FROM FactsDirty) OR coalesce((SELECT max(Id) FROM Messages), 0) > (SELECT MessageId FROM FactsProgress) "
              + "OR coalesce((SELECT max(Id) FROM InboundEvents), 0) > (SELECT InboundEventId FROM FactsProgress) OR EXISTS (SELECT 1 FROM RollupDirty) AS Value");
    }

    /// <summary>The day rollups' statements in the same dialect.</summary>
    internal RollupSql Rollups { get; }

    /// <summary>The statements that create the fact tables, their indexes and the triggers, then fill the tables from what the store holds.</summary>
    public IReadOnlyList<string> Install { get; }

    /// <summary>The statements that drop what <see cref="Install"/> created.</summary>
    public IReadOnlyList<string> Uninstall { get; }

    /// <summary>The statements that drop the triggers alone: a bulk load (the history seeder) writes without them, then <see cref="Resume"/>s.</summary>
    public IReadOnlyList<string> Suspend { get; }

    /// <summary>The statements that put the triggers back after <see cref="Suspend"/> and recompute every row from what was loaded.</summary>
    public IReadOnlyList<string> Resume { get; }

    /// <summary>The statements that recompute every fact row from the source tables.</summary>
    public IReadOnlyList<string> Rebuild { get; }

    /// <summary>
    /// The statements that redo the fact rows of every waiting conversation (its own row, its cases' rows
    /// and its bot reply counts), record the UTC hours of the rows before and after for the day rollups
    /// (<see cref="FactRollups"/>), and clear the marks: run in one write transaction, so a mark made
    /// while they run is not lost.
    /// </summary>
    public IReadOnlyList<string> CatchUp { get; }

    /// <summary>Whether any conversation or rollup hour waits, as <c>Value</c>: a read, so a caller with nothing to do takes no write lock.</summary>
    public string AnyWaiting { get; }

    /// <summary>
    /// On PostgreSQL, where writers do not queue on one gate, a catch-up or rebuild first takes a
    /// transaction-scoped advisory lock, so two nodes never redo the same rows at once.
    /// </summary>
    private string[] Serialize => _d.IsPostgres ? ["SELECT pg_advisory_xact_lock(7271006, 1);"] : [];

    // Clustered by time, so a range's rows lie together and a page load reads them in one sweep.
    private string[] Tables()
    {
        var (time, id, flag, number, big, text, clustered) = (_d.Time, _d.Id, _d.Bool, _d.Int, _d.Long, _d.Text, _d.Clustered);
        return
        [
            $"""
            CREATE TABLE CaseFacts (
                OpenedAt {time} NOT NULL, CaseId {big} NOT NULL, ConversationId {id} NOT NULL, CustomerId {id} NULL,
                Category {text} NOT NULL, Tier {text} NULL, Channel {text} NOT NULL, TeamId {id} NULL, Skill {text} NOT NULL,
                BotFirst {flag} NOT NULL, EscalateTicks {big} NULL, WaitTicks {big} NULL, ResolveTicks {big} NULL, ResolvedAt {time} NULL,
                FirstAgentId {text} NULL, Assigned {flag} NOT NULL, Kept {flag} NOT NULL, ReopenTicks {big} NULL,
                Declines {number} NOT NULL, TimeOuts {number} NOT NULL, Reclaims {number} NOT NULL, Transfers {number} NOT NULL, Reassignments {number} NOT NULL,
                Misrouted {flag} NOT NULL, FlaggedRepeat {flag} NOT NULL, DetectedRepeat {flag} NOT NULL, Rated {flag} NOT NULL,
                ReasonMask {number} NOT NULL, Page {text} NULL, SentimentReplyId {big} NULL,
                ConversationCreatedAt {time} NOT NULL, Direct {flag} NOT NULL, Score {number} NULL, Products {text} NULL,
                PRIMARY KEY (OpenedAt, CaseId)){clustered};
            """,
            "CREATE UNIQUE INDEX IX_CaseFacts_CaseId ON CaseFacts (CaseId);",
            "CREATE INDEX IX_CaseFacts_ConversationId ON CaseFacts (ConversationId);",
            // The durations and counts of the unfiltered figures, narrow enough to read a month of cases in one short sweep.
            "CREATE INDEX IX_CaseFacts_Figures ON CaseFacts (OpenedAt, EscalateTicks, WaitTicks, ResolveTicks, BotFirst, Declines, TimeOuts, Reclaims, Transfers, Reassignments, Misrouted, FlaggedRepeat, DetectedRepeat);",
            // Routing accuracy: the resolved, assigned cases with their first agent and outcome.
            "CREATE INDEX IX_CaseFacts_Routing ON CaseFacts (OpenedAt, ResolvedAt, Assigned, Kept, ReopenTicks, Category, FirstAgentId);",
            // The few sentiment escalations, without a sweep of every case.
            "CREATE INDEX IX_CaseFacts_Sentiment ON CaseFacts (OpenedAt, SentimentReplyId) WHERE SentimentReplyId IS NOT NULL;",
            // The rated cases by when their conversation started, with every column the CSAT figures filter and sum.
            "CREATE INDEX IX_CaseFacts_Ratings ON CaseFacts (ConversationCreatedAt, Category, Score, Direct, Channel, Tier, TeamId, Skill) WHERE Score IS NOT NULL;",
            $"""
            CREATE TABLE ConversationFacts (
                CreatedAt {time} NOT NULL, ConversationId {id} NOT NULL, Quarter {big} NOT NULL, Channel {text} NOT NULL, CustomerId {id} NULL,
                Tier {text} NULL, Category {text} NOT NULL, Direct {flag} NOT NULL, FirstCaseId {big} NULL, Rated {flag} NOT NULL,
                BotGuess {text} NOT NULL, BotRatings {number} NOT NULL, BotScoreSum {number} NOT NULL,
                FirstCaseSettled {flag} NOT NULL, FirstCaseReopenTicks {big} NULL, FirstCaseRated {flag} NOT NULL,
                PRIMARY KEY (CreatedAt, ConversationId)){clustered};
            """,
            "CREATE UNIQUE INDEX IX_ConversationFacts_ConversationId ON ConversationFacts (ConversationId);",
            // The conversation figures by quarter hour: a range's rows in the order they group by, with the columns the counts and the funnel read.
            "CREATE INDEX IX_ConversationFacts_Quarter ON ConversationFacts (Quarter, CreatedAt, Direct, FirstCaseId, Rated, FirstCaseSettled, FirstCaseReopenTicks, FirstCaseRated, Channel, Tier, Category);",
            // The ratings of the bot alone, a few conversations among many.
            "CREATE INDEX IX_ConversationFacts_BotRatings ON ConversationFacts (CreatedAt, Quarter, Direct, BotGuess, BotRatings, BotScoreSum, Channel, Tier) WHERE BotRatings > 0;",
            // The conversations a write touched since the last catch-up. SQLite's writers queue on one gate, so a set will do;
            // PostgreSQL's writers run side by side, so each mark is a row of its own (see TakeMarks).
            _d.IsPostgres
                ? $"CREATE TABLE FactsDirty (Id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ConversationId {id} NOT NULL);"
                : "CREATE TABLE FactsDirty (ConversationId TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;",
            .. _d.IsPostgres ? Array.Empty<string>() :
            [
                // How far the last catch-up read the two tables every batch appends to (see NewRows).
                "CREATE TABLE FactsProgress (Id INTEGER NOT NULL PRIMARY KEY CHECK (Id = 1), MessageId INTEGER NOT NULL, InboundEventId INTEGER NOT NULL);",
                "INSERT INTO FactsProgress (Id, MessageId, InboundEventId) VALUES (1, 0, 0);",
            ],
            $"""
            CREATE TABLE ConversationBotReplies (
                CreatedAt {time} NOT NULL, ConversationId {id} NOT NULL, Text {text} NOT NULL, Channel {text} NOT NULL, Tier {text} NULL, Direct {flag} NOT NULL,
                Sent {number} NOT NULL,
                PRIMARY KEY (CreatedAt, ConversationId, Text)){clustered};
            """,
            "CREATE INDEX IX_ConversationBotReplies_ConversationId ON ConversationBotReplies (ConversationId);",
            // A top list's few texts, each over the range.
            "CREATE INDEX IX_ConversationBotReplies_Text ON ConversationBotReplies (Text, CreatedAt, Direct, Sent, Channel, Tier);",
            $"""
            CREATE TABLE CaseReplies (
                CaseId {big} NOT NULL, AgentId {text} NOT NULL, FirstReplyAt {time} NOT NULL,
                PRIMARY KEY (CaseId, AgentId)){clustered};
            """,
        ];
    }

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static string EventCount(CaseEventType type) =>
        $"(SELECT count(*) FROM CaseEvents e WHERE e.CaseId = x.Id AND e.Type = '{type}')";

    private string ReasonBits() =>
        $"CASE {_d.JsonText("Category")} "
        + string.Join(" ", Enum.GetValues<ReasonCategory>().Select(r => $"WHEN '{r}' THEN {1 << (int)r}"))
        + " ELSE 0 END";

    // A message belongs to the escalating episode when no earlier case of the conversation was still open at it.
    private static string InEpisode(string author) =>
        $"m.ConversationId = k.ConversationId AND m.Author = '{author}' AND m.SentAt <= k.OpenedAt "
        + "AND NOT EXISTS (SELECT 1 FROM Cases p WHERE p.ConversationId = k.ConversationId AND p.Id < k.Id AND p.ResolvedAt >= m.SentAt)";

    private const string FirstAssignment = $"e.CaseId = k.Id AND (e.Type = '{Accepted}' OR e.Type = '{Reassigned}' AND e.Reason = '{nameof(CaseEventReason.Reassigned)}')";

    /// <summary>Writes the fact rows of the cases <c>k</c> that <paramref name="where"/> selects (their old rows deleted first).</summary>
    private string RefreshCases(string where) => $"""
        INSERT INTO CaseFacts (OpenedAt, CaseId, ConversationId, CustomerId, Category, Tier, Channel, TeamId, Skill,
            BotFirst, EscalateTicks, WaitTicks, ResolveTicks, ResolvedAt, FirstAgentId, Assigned, Kept, ReopenTicks,
            Declines, TimeOuts, Reclaims, Transfers, Reassignments, Misrouted, FlaggedRepeat, DetectedRepeat, Rated, ReasonMask, Page, SentimentReplyId,
            ConversationCreatedAt, Direct, Score, Products)
        SELECT x.OpenedAt, x.Id, x.ConversationId, c.CustomerId, coalesce(x.ResolvedCategory, x.Category), u.Tier, c.Channel,
            CASE WHEN x.AssignedAgentId IS NOT NULL THEN (SELECT a.TeamId FROM Agents a WHERE a.Id = x.AssignedAgentId) ELSE x.TeamId END,
            x.RequiredSkill, x.BotFirst,
            CASE WHEN x.BotFirst AND x.Fcm IS NOT NULL THEN {_d.Greatest("0", $"{_d.Ticks("x.OpenedAt")} - {_d.Ticks("x.Fcm")}")} END,
            CASE WHEN x.FirstAt IS NOT NULL THEN {_d.Greatest("0", $"{_d.Ticks("x.FirstAt")} - {_d.Ticks("coalesce(x.QueuedAt, x.OpenedAt)")}")} END,
            CASE WHEN x.FirstAt IS NOT NULL AND x.ResolvedAt IS NOT NULL THEN {_d.Greatest("0", $"{_d.Ticks("x.ResolvedAt")} - {_d.Ticks("x.FirstAt")}")} END,
            x.ResolvedAt,
            (SELECT e.Detail FROM CaseEvents e WHERE e.Id = x.FirstId),
            x.FirstId IS NOT NULL,
            x.FirstId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM CaseEvents e WHERE e.CaseId = x.Id AND e.Id > x.FirstId AND e.Type IN ({List(LeavingEvents)})),
            CASE WHEN x.ResolvedAt IS NOT NULL AND x.NextOpened IS NOT NULL THEN {_d.Ticks("x.NextOpened")} - {_d.Ticks("x.ResolvedAt")} END,
            {EventCount(CaseEventType.Declined)}, {EventCount(CaseEventType.TimedOut)}, {EventCount(CaseEventType.Reclaimed)},
            {EventCount(CaseEventType.Transferred)}, {EventCount(CaseEventType.Reassigned)},
            EXISTS (SELECT 1 FROM FeedbackFlags f WHERE f.CaseId = x.Id AND f.Flag = '{CaseFlag.Misrouted}'),
            EXISTS (SELECT 1 FROM FeedbackFlags f WHERE f.CaseId = x.Id AND f.Flag = '{CaseFlag.CustomerRepeated}'),
            EXISTS (SELECT 1 FROM RepeatMentions r WHERE r.CaseId = x.Id),
            EXISTS (SELECT 1 FROM ChatRatings r WHERE r.CaseId = x.Id),
            coalesce((SELECT sum(DISTINCT {ReasonBits()}) FROM {_d.JsonElements("x.Reasons")}), 0),
            (SELECT p.Url FROM PageContexts p WHERE p.ConversationId = x.ConversationId AND p.ViewedAt <= x.OpenedAt ORDER BY p.ViewedAt DESC, p.Id DESC LIMIT 1),
            CASE WHEN EXISTS (SELECT 1 FROM {_d.JsonElements("x.Reasons")} WHERE {_d.JsonText("Category")} = '{ReasonCategory.Sentiment}') THEN
                (SELECT m.Id FROM Messages m WHERE m.ConversationId = x.ConversationId AND m.Author = '{MessageAuthor.Bot}' AND m.SentAt <= x.OpenedAt
                    AND (x.Evidence IS NULL OR m.Id < x.Evidence) ORDER BY m.SentAt DESC, m.Id DESC LIMIT 1) END,
            c.CreatedAt, {OpenedDirectly("c.Id")},
            (SELECT r.Score FROM ChatRatings r WHERE r.CaseId = x.Id), {_d.JsonList("u.Products")}
        FROM (
            SELECT k.*,
                (SELECT min(m.SentAt) FROM Messages m WHERE {InEpisode(nameof(MessageAuthor.Customer))}) AS Fcm,
                EXISTS (SELECT 1 FROM Messages m WHERE {InEpisode(nameof(MessageAuthor.Bot))}) AS BotFirst,
                (SELECT min(n.OpenedAt) FROM Cases n WHERE n.ConversationId = k.ConversationId AND n.Id > k.Id) AS NextOpened,
                (SELECT min(e.At) FROM CaseEvents e WHERE {FirstAssignment}) AS FirstAt,
                (SELECT min(e.Id) FROM CaseEvents e WHERE {FirstAssignment}) AS FirstId,
                (SELECT max({_d.JsonLong("MessageId")}) FROM {_d.JsonElements("k.Reasons")}
                    WHERE {_d.JsonText("Category")} = '{ReasonCategory.Sentiment}' AND {_d.JsonText("MessageId")} IS NOT NULL) AS Evidence
            FROM Cases k WHERE {where}) x
        JOIN Conversations c ON c.Id = x.ConversationId
        LEFT JOIN Customers u ON u.Id = c.CustomerId;
        """;

    /// <summary>Writes the fact rows of the conversations <c>c</c> that <paramref name="where"/> selects (their old rows deleted first).</summary>
    private string RefreshConversations(string where) => $"""
        INSERT INTO ConversationFacts (CreatedAt, ConversationId, Quarter, Channel, CustomerId, Tier, Category, Direct, FirstCaseId, Rated,
            BotGuess, BotRatings, BotScoreSum, FirstCaseSettled, FirstCaseReopenTicks, FirstCaseRated)
        SELECT c.CreatedAt, c.Id, {_d.Ticks("c.CreatedAt")} / {ConversationFact.QuarterTicks}, c.Channel, c.CustomerId, u.Tier,
            coalesce((SELECT coalesce(k.ResolvedCategory, k.Category) FROM Cases k WHERE k.ConversationId = c.Id ORDER BY k.Id DESC LIMIT 1), {BotGuess}),
            {OpenedDirectly("c.Id")},
            (SELECT min(k.Id) FROM Cases k WHERE k.ConversationId = c.Id),
            EXISTS (SELECT 1 FROM ChatRatings r WHERE r.ConversationId = c.Id),
            {BotGuess},
            (SELECT count(*) FROM ChatRatings r WHERE r.ConversationId = c.Id AND r.CaseId IS NULL),
            (SELECT coalesce(sum(r.Score), 0) FROM ChatRatings r WHERE r.ConversationId = c.Id AND r.CaseId IS NULL),
            coalesce(f.ResolvedAt IS NOT NULL AND f.Kept, FALSE), f.ReopenTicks, coalesce(f.Rated, FALSE)
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

    /// <summary>The conversations whose fact rows a catch-up redoes: the marks themselves on SQLite, the batch <see cref="TakeMarks"/> took on PostgreSQL.</summary>
    private string Dirty => _d.IsPostgres ? "SELECT d.ConversationId FROM facts_batch d" : "SELECT d.ConversationId FROM FactsDirty d";

    /// <summary>Marks the conversations <paramref name="select"/> returns (a <c>SELECT</c> of one column) as waiting.</summary>
    private string Mark(string select) => _d.IsPostgres ? $"INSERT INTO FactsDirty (ConversationId) {select};" : _d.InsertIgnore("FactsDirty (ConversationId)", select);

    /// <summary>Marks the conversation <paramref name="id"/> as waiting.</summary>
    private string MarkConversation(string id) => Mark($"SELECT {id}");

    /// <summary>Marks the conversation of the case <paramref name="caseId"/> as waiting.</summary>
    private string MarkCaseOf(string caseId) => Mark($"SELECT k.ConversationId FROM Cases k WHERE k.Id = {caseId}");

    /// <summary>
    /// What a catch-up starts from. On SQLite, the marks, plus the conversations of the messages and
    /// ledger rows appended since the last catch-up (<see cref="NewRows"/>). On PostgreSQL, the marks
    /// committed so far, taken out of <c>FactsDirty</c> into a batch of this transaction's own: a mark
    /// committed later stays for the next catch-up, even for a conversation in this batch.
    /// </summary>
    private string[] TakeMarks => _d.IsPostgres
        ? ["CREATE TEMP TABLE facts_batch ON COMMIT DROP AS WITH d AS (DELETE FROM FactsDirty RETURNING ConversationId) SELECT DISTINCT ConversationId FROM d;"]
        : NewRows;

    /// <summary>
    /// Marks the conversations of the messages and ledger rows appended since the last catch-up, and moves
    /// its place past them (SQLite). Every batch appends to these two tables, so they carry no trigger: their ids only
    /// grow (AUTOINCREMENT), and a catch-up holds the store's one write lock, so every row with an id beyond
    /// its place was committed after the last catch-up. PostgreSQL's writers do not queue on one lock, so there
    /// the two tables carry insert triggers instead.
    /// </summary>
    private string[] NewRows =>
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
        .. Caught,
    ];

    /// <summary>Moves the catch-up's place to the last message and ledger row stored (SQLite).</summary>
    private string[] Caught => _d.IsPostgres ? [] :
        ["UPDATE FactsProgress SET MessageId = coalesce((SELECT max(Id) FROM Messages), 0), InboundEventId = coalesce((SELECT max(Id) FROM InboundEvents), 0);"];

    /// <summary>Counts the bot's replies by text in the conversations <c>c</c> that <paramref name="where"/> selects.</summary>
    private static string CountBotReplies(string where) => $"""
        INSERT INTO ConversationBotReplies (CreatedAt, ConversationId, Text, Channel, Tier, Direct, Sent)
        SELECT c.CreatedAt, c.Id, m.Text, c.Channel, u.Tier, {OpenedDirectly("c.Id")}, count(*)
        FROM Messages m JOIN Conversations c ON c.Id = m.ConversationId LEFT JOIN Customers u ON u.Id = c.CustomerId
        WHERE m.Author = '{MessageAuthor.Bot}' AND {where} GROUP BY c.Id, m.Text, u.Tier;
        """;

    // The triggers only mark what a write touched, with statements small enough to cost the writers nothing
    // measurable; the marked rows are redone together by CatchUp, before a read and on a timer.
    private FactsTrigger[] TriggerList()
    {
        FactsTrigger After(string name, string @event, string table, string? when, string body) => new(name, @event, table, when, body);
        return
        [
            After("Facts_Cases_Insert", "INSERT", "Cases", null, MarkConversation("NEW.ConversationId")),
            After("Facts_Cases_Update", "UPDATE OF ConversationId, OpenedAt, Category, ResolvedCategory, AssignedAgentId, TeamId, RequiredSkill, QueuedAt, ResolvedAt, Reasons", "Cases",
                null, $"{MarkConversation("OLD.ConversationId")} {MarkConversation("NEW.ConversationId")}"),
            After("Facts_Cases_Delete", "DELETE", "Cases", null, MarkConversation("OLD.ConversationId")),
            After("Facts_CaseEvents_Insert", "INSERT", "CaseEvents", $"NEW.Type IN ({List(CountedEvents)})", MarkCaseOf("NEW.CaseId")),
            After("Facts_CaseEvents_Replied", "INSERT", "CaseEvents", $"NEW.Type = '{CaseEventType.Replied}' AND NEW.ActorId IS NOT NULL", $"""
                INSERT INTO CaseReplies (CaseId, AgentId, FirstReplyAt) VALUES (NEW.CaseId, NEW.ActorId, NEW.At)
                ON CONFLICT (CaseId, AgentId) DO UPDATE SET FirstReplyAt = {_d.Least("CaseReplies.FirstReplyAt", "excluded.FirstReplyAt")};
                """),
            After("Facts_FeedbackFlags_Insert", "INSERT", "FeedbackFlags", null, MarkCaseOf("NEW.CaseId")),
            After("Facts_FeedbackFlags_Update", "UPDATE", "FeedbackFlags", null, $"{MarkCaseOf("OLD.CaseId")} {MarkCaseOf("NEW.CaseId")}"),
            After("Facts_FeedbackFlags_Delete", "DELETE", "FeedbackFlags", null, MarkCaseOf("OLD.CaseId")),
            After("Facts_RepeatMentions_Insert", "INSERT", "RepeatMentions", null, MarkCaseOf("NEW.CaseId")),
            After("Facts_RepeatMentions_Delete", "DELETE", "RepeatMentions", null, MarkCaseOf("OLD.CaseId")),
            After("Facts_ChatRatings_Insert", "INSERT", "ChatRatings", null, $"{MarkConversation("NEW.ConversationId")} {MarkCaseOf("NEW.CaseId")}"),
            After("Facts_ChatRatings_Update", "UPDATE OF CaseId, ConversationId, Score", "ChatRatings", null,
                $"{MarkConversation("OLD.ConversationId")} {MarkConversation("NEW.ConversationId")} {MarkCaseOf("OLD.CaseId")} {MarkCaseOf("NEW.CaseId")}"),
            After("Facts_ChatRatings_Delete", "DELETE", "ChatRatings", null, $"{MarkConversation("OLD.ConversationId")} {MarkCaseOf("OLD.CaseId")}"),
            // On SQLite new messages and ledger rows are found by their ids (NewRows); a message changed or taken back marks its conversation.
            .. _d.IsPostgres ?
            [
                After("Facts_Messages_Insert", "INSERT", "Messages", $"NEW.Author IN ('{MessageAuthor.Customer}', '{MessageAuthor.Bot}')", MarkConversation("NEW.ConversationId")),
                After("Facts_InboundEvents_Insert", "INSERT", "InboundEvents", $"NEW.Type = '{CaseOpenedDirectlyEvent.TypeName}' AND NEW.ConversationId IS NOT NULL",
                    MarkConversation("NEW.ConversationId")),
            ] : Array.Empty<FactsTrigger>(),
            After("Facts_Messages_Update", "UPDATE OF ConversationId, Author, Text, SentAt", "Messages", null,
                $"{MarkConversation("OLD.ConversationId")} {MarkConversation("NEW.ConversationId")}"),
            After("Facts_Messages_Delete", "DELETE", "Messages", null, MarkConversation("OLD.ConversationId")),
            // A page only matters to a case opened after it (a late write).
            After("Facts_PageContexts_Insert", "INSERT", "PageContexts",
                "EXISTS (SELECT 1 FROM Cases k WHERE k.ConversationId = NEW.ConversationId AND k.OpenedAt >= NEW.ViewedAt)", MarkConversation("NEW.ConversationId")),
            After("Facts_Conversations_Insert", "INSERT", "Conversations", null, MarkConversation("NEW.Id")),
            // Every batch rewrites the conversation's row (its activity and the triggers' state); only a change of what the facts read marks it.
            After("Facts_Conversations_Update", "UPDATE OF CreatedAt, Channel, CustomerId, TriggerStateJson, TriggerStateUpdatedAt, TriggerStateCategory", "Conversations",
                $"OLD.CreatedAt IS DISTINCT FROM NEW.CreatedAt OR OLD.Channel IS DISTINCT FROM NEW.Channel OR OLD.CustomerId IS DISTINCT FROM NEW.CustomerId OR {GuessOf("OLD")} IS DISTINCT FROM {GuessOf("NEW")}",
                MarkConversation("NEW.Id")),
            After("Facts_Conversations_Delete", "DELETE", "Conversations", null, MarkConversation("OLD.Id")),
            After("Facts_Customers_Profile", "UPDATE OF Tier, Products", "Customers", "OLD.Tier IS DISTINCT FROM NEW.Tier OR OLD.Products IS DISTINCT FROM NEW.Products",
                Mark("SELECT c.Id FROM Conversations c WHERE c.CustomerId = NEW.Id")),
            After("Facts_Agents_Team", "UPDATE OF TeamId", "Agents", "OLD.TeamId IS DISTINCT FROM NEW.TeamId",
                Mark("SELECT k.ConversationId FROM Cases k WHERE k.AssignedAgentId = NEW.Id")),
        ];
    }
}
