using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Conversations.Ingestion;

/// <summary>
/// The conversation's own row on the ingestion path, with the triggers' state it carries, read and written with prepared statements
/// (<see cref="PreparedCommands"/>) rather than change tracking: every batch reads it and most
/// batches move its last activity, and on the writer's open connection each statement is compiled
/// once. Values go through the model's column mappings, so the row is the one EF would write.
/// </summary>
internal static class ConversationRows
{
    // The conversation, its trigger state and the bot's view of its latest case, in one statement:
    // the write lock is held from here to the commit, so only a case this batch opens can change the view.
    private static readonly string FindSql = $"""
        SELECT c."Id", c."Channel", c."CustomerId", c."Stage", c."CreatedAt", c."LastActivityAt", c."FirstCustomerMessageAt", c."TriggerStateJson",
            {EscalationView.Columns("@p2")}
        FROM "Conversations" AS c
        LEFT JOIN "Cases" AS k ON k."Id" = (SELECT MAX(l."Id") FROM "Cases" AS l WHERE l."ConversationId" = c."Id")
        LEFT JOIN "Agents" AS a ON a."Id" = k."AssignedAgentId"
        WHERE c."IntegrationId" = @p0 AND c."ExternalId" = @p1
        """;

    private const string UpdateSql = """
        UPDATE "Conversations" SET "CustomerId" = @p0, "Stage" = @p1, "LastActivityAt" = @p2, "FirstCustomerMessageAt" = @p3 WHERE "Id" = @p4
        """;

    private const string UpdateWithStateSql = """
        UPDATE "Conversations" SET "CustomerId" = @p0, "Stage" = @p1, "LastActivityAt" = @p2, "FirstCustomerMessageAt" = @p3,
            "TriggerStateJson" = @p4, "TriggerStateCategory" = @p5, "TriggerStateUpdatedAt" = @p6 WHERE "Id" = @p7
        """;

    /// <summary>A stored conversation with its trigger state and the bot's view of its latest case, as read at the start of a batch.</summary>
    public sealed record Found(Conversation Conversation, string? StateJson, EscalationView? Escalation)
    {
        // What the row held, so the batch writes it back only when something changed.
        public (Guid? CustomerId, ConversationStage Stage, DateTime LastActivityAt, DateTime? FirstCustomerMessageAt) Stored { get; } =
            (Conversation.CustomerId, Conversation.Stage, Conversation.LastActivityAt, Conversation.FirstCustomerMessageAt);
    }

    /// <summary>The conversation <paramref name="externalId"/> of <paramref name="integrationId"/> with its trigger state, or null.</summary>
    public static Found? Find(AgentConsoleDbContext db, Guid integrationId, string externalId)
    {
        StoreColumn[] columns = [StoreColumn.Of<Conversation>(db.Model, nameof(Conversation.IntegrationId)),
            StoreColumn.Of<Conversation>(db.Model, nameof(Conversation.ExternalId)), StoreColumn.Of<Case>(db.Model, nameof(Case.Status))];
        using var reader = PreparedCommands.Bind(PreparedCommands.For(db, FindSql, columns), columns, integrationId, externalId, CaseStatus.Queued).ExecuteReader();
        if (!reader.Read()) return null;
        var conversation = Conversation.Restore(
            reader.GetGuid(0), integrationId, externalId, reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetGuid(2),
            Enum.Parse<ConversationStage>(reader.GetString(3)),
            Utc(reader.GetDateTime(4)), Utc(reader.GetDateTime(5)),
            reader.IsDBNull(6) ? null : Utc(reader.GetDateTime(6)));
        return new Found(conversation, reader.IsDBNull(7) ? null : reader.GetString(7), EscalationView.Read(reader, 8));
    }

    /// <summary>Stores a conversation created by this batch.</summary>
    public static void Insert(AgentConsoleDbContext db, Conversation c) =>
        new RowInserter<Conversation>(db, nameof(Conversation.Id), nameof(Conversation.IntegrationId), nameof(Conversation.ExternalId),
                nameof(Conversation.Channel), nameof(Conversation.CustomerId), nameof(Conversation.Stage), nameof(Conversation.CreatedAt),
                nameof(Conversation.LastActivityAt), nameof(Conversation.FirstCustomerMessageAt))
            .TryInsert(c.Id, c.IntegrationId, c.ExternalId, c.Channel, c.CustomerId, c.Stage, c.CreatedAt, c.LastActivityAt, c.FirstCustomerMessageAt);

    /// <summary>
    /// Writes back what a batch changed on the conversation: its customer, stage and times, and the
    /// triggers' <paramref name="state"/> when the batch gave them something to read. Returns the state's
    /// stored text, or null when there was no state to write.
    /// </summary>
    public static string? Update(AgentConsoleDbContext db, Conversation c, TriggerState? state, DateTime now)
    {
        if (state is null)
        {
            var columns = StoreColumn.Of<Conversation>(db.Model, nameof(Conversation.CustomerId), nameof(Conversation.Stage),
                nameof(Conversation.LastActivityAt), nameof(Conversation.FirstCustomerMessageAt), nameof(Conversation.Id));
            PreparedCommands.Bind(PreparedCommands.For(db, UpdateSql, columns), columns, c.CustomerId, c.Stage, c.LastActivityAt, c.FirstCustomerMessageAt, c.Id)
                .ExecuteNonQuery();
            return null;
        }
        StoreColumn[] withState = [.. StoreColumn.Of<Conversation>(db.Model, nameof(Conversation.CustomerId), nameof(Conversation.Stage),
                nameof(Conversation.LastActivityAt), nameof(Conversation.FirstCustomerMessageAt)),
            .. StoreColumn.Of<TriggerStateRecord>(db.Model, nameof(TriggerStateRecord.StateJson), nameof(TriggerStateRecord.Category), nameof(TriggerStateRecord.UpdatedAt)),
            StoreColumn.Of<Conversation>(db.Model, nameof(Conversation.Id))];
        var record = new TriggerStateRecord(c.Id, state, now);
        PreparedCommands.Bind(PreparedCommands.For(db, UpdateWithStateSql, withState), withState,
            c.CustomerId, c.Stage, c.LastActivityAt, c.FirstCustomerMessageAt, record.StateJson, record.Category, record.UpdatedAt, c.Id).ExecuteNonQuery();
        return record.StateJson;
    }

    /// <summary>Stores the attempts and page views a batch added, giving each its store id at once.</summary>
    public static void AppendDetails(AgentConsoleDbContext db, Conversation conversation)
    {
        var attempts = conversation.AttemptedSolutions.Where(a => a.Id == 0).ToList();
        if (attempts.Count > 0)
        {
            var ids = new RowInserter<AttemptedSolution>(db, nameof(AttemptedSolution.ConversationId), nameof(AttemptedSolution.Source),
                    nameof(AttemptedSolution.Description), nameof(AttemptedSolution.Outcome), nameof(AttemptedSolution.At), nameof(AttemptedSolution.EventId))
                .InsertKeys([.. attempts.Select(a => new object?[] { a.ConversationId, a.Source, a.Description, a.Outcome, a.At, a.EventId })]);
            foreach (var (attempt, id) in attempts.Zip(ids)) attempt.Stored(id);
        }
        var pages = conversation.PageViews.Where(p => p.Id == 0).ToList();
        if (pages.Count > 0)
        {
            var ids = new RowInserter<PageContext>(db, nameof(PageContext.ConversationId), nameof(PageContext.Url),
                    nameof(PageContext.Title), nameof(PageContext.ViewedAt), nameof(PageContext.EventId))
                .InsertKeys([.. pages.Select(p => new object?[] { p.ConversationId, p.Url, p.Title, p.ViewedAt, p.EventId })]);
            foreach (var (page, id) in pages.Zip(ids)) page.Stored(id);
        }
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
