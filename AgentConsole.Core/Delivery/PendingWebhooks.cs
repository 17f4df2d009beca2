using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentConsole.Core.Delivery;

/// <summary>A conversation's oldest pending row, with where its webhooks go.</summary>
internal sealed record PendingHead(OutboundEvent Row, string? CallbackUrl, string? Secret, bool Revoked);

/// <summary>What became of one row: sent (delivered or failed), or not to be pushed any more.</summary>
internal sealed record WebhookResult(long RowId, DeliveryOutcome Outcome, string? StopReason = null);

/// <summary>
/// The outbox as the webhook dispatcher reads and writes it: the conversations' oldest pending rows,
/// a conversation's next pending rows in order, and the results of sends, stored together.
/// </summary>
internal sealed class PendingWebhooks(IDbContextFactory<AgentConsoleDbContext> dbFactory, DeliveryOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// Up to <paramref name="limit"/> conversations' oldest pending rows, soonest due first, leaving
    /// out the conversations in <paramref name="busy"/> (being sent now, their results not stored yet).
    /// </summary>
    public async Task<List<PendingHead>> HeadsAsync(IReadOnlyCollection<Guid> busy, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = db.OutboundEvents.AsNoTracking().Where(e => e.NextAttemptAt != null);
        if (busy.Count > 0)
        {
            var busyIds = busy.ToList();
            pending = pending.Where(e => !busyIds.Contains(e.ConversationId));
        }
        var rows = await (from e in pending
                          where !db.OutboundEvents.Any(p => p.NextAttemptAt != null && p.ConversationId == e.ConversationId && p.Id < e.Id)
                          join i in db.Integrations on e.IntegrationId equals i.Id
                          orderby e.NextAttemptAt, e.Id
                          select new { Row = e, i.CallbackUrl, i.WebhookSecret, i.RevokedAt })
            .Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PendingHead(r.Row, r.CallbackUrl, r.WebhookSecret, r.RevokedAt is not null))];
    }

    /// <summary>The conversation's next <paramref name="count"/> pending rows after <paramref name="afterId"/>, in order.</summary>
    public async Task<List<OutboundEvent>> NextAsync(Guid conversationId, long afterId, int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.OutboundEvents.AsNoTracking()
            .Where(e => e.ConversationId == conversationId && e.NextAttemptAt != null && e.Id > afterId)
            .OrderBy(e => e.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Stores <paramref name="results"/> in one transaction: delivered, or retried later with
    /// exponential backoff and jitter, or parked once pending for <see cref="DeliveryOptions.ParkAfterMinutes"/>,
    /// or left to the pull API, as of now. A row that is no longer pending (the admin changed it) is left alone.
    /// </summary>
    public async Task RecordAsync(IReadOnlyCollection<WebhookResult> results, CancellationToken cancellationToken)
    {
        var now = time.UtcNowDateTime();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var ids = results.Select(r => r.RowId).ToList();
        var rows = await db.OutboundEvents.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        foreach (var result in results)
        {
            if (!rows.TryGetValue(result.RowId, out var row) || !row.IsPending) continue;
            if (result.StopReason is { } reason)
                row.StopPushing(reason);
            else if (result.Outcome.Delivered)
                row.MarkDelivered(now);
            else if (row.MarkFailed(result.Outcome.Error ?? "Failed.", now, now + WebhookDispatcher.Backoff(row.Attempts + 1, options, Random.Shared.NextDouble()),
                         options.ParkAfter))
                logger.LogWarning("Parked webhook {DeliveryId} ({Type}) for conversation {Conversation} after {Attempts} attempts: {Error}",
                    row.DeliveryId, row.Type, row.ConversationExternalId, row.Attempts, row.LastError);
            else
                logger.LogInformation("Webhook {DeliveryId} ({Type}) failed ({Error}); attempt {Attempt} at {NextAttemptAt:O}.",
                    row.DeliveryId, row.Type, row.LastError, row.Attempts + 1, row.NextAttemptAt);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
