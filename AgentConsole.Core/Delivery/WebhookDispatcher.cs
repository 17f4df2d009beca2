using System.Collections.Concurrent;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentConsole.Core.Delivery;

/// <summary>
/// Delivers pending outbox rows to the bots' callback URLs. Each pass takes every conversation's
/// oldest pending row (so a conversation's later events wait while an earlier one is retried),
/// sends those that are due, a few conversations at a time, and stores each outcome: delivered,
/// retried later with exponential backoff and jitter, or parked once it has failed for
/// <see cref="DeliveryOptions.ParkAfterMinutes"/> (then the conversation's later rows go ahead).
/// Everything it needs is in the store, so after a restart it carries on where it was.
/// </summary>
public sealed class WebhookDispatcher(IDbContextFactory<AgentConsoleDbContext> dbFactory, WebhookSender sender, OutboxSignal signal,
    DeliveryOptions options, TimeProvider time, ILogger<WebhookDispatcher>? logger = null)
{
    /// <summary>The most rows one pass sends.</summary>
    public const int BatchSize = 100;

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>
    /// Delivers until stopped: after each pass it waits for a new row (in process), the next
    /// retry, or <see cref="DeliveryOptions.PollSeconds"/>, whichever comes first.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the read, so a row committed during the pass wakes the next wait.
            var written = signal.NextWrite;
            DateTime? next;
            try
            {
                next = await DeliverDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogError(e, "A webhook delivery pass failed; the next one runs after the poll interval.");
                next = null;
            }
            var now = time.UtcNowDateTime();
            if (next is { } due && due <= now) continue;
            var wait = next is { } later && later - now < options.Poll ? later - now : options.Poll;
            await WaitAsync(written, wait, stoppingToken);
        }
    }

    /// <summary>
    /// One pass: sends every due row at the head of its conversation. Returns when the next
    /// pending row is due (now, if this pass sent something, since the conversations' next rows
    /// may be waiting), or null when nothing is pending.
    /// </summary>
    public async Task<DateTime?> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.UtcNowDateTime();
        var heads = await ReadHeadsAsync(cancellationToken);
        var due = heads.Where(h => h.Row.NextAttemptAt <= now).Take(BatchSize).ToList();
        if (due.Count == 0) return heads.Min(h => h.Row.NextAttemptAt);

        var outcomes = new ConcurrentDictionary<long, (Head Head, DeliveryOutcome Outcome)>();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelDeliveries, CancellationToken = cancellationToken },
            async (head, ct) => outcomes[head.Row.Id] = (head, await SendAsync(head, ct)));
        await RecordAsync(outcomes.Values.ToList(), cancellationToken);
        return now;
    }

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: doubling from the initial backoff up to the maximum, then jittered to between half and all of it.</summary>
    public static TimeSpan Backoff(int attempts, DeliveryOptions options, double jitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var seconds = Math.Min(options.InitialBackoff.TotalSeconds * Math.Pow(2, doublings), options.MaxBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.5 + 0.5 * Math.Clamp(jitter, 0, 1)));
    }

    private sealed record Head(OutboundEvent Row, string? CallbackUrl, string? Secret, bool Revoked);

    // Each conversation's oldest pending row, with where it goes.
    private async Task<List<Head>> ReadHeadsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from e in db.OutboundEvents.AsNoTracking()
                          where e.NextAttemptAt != null
                                && !db.OutboundEvents.Any(p => p.NextAttemptAt != null && p.ConversationId == e.ConversationId && p.Id < e.Id)
                          join i in db.Integrations on e.IntegrationId equals i.Id
                          orderby e.NextAttemptAt, e.Id
                          select new { Row = e, i.CallbackUrl, i.WebhookSecret, i.RevokedAt })
            .Take(BatchSize * 4).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new Head(r.Row, r.CallbackUrl, r.WebhookSecret, r.RevokedAt is not null))];
    }

    private async Task<DeliveryOutcome> SendAsync(Head head, CancellationToken cancellationToken)
    {
        if (head.CallbackUrl is null || head.Revoked) return DeliveryOutcome.Failure("");
        if (head.Secret is null) return DeliveryOutcome.Failure("The integration has no webhook secret: rotate it on the integrations page.");
        return await sender.SendAsync(head.CallbackUrl, head.Secret, DeliveryEnvelope.From(head.Row), cancellationToken);
    }

    private async Task RecordAsync(List<(Head Head, DeliveryOutcome Outcome)> outcomes, CancellationToken cancellationToken)
    {
        var now = time.UtcNowDateTime();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var ids = outcomes.Select(o => o.Head.Row.Id).ToList();
        var rows = await db.OutboundEvents.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        foreach (var (head, outcome) in outcomes)
        {
            if (!rows.TryGetValue(head.Row.Id, out var row) || !row.IsPending) continue;
            if (head.CallbackUrl is null || head.Revoked)
                row.StopPushing(head.Revoked ? "The integration's key is revoked." : "The integration has no callback URL: the bot pulls its events.");
            else if (outcome.Delivered)
                row.MarkDelivered(now);
            else if (row.MarkFailed(outcome.Error ?? "Failed.", now, now + Backoff(row.Attempts + 1, options, Random.Shared.NextDouble()), options.ParkAfter))
                _logger.LogWarning("Parked webhook {DeliveryId} ({Type}) for conversation {Conversation} after {Attempts} attempts: {Error}",
                    row.DeliveryId, row.Type, row.ConversationExternalId, row.Attempts, row.LastError);
            else
                _logger.LogInformation("Webhook {DeliveryId} ({Type}) failed ({Error}); attempt {Attempt} at {NextAttemptAt:O}.",
                    row.DeliveryId, row.Type, row.LastError, row.Attempts + 1, row.NextAttemptAt);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task WaitAsync(Task written, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var timeout = Task.Delay(wait, time, waiting.Token);
        await Task.WhenAny(written, timeout);
        await waiting.CancelAsync();
        await timeout.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stoppingToken.ThrowIfCancellationRequested();
    }
}
