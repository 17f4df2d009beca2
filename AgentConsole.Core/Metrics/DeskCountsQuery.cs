using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Metrics;

/// <summary>The desk at a glance, as the status page shows it.</summary>
public sealed record DeskCounts(int Customers, int Conversations, int WithBot, int OpenCases, int Agents);

/// <summary>Counts what the desk holds: customers, conversations (and those still with the bot), open cases and agents.</summary>
public class DeskCountsQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>The counts now.</summary>
    public virtual async Task<DeskCounts> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return new DeskCounts(
            await db.Customers.CountAsync(cancellationToken),
            await db.Conversations.CountAsync(cancellationToken),
            await db.Conversations.CountAsync(c => c.Stage == ConversationStage.WithBot, cancellationToken),
            await db.Cases.CountAsync(c => c.Status != CaseStatus.Resolved, cancellationToken),
            await db.Agents.CountAsync(cancellationToken));
    }
}
