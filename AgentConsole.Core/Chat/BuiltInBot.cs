using System.Collections.Concurrent;
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
/// What it waits to hear about ("Did that help?") is kept in memory per conversation: after a restart
/// the customer's next message is taken as a new question.
/// </remarks>
public sealed class BuiltInBot(BotReplies replies, ConversationIngestor ingestor, BuiltInChannel channel,
    IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, PendingAnswer> _awaiting = new();

    /// <summary>Answers <paramref name="turn"/>, or writes the handoff line when it escalated; returns what it wrote, if anything.</summary>
    public async Task<string?> HandleAsync(CustomerTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var integrationId = await channel.IntegrationIdAsync(cancellationToken);
        if (turn.OpenedCaseId is { } caseId) return await HandOffAsync(integrationId, turn, caseId, cancellationToken);

        // A human may have taken the conversation since the customer wrote: then the bot stays quiet.
        if (await StageAsync(turn.ConversationId, cancellationToken) != ConversationStage.WithBot)
        {
            _awaiting.TryRemove(turn.ConversationId, out _);
            return null;
        }
        _awaiting.TryGetValue(turn.ConversationId, out var pending);
        var next = replies.Next(turn.Text, pending);
        if (next.AwaitingFeedback is { } awaiting) _awaiting[turn.ConversationId] = awaiting;
        else _awaiting.TryRemove(turn.ConversationId, out _);

        var now = time.UtcNowDateTime();
        var events = new List<InboundEventData>(2);
        if (next.Attempt is { } attempt)
        {
            var id = $"bot-{turn.EventId}-attempt";
            events.Add(new BotAttemptedSolutionEvent(id, now, Json(id, BotAttemptedSolutionEvent.TypeName, attempt.Description), attempt.Description, attempt.Outcome));
        }
        var messageId = $"bot-{turn.EventId}";
        events.Add(new BotMessageEvent(messageId, now, Json(messageId, BotMessageEvent.TypeName, next.ReplyMarkdown), next.ReplyMarkdown, next.Confidence));
        var result = await ingestor.IngestAsync(integrationId, turn.ExternalId, new EventBatch(CustomerChat.ChannelName, null, null, events), cancellationToken);
        // An answer the desk judged too unsure to stand opens a case too: then the customer is told who is coming.
        if (result.OpenedCaseId is { } opened) await HandOffAsync(integrationId, turn, opened, cancellationToken);
        return next.ReplyMarkdown;
    }

    private async Task<string> HandOffAsync(Guid integrationId, CustomerTurn turn, long caseId, CancellationToken cancellationToken)
    {
        _awaiting.TryRemove(turn.ConversationId, out _);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var skill = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.RequiredSkill).SingleAsync(cancellationToken);
        var line = replies.Handoff(SkillNames.Of(skill));
        var id = $"bot-handoff-{caseId}";
        await ingestor.IngestAsync(integrationId, turn.ExternalId, new EventBatch(CustomerChat.ChannelName, null, null,
            [new BotMessageEvent(id, time.UtcNowDateTime(), Json(id, BotMessageEvent.TypeName, line), line, null)]), cancellationToken);
        return line;
    }

    private async Task<ConversationStage?> StageAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId).Select(c => (ConversationStage?)c.Stage).SingleOrDefaultAsync(cancellationToken);
    }

    private static string Json(string id, string type, string text) => JsonSerializer.Serialize(new { id, type, text });
}
