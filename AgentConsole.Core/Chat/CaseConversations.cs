using System.Collections.Concurrent;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Chat;

/// <summary>
/// The conversation of a case, for whatever must reach a case's customer (typing, a routing move).
/// A case's conversation never changes, so each is read once.
/// </summary>
public sealed class CaseConversations(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    private readonly ConcurrentDictionary<long, Guid> _known = new();

    /// <summary>The conversation of case <paramref name="caseId"/>, or null when there is no such case.</summary>
    public async Task<Guid?> OfAsync(long caseId, CancellationToken cancellationToken = default)
    {
        if (_known.TryGetValue(caseId, out var known)) return known;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => (Guid?)c.ConversationId).SingleOrDefaultAsync(cancellationToken);
        if (found is { } id) _known[caseId] = id;
        return found;
    }
}
