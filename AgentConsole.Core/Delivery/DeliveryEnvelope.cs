using System.Text.Json;

namespace AgentConsole.Core.Delivery;

/// <summary>
/// An outbox row as a bot receives it, by webhook and by the pull API alike:
/// <c>{ "id", "sequence", "type", "conversationId", "occurredAt", "data" }</c>.
/// </summary>
/// <param name="Id">The delivery's stable id: the same on every attempt, so the receiver dedupes on it.</param>
/// <param name="Sequence">The outbox row's id: increasing, so a conversation's events can be put in order; the pull API's cursor.</param>
/// <param name="Type">One of <see cref="OutboundEventTypes"/>.</param>
/// <param name="ConversationId">The conversation's id as the bot knows it (the external id it posted events with).</param>
/// <param name="OccurredAt">When it happened on the desk (UTC).</param>
/// <param name="Data">The type's data: see <see cref="OutboundEventTypes"/>.</param>
public sealed record DeliveryEnvelope(string Id, long Sequence, string Type, string ConversationId, DateTime OccurredAt, JsonElement Data)
{
    /// <summary>The envelope of a stored row.</summary>
    public static DeliveryEnvelope From(OutboundEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var data = JsonDocument.Parse(row.Payload);
        return new DeliveryEnvelope(row.DeliveryId.ToString(), row.Id, row.Type, row.ConversationExternalId, row.CreatedAt, data.RootElement.Clone());
    }

    /// <summary>The JSON a webhook sends: these exact bytes are signed.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, OutboundJson.Options);
}
