using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Delivery;

/// <summary>A webhook that kept failing until it was parked, as the admin page lists it.</summary>
public sealed record ParkedDelivery(long Id, Guid DeliveryId, Guid IntegrationId, string IntegrationName, string ConversationExternalId,
    string Type, DateTime CreatedAt, DateTime ParkedAt, int Attempts, string? LastError);

/// <summary>
/// The admin's view of webhook delivery: the parked deliveries, and retrying them. A retried
/// delivery is pending again with a fresh parking window, and goes before the conversation's
/// later pending events (those already sent stay sent).
/// </summary>
public sealed class DeliveryAdmin(IDbContextFactory<AgentConsoleDbContext> dbFactory, OutboxSignal signal, TimeProvider time)
{
    /// <summary>The most parked deliveries listed.</summary>
    public const int ListLimit = 200;

    /// <summary>Parked deliveries, newest first, of one integration or of all.</summary>
    public async Task<IReadOnlyList<ParkedDelivery>> ListParkedAsync(Guid? integrationId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var parked = db.OutboundEvents.AsNoTracking().Where(e => e.ParkedAt != null);
        if (integrationId is { } id) parked = parked.Where(e => e.IntegrationId == id);
        return await (from e in parked
                      join i in db.Integrations on e.IntegrationId equals i.Id
                      orderby e.ParkedAt descending, e.Id descending
                      select new ParkedDelivery(e.Id, e.DeliveryId, i.Id, i.Name, e.ConversationExternalId, e.Type, e.CreatedAt, e.ParkedAt!.Value,
                          e.Attempts, e.LastError))
            .Take(ListLimit).ToListAsync(cancellationToken);
    }

    /// <summary>Sends a parked delivery again, as <paramref name="by"/>.</summary>
    /// <exception cref="DomainException">It is not parked (any more).</exception>
    public async Task RetryAsync(long id, AuditActor by, CancellationToken cancellationToken = default) =>
        await RetryWhereAsync(e => e.Id == id && e.ParkedAt != null, expectOne: true, by, $"delivery {id}", cancellationToken);

    /// <summary>Sends every parked delivery of an integration again, as <paramref name="by"/>; returns how many.</summary>
    public async Task<int> RetryAllAsync(Guid integrationId, AuditActor by, CancellationToken cancellationToken = default) =>
        await RetryWhereAsync(e => e.IntegrationId == integrationId && e.ParkedAt != null, expectOne: false, by, $"integration {integrationId}", cancellationToken);

    private async Task<int> RetryWhereAsync(System.Linq.Expressions.Expression<Func<OutboundEvent, bool>> which, bool expectOne, AuditActor by, string target,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var rows = await db.OutboundEvents.Where(which).ToListAsync(cancellationToken);
        if (expectOne && rows.Count == 0) throw new DomainException("That delivery is not parked any more.");
        var now = time.UtcNowDateTime();
        foreach (var row in rows) row.Retry(now);
        if (rows.Count > 0) AuditTrail.Record(db, by, AuditActions.DeliveryRetried, target, new { deliveryIds = rows.Select(r => r.Id) }, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (rows.Count > 0) signal.Written(rows.Select(r => r.ConversationId).Distinct());
        return rows.Count;
    }
}
