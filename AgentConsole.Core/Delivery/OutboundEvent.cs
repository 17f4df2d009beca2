using AgentConsole.Core.Common;

namespace AgentConsole.Core.Delivery;

/// <summary>
/// One row of the outbox: something that happened on the desk that an external bot should hear
/// about, written in the same transaction as the change it reports. Its <see cref="Id"/> increases
/// with every row and is the pull API's cursor; its <see cref="DeliveryId"/> is what a webhook
/// receiver dedupes on.
/// <para>
/// A row waits for its webhook while <see cref="NextAttemptAt"/> is set (pending). Delivered and
/// parked rows, and rows of integrations without a callback URL (their bot pulls), have none.
/// Every row stays readable through the pull API whatever its webhook state.
/// </para>
/// </summary>
public sealed class OutboundEvent
{
    private OutboundEvent() { }

    /// <summary>A new row for the conversation <paramref name="externalId"/>; pushed by webhook when <paramref name="push"/>.</summary>
    public OutboundEvent(Guid integrationId, Guid conversationId, string externalId, string type, string payload, DateTime now, bool push)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(payload);
        DeliveryId = Guid.CreateVersion7();
        IntegrationId = integrationId;
        ConversationId = conversationId;
        ConversationExternalId = externalId;
        Type = type;
        Payload = payload;
        CreatedAt = now.EnsureUtc(nameof(now));
        if (push)
        {
            PendingSince = CreatedAt;
            NextAttemptAt = CreatedAt;
        }
    }

    /// <summary>The row's place in the outbox; every new row has a higher one. The pull API's cursor.</summary>
    /// <remarks>
    /// On SQLite writers take turns (the write gate), so ids are also in commit order and a cursor
    /// never skips a row committed late. A store with concurrent writers (PostgreSQL) hands out
    /// sequence values before commit; the pull API would then need to hold back rows newer than
    /// the oldest open transaction.
    /// </remarks>
    public long Id { get; private set; }

    /// <summary>The delivery's stable id, sent with every attempt: receivers dedupe on it.</summary>
    public Guid DeliveryId { get; private set; }

    public Guid IntegrationId { get; private set; }
    public Guid ConversationId { get; private set; }

    /// <summary>The conversation's id as the bot knows it.</summary>
    public string ConversationExternalId { get; private set; } = "";

    /// <summary>One of <see cref="OutboundEventTypes"/>.</summary>
    public string Type { get; private set; } = "";

    /// <summary>The event's <c>data</c>, as JSON.</summary>
    public string Payload { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    /// <summary>How many webhook attempts were made (each may include the HTTP client's quick retries).</summary>
    public int Attempts { get; private set; }

    /// <summary>When the webhook is next tried; null when nothing is pending.</summary>
    public DateTime? NextAttemptAt { get; private set; }

    /// <summary>Since when the delivery has been pending: its creation, or the admin's retry. Parking counts from here.</summary>
    public DateTime? PendingSince { get; private set; }

    public DateTime? DeliveredAt { get; private set; }

    /// <summary>When the delivery was given up on, after failing for <see cref="DeliveryOptions.ParkAfterMinutes"/>.</summary>
    public DateTime? ParkedAt { get; private set; }

    /// <summary>Why the latest attempt failed.</summary>
    public string? LastError { get; private set; }

    /// <summary>Whether the webhook is still to be sent.</summary>
    public bool IsPending => NextAttemptAt is not null;

    /// <summary>The receiver took it (any 2xx).</summary>
    public void MarkDelivered(DateTime now)
    {
        EnsurePending();
        Attempts++;
        DeliveredAt = now.EnsureUtc(nameof(now));
        NextAttemptAt = null;
        LastError = null;
    }

    /// <summary>
    /// The attempt failed: try again at <paramref name="retryAt"/>, or park it when it has been
    /// pending for <paramref name="parkAfter"/> already. Returns whether it was parked.
    /// </summary>
    public bool MarkFailed(string error, DateTime now, DateTime retryAt, TimeSpan parkAfter)
    {
        EnsurePending();
        Attempts++;
        LastError = Trim(error);
        if (now - (PendingSince ?? CreatedAt) >= parkAfter)
        {
            ParkedAt = now.EnsureUtc(nameof(now));
            NextAttemptAt = null;
            return true;
        }
        NextAttemptAt = retryAt.EnsureUtc(nameof(retryAt));
        return false;
    }

    /// <summary>The integration has no callback URL (any more): the row is left to the pull API.</summary>
    public void StopPushing(string reason)
    {
        NextAttemptAt = null;
        LastError = Trim(reason);
    }

    /// <summary>The admin retries a parked delivery: it is pending again, with a fresh parking window.</summary>
    /// <exception cref="DomainException">The delivery is not parked.</exception>
    public void Retry(DateTime now)
    {
        if (ParkedAt is null) throw new DomainException("Only a parked delivery can be retried.");
        ParkedAt = null;
        Attempts = 0;
        PendingSince = now.EnsureUtc(nameof(now));
        NextAttemptAt = PendingSince;
    }

    private void EnsurePending()
    {
        if (NextAttemptAt is null) throw new InvalidOperationException($"Delivery {DeliveryId} is not pending.");
    }

    private static string Trim(string error) => error.Length <= MaxErrorLength ? error : error[..(MaxErrorLength - 1)] + "…";

    /// <summary>The longest <see cref="LastError"/> kept.</summary>
    public const int MaxErrorLength = 500;
}
