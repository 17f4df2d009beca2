using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Data;

/// <summary>Whether the store answers, for the health check.</summary>
public class StoreHealth(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>True when a connection to the store opens.</summary>
    public virtual async Task<bool> CanConnectAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken);
    }
}
