using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing;

/// <summary>Reads the explanation stored with a case's latest routing decision, as the console API serves it.</summary>
public class RoutingExplanationQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>The stored explanation of case <paramref name="caseId"/> as JSON; null when the case has none yet or does not exist.</summary>
    public virtual async Task<string?> JsonAsync(long caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Cases.Where(c => c.Id == caseId).Select(c => c.RoutingExplanation).SingleOrDefaultAsync(cancellationToken);
    }
}
