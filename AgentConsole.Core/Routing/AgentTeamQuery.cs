using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing;

/// <summary>Which team an agent record belongs to, for the claims a signed-in agent carries.</summary>
public class AgentTeamQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>The team of agent <paramref name="agentId"/>, or null when there is no such agent.</summary>
    public virtual async Task<Guid?> TeamOfAsync(Guid agentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Agents.Where(a => a.Id == agentId).Select(a => (Guid?)a.TeamId).SingleOrDefaultAsync(cancellationToken);
    }
}
