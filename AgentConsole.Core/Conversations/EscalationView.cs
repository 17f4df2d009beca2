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
    public static async Task<EscalationView?> LatestAsync(AgentConsoleDbContext db, Guid conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = await db.Cases.AsNoTracking().Where(c => c.ConversationId == conversationId)
            .OrderByDescending(c => c.Id)
            .Select(c => new { c.Id, c.Status, c.Priority, c.Category, c.OpenedAt, c.QueuedAt, Agent = c.AssignedAgent!.DisplayName })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null) return null;

        int? position = null;
        if (latest.Status == CaseStatus.Queued)
        {
            // The queue serves higher priority first, then the longest waiting.
            position = 1 + await db.Cases.CountAsync(c => c.Status == CaseStatus.Queued && c.Id != latest.Id &&
                (c.Priority > latest.Priority ||
                 c.Priority == latest.Priority && (c.QueuedAt < latest.QueuedAt || c.QueuedAt == latest.QueuedAt && c.Id < latest.Id)), cancellationToken);
        }
        return new EscalationView(latest.Id, latest.Status, latest.Priority, latest.Category, latest.OpenedAt, position, latest.Agent);
    }
}
