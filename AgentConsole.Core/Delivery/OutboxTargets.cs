using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Delivery;

/// <summary>Where a case's events go: its conversation, that conversation's integration, and whether it is pushed by webhook.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="ConversationId">Its conversation.</param>
/// <param name="ExternalId">The conversation's id as the bot knows it.</param>
/// <param name="IntegrationId">The bot integration that owns the conversation.</param>
/// <param name="Push">Whether the integration takes webhooks (it has a callback URL and an active key); otherwise it pulls.</param>
public sealed record OutboxTarget(long CaseId, Guid ConversationId, string ExternalId, Guid IntegrationId, bool Push)
{
    /// <summary>A new outbox row for this target.</summary>
    public OutboundEvent Event<T>(string type, T data, DateTime now) =>
        new(IntegrationId, ConversationId, ExternalId, type, OutboundJson.Serialize(data), now, Push);
}

/// <summary>
/// Finds the outbox targets of cases, inside the caller's transaction. Cases of the built-in chat
/// widget have none: the desk talks to those customers itself.
/// </summary>
public static class OutboxTargets
{
    /// <summary>The targets of the cases in <paramref name="caseIds"/> that belong to external bots, by case id.</summary>
    public static async Task<Dictionary<long, OutboxTarget>> ForCasesAsync(AgentConsoleDbContext db, IReadOnlyCollection<long> caseIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (caseIds.Count == 0) return [];
        var ids = caseIds.Distinct().ToList();
        var targets = await (from k in db.Cases.AsNoTracking()
                             join c in db.Conversations on k.ConversationId equals c.Id
                             join i in db.Integrations on c.IntegrationId equals i.Id
                             where ids.Contains(k.Id) && !i.IsBuiltIn
                             select new OutboxTarget(k.Id, c.Id, c.ExternalId, i.Id, i.CallbackUrl != null && i.RevokedAt == null))
            .ToListAsync(cancellationToken);
        return targets.ToDictionary(t => t.CaseId);
    }

    /// <summary>The target of one case, or null for a widget case or a case that does not exist.</summary>
    public static async Task<OutboxTarget?> ForCaseAsync(AgentConsoleDbContext db, long caseId, CancellationToken cancellationToken = default) =>
        (await ForCasesAsync(db, [caseId], cancellationToken)).GetValueOrDefault(caseId);
}
