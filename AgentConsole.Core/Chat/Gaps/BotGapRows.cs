using System.Text.Json;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Chat.Gaps;

/// <summary>
/// Reads what <see cref="BotGapRule"/> needs from the store. The conversations read are those that
/// started in the range and hold a sign of a failure (a low-confidence bot message, a failed bot
/// attempt, a case), and those with a case opened in the range; the latest started first, up to a cap.
/// </summary>
internal static class BotGapRows
{
    // SQLite takes the ids of one chunk as a single JSON parameter; chunks keep each query's result small.
    private const int Chunk = 500;

    /// <summary>The conversations to read for [<paramref name="start"/>, <paramref name="end"/>), and whether there were more than <paramref name="max"/>.</summary>
    public static async Task<(IReadOnlyList<GapConversation> Conversations, bool Capped)> LoadAsync(AgentConsoleDbContext db, DateTime start, DateTime end,
        double lowConfidence, int max, CancellationToken cancellationToken)
    {
        var started = await db.Conversations.AsNoTracking()
            .Where(c => c.CreatedAt >= start && c.CreatedAt < end)
            .Where(c => db.Messages.Any(m => m.ConversationId == c.Id && m.Author == MessageAuthor.Bot && m.BotConfidence < lowConfidence)
                || db.AttemptedSolutions.Any(a => a.ConversationId == c.Id && a.Source == AttemptSource.Bot && a.Outcome == AttemptOutcome.Failed)
                || db.Cases.Any(k => k.ConversationId == c.Id))
            .OrderByDescending(c => c.CreatedAt).Select(c => new { c.Id, c.CreatedAt }).Take(max + 1).ToListAsync(cancellationToken);
        var escalated = await db.Cases.AsNoTracking()
            .Where(k => k.OpenedAt >= start && k.OpenedAt < end)
            .Select(k => new { Id = k.ConversationId, k.Conversation!.CreatedAt }).Distinct()
            .OrderByDescending(c => c.CreatedAt).Take(max + 1).ToListAsync(cancellationToken);
        var candidates = started.Concat(escalated).DistinctBy(c => c.Id).OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).ToArray();
        var ids = candidates.Take(max).Select(c => c.Id).ToArray();

        var conversations = new List<GapConversation>(ids.Length);
        foreach (var chunk in ids.Chunk(Chunk)) conversations.AddRange(await ChunkAsync(db, chunk, cancellationToken));
        return (conversations, candidates.Length > max);
    }

    private static async Task<IEnumerable<GapConversation>> ChunkAsync(AgentConsoleDbContext db, Guid[] ids, CancellationToken cancellationToken)
    {
        var messages = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.ConversationId))
            .Select(m => new { m.ConversationId, m.Id, m.Author, m.Text, m.SentAt, m.BotConfidence, m.EventId }).ToListAsync(cancellationToken);
        var payloads = await db.InboundEvents.AsNoTracking().Where(e => ids.Contains(e.ConversationId) && e.Type == BotMessageEvent.TypeName)
            .Select(e => new { e.ConversationId, e.EventId, e.Payload }).ToListAsync(cancellationToken);
        var passages = payloads.Select(p => (p.ConversationId, p.EventId, Passage: PassageOf(p.Payload))).Where(p => p.Passage is not null)
            .ToDictionary(p => (p.ConversationId, p.EventId), p => p.Passage);
        var cases = await db.Cases.AsNoTracking().Where(k => ids.Contains(k.ConversationId))
            .Select(k => new { k.ConversationId, k.OpenedAt, k.ResolvedAt, k.Reasons }).ToListAsync(cancellationToken);
        var failed = await db.AttemptedSolutions.AsNoTracking()
            .Where(a => ids.Contains(a.ConversationId) && a.Source == AttemptSource.Bot && a.Outcome == AttemptOutcome.Failed)
            .Select(a => new { a.ConversationId, a.At }).ToListAsync(cancellationToken);

        var messagesBy = messages.ToLookup(m => m.ConversationId);
        var casesBy = cases.ToLookup(k => k.ConversationId);
        var failedBy = failed.ToLookup(a => a.ConversationId);
        return ids.Select(id => new GapConversation(id,
            messagesBy[id].Select(m => new GapMessage(m.Id, m.Author, m.Text, m.SentAt, m.BotConfidence,
                m.EventId is { } e ? passages.GetValueOrDefault((id, e)) : null)).ToArray(),
            casesBy[id].Select(k => new GapCase(k.OpenedAt, k.ResolvedAt, k.Reasons.Select(r => r.Category).ToArray(),
                k.Reasons.Where(r => r.Category == ReasonCategory.CustomerRequest && r.MessageId is not null).Select(r => r.MessageId!.Value).ToArray())).ToArray(),
            failedBy[id].Select(a => a.At).ToArray()));
    }

    /// <summary>
    /// The passage a built-in bot message answered with: its payload's <c>awaiting.passageId</c>, which
    /// <see cref="BuiltInBot"/> writes beside the text when it asks "Did that help?". Null for any other message.
    /// </summary>
    internal static string? PassageOf(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("awaiting", out var awaiting) && awaiting.ValueKind == JsonValueKind.Object
                && awaiting.TryGetProperty("passageId", out var passage) && passage.ValueKind == JsonValueKind.String
                ? passage.GetString()
                : null;
        }
        catch (JsonException)
        {
            // An external bot's payload is its own business; one that is not JSON names no passage.
            return null;
        }
    }
}
