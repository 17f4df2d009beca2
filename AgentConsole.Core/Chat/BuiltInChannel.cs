using AgentConsole.Core.Data;
using AgentConsole.Core.Integrations;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Chat;

/// <summary>
/// The chat widget's integration: the owner of every widget conversation, made on first use. It
/// has an API key like any integration (random, never shown) because its bot runs inside the desk.
/// </summary>
public sealed class BuiltInChannel(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The integration's name, as the admin's integrations page lists it.</summary>
    public const string Name = "Chat widget";

    private readonly SemaphoreSlim _finding = new(1, 1);
    private Guid? _id;

    /// <summary>The built-in integration's id, made if the store has none.</summary>
    public async Task<Guid> IntegrationIdAsync(CancellationToken cancellationToken = default)
    {
        if (_id is { } known) return known;
        await _finding.WaitAsync(cancellationToken);
        try
        {
            if (_id is { } found) return found;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var id = await db.Integrations.Where(i => i.IsBuiltIn).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                var integration = new Integration(Name, ApiKeys.Generate(), time.GetUtcNow().UtcDateTime, isBuiltIn: true);
                db.Integrations.Add(integration);
                await db.SaveChangesAsync(cancellationToken);
                id = integration.Id;
            }
            _id = id;
            return id.Value;
        }
        finally
        {
            _finding.Release();
        }
    }
}
