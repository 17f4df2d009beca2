using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Cases;

/// <summary>
/// Which of an agent's cases have a customer waiting for an answer: the agent has replied at least
/// once (before that the first-reply deadline says it) and the customer wrote again after the
/// agent's latest reply. Order is by message id, the order the desk received the messages, so a
/// bot's clock that differs from ours cannot hide a message.
/// </summary>
public class AwaitingReplyQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>For each of <paramref name="caseIds"/> the customer is waiting on, when their first unanswered message came.</summary>
    public virtual async Task<IReadOnlyDictionary<long, DateTime>> GetAsync(IReadOnlyCollection<long> caseIds, CancellationToken cancellationToken = default)
    {
        if (caseIds.Count == 0) return new Dictionary<long, DateTime>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Cases.AsNoTracking()
            .Where(c => caseIds.Contains(c.Id) && c.FirstRepliedAt != null)
            .Select(c => new
            {
                c.Id,
                Since = db.Messages
                    .Where(m => m.ConversationId == c.ConversationId && m.Author == MessageAuthor.Customer
                        && m.Id > db.Messages.Where(a => a.ConversationId == c.ConversationId && a.Author == MessageAuthor.Agent).Max(a => (long?)a.Id))
                    .Min(m => (DateTime?)m.SentAt),
            })
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.Since is not null).ToDictionary(r => r.Id, r => r.Since!.Value);
    }
}
