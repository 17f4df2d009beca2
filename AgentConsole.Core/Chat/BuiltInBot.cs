using System.Text.Json;
using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Chat;

/// <summary>
/// The desk's own bot for the chat widget. It answers from the knowledge base (<see cref="BotReplies"/>)
/// and writes what an external bot would send: its message with its confidence, and the attempts it
/// settles, through the same <see cref="ConversationIngestor"/>. It says who is coming when a message
/// escalates, and says nothing while humans have the conversation; once the case is resolved, the
/// customer writing again finds it answering.
/// </summary>
/// <remarks>
/// What it waits to hear about ("Did that help?") travels in its own message's payload, as the
/// <c>awaiting</c> field beside the text, and is read back from the event ledger on the customer's
/// next message. It is stored in the same transaction as the question, so it survives a restart,
/// and a later bot message without it (a handoff, a closing line) ends it.
/// </remarks>
public sealed class BuiltInBot(BotReplies replies, ConversationIngestor ingestor, BuiltInChannel channel,
    IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>Answers <paramref name="turn"/>, or writes the handoff line when it escalated; returns what it wrote, if anything.</summary>
    public async Task<string?> HandleAsync(CustomerTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var integrationId = await channel.IntegrationIdAsync(cancellationToken);
        if (turn.OpenedCaseId is { } caseId) return await HandOffAsync(integrationId, turn, caseId, cancellationToken);

        // A human may have taken the conversation since the customer wrote: then the bot stays quiet.
        var (stage, pending) = await StateAsync(turn.ConversationId, cancellationToken);
        if (stage != ConversationStage.WithBot) return null;
        var next = replies.Next(turn.Text, pending);

        var now = time.UtcNowDateTime();
        var events = new List<InboundEventData>(2);
        if (next.Attempt is { } attempt)
        {
            var id = $"bot-{turn.EventId}-attempt";
            events.Add(new BotAttemptedSolutionEvent(id, now, AttemptJson(id, attempt), attempt.Description, attempt.Outcome));
        }
        var messageId = $"bot-{turn.EventId}";
        events.Add(new BotMessageEvent(messageId, now, MessageJson(messageId, next.ReplyMarkdown, next.Confidence, next.AwaitingFeedback), next.ReplyMarkdown, next.Confidence));
        var result = await ingestor.IngestAsync(integrationId, turn.ExternalId, new EventBatch(CustomerChat.ChannelName, null, null, events), cancellationToken);
        // An answer the desk judged too unsure to stand opens a case too: then the customer is told who is coming.
        if (result.OpenedCaseId is { } opened) await HandOffAsync(integrationId, turn, opened, cancellationToken);
        return next.ReplyMarkdown;
    }

    private async Task<string> HandOffAsync(Guid integrationId, CustomerTurn turn, long caseId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var skill = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.RequiredSkill).SingleAsync(cancellationToken);
        var line = replies.Handoff(SkillNames.Of(skill));
        var id = $"bot-handoff-{caseId}";
        await ingestor.IngestAsync(integrationId, turn.ExternalId, new EventBatch(CustomerChat.ChannelName, null, null,
            [new BotMessageEvent(id, time.UtcNowDateTime(), MessageJson(id, line, null, null), line, null)]), cancellationToken);
        return line;
    }

    /// <summary>Where the conversation is, and the answer the bot's latest message asked about, if it asked.</summary>
    private async Task<(ConversationStage? Stage, PendingAnswer? Pending)> StateAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stage = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId).Select(c => (ConversationStage?)c.Stage).SingleOrDefaultAsync(cancellationToken);
        if (stage != ConversationStage.WithBot) return (stage, null);
        var latest = await db.InboundEvents.AsNoTracking()
            .Where(e => e.ConversationId == conversationId && e.Type == BotMessageEvent.TypeName)
            .OrderByDescending(e => e.Id).Select(e => e.Payload).FirstOrDefaultAsync(cancellationToken);
        return (stage, latest is null ? null : JsonSerializer.Deserialize<MessagePayload>(latest, PayloadJson)?.Awaiting);
    }

    private static string AttemptJson(string id, BotAttempt attempt) => JsonSerializer.Serialize(new
    {
        id, type = BotAttemptedSolutionEvent.TypeName, description = attempt.Description,
        outcome = JsonNamingPolicy.SnakeCaseLower.ConvertName(attempt.Outcome.ToString()),
    }, PayloadJson);

    private static string MessageJson(string id, string text, double? confidence, PendingAnswer? awaiting) =>
        JsonSerializer.Serialize(new MessagePayload(id, BotMessageEvent.TypeName, text, confidence, awaiting), PayloadJson);

    /// <summary>A <c>bot.message</c> as the bot sends it: what any bot sends, and what it waits to hear about.</summary>
    private sealed record MessagePayload(string Id, string Type, string Text, double? Confidence, PendingAnswer? Awaiting);
}
