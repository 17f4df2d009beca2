using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Delivery;

/// <summary>A page of a conversation's outbox: the envelopes after a cursor, and the cursor to pass next.</summary>
/// <param name="Events">The envelopes, oldest first.</param>
/// <param name="Cursor">The last envelope's <see cref="DeliveryEnvelope.Sequence"/>, or the cursor asked with when there are none.</param>
public sealed record EventPage(IReadOnlyList<DeliveryEnvelope> Events, long Cursor);

/// <summary>
/// The pull API's reads, for bots that cannot take webhooks: a conversation's outbox after a
/// cursor, with long polling. A poll with nothing new waits, woken in process by the
/// <see cref="OutboxSignal"/> when the conversation gets a row, or until its wait runs out.
/// An integration reads only its own conversations. Every row is readable, whether or not it was
/// also sent by webhook.
/// </summary>
public sealed class ConversationEventFeed(IDbContextFactory<AgentConsoleDbContext> dbFactory, OutboxSignal signal, TimeProvider time)
{
    /// <summary>The longest a poll may wait.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>The most envelopes in one page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// The conversation <paramref name="externalId"/>'s envelopes after <paramref name="after"/>;
    /// with none yet, waits up to <paramref name="wait"/> for one. Null when the integration has no
    /// such conversation.
    /// </summary>
    public async Task<EventPage?> ReadAsync(Guid integrationId, string externalId, long after, TimeSpan wait, int limit = MaxPageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (wait < TimeSpan.Zero || wait > MaxWait) throw new ArgumentOutOfRangeException(nameof(wait), $"A poll waits between 0 and {MaxWait.TotalSeconds} s.");
        limit = Math.Min(limit, MaxPageSize);

        Guid conversationId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var found = await db.Conversations.AsNoTracking().Where(c => c.IntegrationId == integrationId && c.ExternalId == externalId)
                .Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
            if (found is not { } id) return null;
            conversationId = id;
        }

        // Listen before reading, so a row committed between the read and the wait still wakes it.
        using var listener = signal.Listen(conversationId);
        var page = await PageAsync(conversationId, after, limit, cancellationToken);
        if (page.Events.Count > 0 || wait == TimeSpan.Zero) return page;

        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var timeout = Task.Delay(wait, time, waiting.Token);
            await Task.WhenAny(listener.Written, timeout);
            await waiting.CancelAsync();
            await timeout.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return await PageAsync(conversationId, after, limit, cancellationToken);
    }

    private async Task<EventPage> PageAsync(Guid conversationId, long after, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.OutboundEvents.AsNoTracking().Where(e => e.ConversationId == conversationId && e.Id > after)
            .OrderBy(e => e.Id).Take(limit).ToListAsync(cancellationToken);
        return new EventPage([.. rows.Select(DeliveryEnvelope.From)], rows.Count > 0 ? rows[^1].Id : after);
    }
}
