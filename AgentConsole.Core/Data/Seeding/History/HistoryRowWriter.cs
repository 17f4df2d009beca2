using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Data.Seeding.History;

/// <summary>
/// Stores generated conversations in bulk on the caller's transaction (see <see cref="BulkInsert"/>):
/// values converted by the model's own mappings, so the rows are those EF would have written, at a
/// fraction of SaveChanges' cost.
/// </summary>
internal sealed class HistoryRowWriter
{
    private readonly BulkInsert _conversations, _messages, _cases, _events, _flags, _ratings;

    public HistoryRowWriter(AgentConsoleDbContext db)
    {
        var model = db.Model;
        _conversations = new BulkInsert(db, "Conversations",
        [
            .. StoreColumn.Of<Conversation>(model, nameof(Conversation.Id), nameof(Conversation.IntegrationId), nameof(Conversation.ExternalId),
                nameof(Conversation.Channel), nameof(Conversation.CustomerId), nameof(Conversation.Stage), nameof(Conversation.CreatedAt),
                nameof(Conversation.LastActivityAt), nameof(Conversation.FirstCustomerMessageAt)),
            // The trigger state shares the conversation's row (table splitting).
            .. StoreColumn.Of<TriggerStateRecord>(model, nameof(TriggerStateRecord.StateJson), nameof(TriggerStateRecord.Category), nameof(TriggerStateRecord.UpdatedAt)),
        ]);
        _messages = new BulkInsert(db, "Messages", StoreColumn.Of<Message>(model, nameof(Message.ConversationId), nameof(Message.Author),
            nameof(Message.Text), nameof(Message.SentAt), nameof(Message.EventId), nameof(Message.BotConfidence), nameof(Message.AgentId)));
        _cases = new BulkInsert(db, "Cases",
        [
            .. StoreColumn.Of<Case>(model, nameof(Case.ConversationId), nameof(Case.Status), nameof(Case.Priority), nameof(Case.Category),
                nameof(Case.CategoryConfidence), nameof(Case.RequiredSkill), nameof(Case.Tier), nameof(Case.SentimentScore), nameof(Case.SentimentTrend),
                nameof(Case.BriefingMarkdown), nameof(Case.AssignedAgentId), nameof(Case.OpenedAt), nameof(Case.QueuedAt), nameof(Case.AssignedAt),
                nameof(Case.ResolvedAt), nameof(Case.ResolutionNote), nameof(Case.ResolvedCategory), nameof(Case.BounceCount), nameof(Case.OfferedAgentId),
                nameof(Case.OfferedAt), nameof(Case.OfferExpiresAt), nameof(Case.FirstReplyDueAt), nameof(Case.FirstRepliedAt), nameof(Case.CapacityOverride),
                nameof(Case.TeamId), nameof(Case.RoutingSummary), nameof(Case.RoutingExplanation), nameof(Case.BugReport), "_excluded"),
            // The reasons are an owned JSON document rather than a property: a text column, written as EF writes it.
            StoreColumn.Of<Case>(model, nameof(Case.ResolutionNote)) with { Name = "Reasons" },
        ], keys: true, json: "Reasons");
        _events = new BulkInsert(db, "CaseEvents", StoreColumn.Of<CaseEvent>(model, nameof(CaseEvent.CaseId), nameof(CaseEvent.Type), nameof(CaseEvent.At),
            nameof(CaseEvent.ActorKind), nameof(CaseEvent.ActorId), nameof(CaseEvent.Reason), nameof(CaseEvent.Comment), nameof(CaseEvent.Detail)));
        _flags = new BulkInsert(db, "FeedbackFlags", StoreColumn.Of<FeedbackFlag>(model, nameof(FeedbackFlag.CaseId), nameof(FeedbackFlag.Flag),
            nameof(FeedbackFlag.ActorKind), nameof(FeedbackFlag.ActorId), nameof(FeedbackFlag.Comment), nameof(FeedbackFlag.At)));
        _ratings = new BulkInsert(db, "ChatRatings", StoreColumn.Of<ChatRating>(model, nameof(ChatRating.ConversationId), nameof(ChatRating.CaseId),
            nameof(ChatRating.Score), nameof(ChatRating.Comment), nameof(ChatRating.RatedAt)));
    }

    /// <summary>Stores <paramref name="batch"/>: conversations with their trigger state, messages, cases, case events, flags and ratings.</summary>
    public void Write(IReadOnlyList<GeneratedConversation> batch)
    {
        _conversations.Insert([.. batch.Select(g =>
        {
            var c = g.Conversation;
            var state = new TriggerStateRecord(c.Id, new TriggerState { CategoryMass = { [g.BotGuess] = 1.0 } }, c.CreatedAt);
            return new object?[] { c.Id, c.IntegrationId, c.ExternalId, c.Channel, c.CustomerId, c.Stage, c.CreatedAt, c.LastActivityAt,
                c.FirstCustomerMessageAt, state.StateJson, state.Category, state.UpdatedAt };
        })]);
        _messages.Insert([.. batch.SelectMany(g => g.Conversation.Messages)
            .Select(m => new object?[] { m.ConversationId, m.Author, m.Text, m.SentAt, m.EventId, m.BotConfidence, m.AgentId })]);

        var cases = batch.Where(g => g.Case is not null).Select(g => g.Case!).ToList();
        var caseIds = _cases.Insert([.. cases.Select(CaseValues)]);
        _events.Insert([.. cases.SelectMany((k, i) => k.Events.Select(e => new object?[] { caseIds[i], e.Type, e.At, e.ActorKind, e.ActorId, e.Reason, e.Comment, e.Detail }))]);
        _flags.Insert([.. cases.SelectMany((k, i) => k.Flags.Select(f => new object?[] { caseIds[i], f.Flag, f.ActorKind, f.ActorId, f.Comment, f.At }))]);

        var caseIdOf = cases.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => caseIds[x.i]);
        _ratings.Insert([.. batch.Where(g => g.Rating is not null).Select(g =>
        {
            // The domain's own checks on a rating, then its values.
            var rating = new ChatRating(g.Conversation.Id, g.Case is { } k ? caseIdOf[k] : null, g.Rating!.Value.Score, null, g.Rating.Value.At);
            return new object?[] { rating.ConversationId, rating.CaseId, rating.Score, rating.Comment, rating.RatedAt };
        })]);
    }

    private static object?[] CaseValues(Case k) =>
    [
        k.ConversationId, k.Status, k.Priority, k.Category, k.CategoryConfidence, k.RequiredSkill, k.Tier, k.SentimentScore, k.SentimentTrend,
        k.BriefingMarkdown, k.AssignedAgentId, k.OpenedAt, k.QueuedAt, k.AssignedAt, k.ResolvedAt, k.ResolutionNote, k.ResolvedCategory,
        k.BounceCount, k.OfferedAgentId, k.OfferedAt, k.OfferExpiresAt, k.FirstReplyDueAt, k.FirstRepliedAt, k.CapacityOverride, k.TeamId,
        k.RoutingSummary, k.RoutingExplanation, k.BugReport, k.ExcludedAgentIds.ToList(), ReasonsJson(k.Reasons),
    ];

    private static string ReasonsJson(IReadOnlyList<EscalationReason> reasons) =>
        JsonSerializer.Serialize(reasons.Select(r => new { Category = r.Category.ToString(), r.Evidence, r.MessageId, r.Trigger }));
}
