using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Conversations;

/// <summary>A conversation as its bot sees it: where it stands, the transcript, and the case once escalated.</summary>
public sealed record ConversationView(
    Guid Id,
    string ExternalId,
    string Channel,
    ConversationStatus Status,
    DateTime CreatedAt,
    DateTime LastActivityAt,
    string? CustomerExternalId,
    IReadOnlyList<MessageView> Messages,
    PageView? Page,
    EscalationView? Case);

public sealed record MessageView(long Id, MessageAuthor Author, string Text, DateTime SentAt, string? EventId);

public sealed record PageView(string Url, string? Title, DateTime ViewedAt);

/// <summary>Read-side queries about conversations.</summary>
public sealed class ConversationQueries(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>The conversation <paramref name="externalId"/> of an integration, or null if it has none by that id.</summary>
    public async Task<ConversationView?> GetAsync(Guid integrationId, string externalId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().Include(c => c.Customer)
            .SingleOrDefaultAsync(c => c.IntegrationId == integrationId && c.ExternalId == externalId, cancellationToken);
        if (conversation is null) return null;

        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.Id)
            .OrderBy(m => m.SentAt).ThenBy(m => m.Id)
            .Select(m => new MessageView(m.Id, m.Author, m.Text, m.SentAt, m.EventId)).ToListAsync(cancellationToken);
        var page = await db.PageContexts.AsNoTracking().Where(p => p.ConversationId == conversation.Id)
            .OrderByDescending(p => p.ViewedAt).ThenByDescending(p => p.Id)
            .Select(p => new PageView(p.Url, p.Title, p.ViewedAt)).FirstOrDefaultAsync(cancellationToken);

        var latest = await EscalationView.LatestAsync(db, conversation.Id, cancellationToken);
        var status = ConversationStatuses.Of(conversation.Stage, latest is { Status: not CaseStatus.Resolved } open ? open.Status : null);
        return new ConversationView(conversation.Id, conversation.ExternalId, conversation.Channel, status,
            conversation.CreatedAt, conversation.LastActivityAt, conversation.Customer?.ExternalId, messages, page, latest);
    }
}
