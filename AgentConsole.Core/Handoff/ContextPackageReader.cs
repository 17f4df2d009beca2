using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Handoff;

/// <summary>Assembles a conversation's <see cref="ContextPackage"/>: the whole conversation, in order.</summary>
public static class ContextPackageReader
{
    /// <summary>How many of the customer's other cases the package lists.</summary>
    public const int RecentCaseCount = 5;

    /// <summary>
    /// Reads the package. Messages come from the store, which has every one as soon as it is added
    /// (the message writer stores them at once, inside the caller's transaction); attempts and pages
    /// that <paramref name="conversation"/> holds in memory, not saved yet, are added to the stored ones.
    /// </summary>
    public static async Task<ContextPackage> ReadAsync(AgentConsoleDbContext db, Conversation conversation, EscalationDecision decision, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(conversation);
        var id = conversation.Id;
        var transcript = await TranscriptAsync(db, id, afterMessageId: 0, cancellationToken);
        var attempts = await AttemptsAsync(db, id, cancellationToken);
        var pages = await PagesAsync(db, id, cancellationToken);

        // Rows not saved yet (id 0) exist only in memory; stable sorts keep earlier rows first at equal times, as ids do in the store.
        attempts = [.. attempts.Concat(conversation.AttemptedSolutions.Where(a => a.Id == 0).Select(a => new AttemptLine(a.Source, a.Description, a.Outcome, a.At)))
            .OrderBy(a => a.At)];
        pages = [.. pages.Concat(conversation.PageViews.Where(p => p.Id == 0).Select(p => new PageView(p.Url, p.Title, p.ViewedAt)))
            .OrderBy(p => p.ViewedAt)];

        var recent = new List<RecentCase>();
        if (conversation.CustomerId is { } customerId)
        {
            recent = await db.Cases.AsNoTracking()
                .Where(c => c.Conversation!.CustomerId == customerId && c.ConversationId != id)
                .OrderByDescending(c => c.Id).Take(RecentCaseCount)
                .Select(c => new RecentCase(c.Id, c.Category, c.Status, c.OpenedAt, c.ResolvedAt)).ToListAsync(cancellationToken);
        }
        return new ContextPackage(id, conversation.ExternalId, conversation.Channel, conversation.Customer, transcript, attempts,
            pages.Count > 0 ? pages[^1] : null, pages, recent, decision, now);
    }

    /// <summary>The conversation's messages after <paramref name="afterMessageId"/> (0 for all), in time order.</summary>
    internal static Task<List<TranscriptLine>> TranscriptAsync(AgentConsoleDbContext db, Guid conversationId, long afterMessageId, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Id > afterMessageId)
            .OrderBy(m => m.SentAt).ThenBy(m => m.Id)
            .Select(m => new TranscriptLine(m.Id, m.Author, m.Text, m.SentAt, m.BotConfidence)).ToListAsync(cancellationToken);

    /// <summary>What the bot and the customer tried in the conversation, in time order.</summary>
    internal static Task<List<AttemptLine>> AttemptsAsync(AgentConsoleDbContext db, Guid conversationId, CancellationToken cancellationToken) =>
        db.AttemptedSolutions.AsNoTracking().Where(a => a.ConversationId == conversationId)
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new AttemptLine(a.Source, a.Description, a.Outcome, a.At)).ToListAsync(cancellationToken);

    /// <summary>The pages the customer viewed during the conversation, in time order.</summary>
    internal static Task<List<PageView>> PagesAsync(AgentConsoleDbContext db, Guid conversationId, CancellationToken cancellationToken) =>
        db.PageContexts.AsNoTracking().Where(p => p.ConversationId == conversationId)
            .OrderBy(p => p.ViewedAt).ThenBy(p => p.Id)
            .Select(p => new PageView(p.Url, p.Title, p.ViewedAt)).ToListAsync(cancellationToken);
}
