using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Conversations;

/// <summary>The latest case of a conversation as its bot sees it, with its place in the queue while it waits.</summary>
public sealed record EscalationView(
    long Id,
    CaseStatus Status,
    CasePriority Priority,
    IssueCategory Category,
    DateTime OpenedAt,
    int? QueuePosition,
    string? AssignedAgentName)
{
    /// <summary>
    /// The latest case of the conversation as <paramref name="db"/> sees it, or null if it was never
    /// escalated. Inside a transaction it includes what the transaction wrote and saved.
    /// </summary>
    public static Task<EscalationView?> LatestAsync(AgentConsoleDbContext db, Guid conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        cancellationToken.ThrowIfCancellationRequested();
        return Latest(db, conversationId);
    }

    // Compiled once, one round trip: ingestion builds every reply of a conversation with humans from it.
    private static readonly Func<AgentConsoleDbContext, Guid, Task<EscalationView?>> Latest = EF.CompileAsyncQuery(
        (AgentConsoleDbContext db, Guid conversationId) => db.Cases.AsNoTracking()
            .Where(c => c.ConversationId == conversationId)
            .OrderByDescending(c => c.Id)
            .Select(c => new EscalationView(c.Id, c.Status, c.Priority, c.Category, c.OpenedAt,
                c.Status == CaseStatus.Queued
                    // The queue serves higher priority first, then the longest waiting.
                    ? 1 + db.Cases.Count(o => o.Status == CaseStatus.Queued && o.Id != c.Id &&
                        (o.Priority > c.Priority ||
                         o.Priority == c.Priority && (o.QueuedAt < c.QueuedAt || o.QueuedAt == c.QueuedAt && o.Id < c.Id)))
                    : null,
                c.AssignedAgent!.DisplayName))
            .FirstOrDefault());
}
