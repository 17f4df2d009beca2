using AgentConsole.Core.Data;

namespace AgentConsole.Core.Conversations.Ingestion;

/// <summary>
/// The dedupe of inbound events. The ledger's unique (conversation, event id) index decides: each
/// event's ledger row is inserted first, and an event whose row already exists is a retry.
/// </summary>
internal static class InboundLedger
{
    /// <summary>Records the events the conversation has not accepted yet; returns them, in batch order.</summary>
    public static List<InboundEventData> Accept(AgentConsoleDbContext db, Guid conversationId, IReadOnlyList<InboundEventData> events, DateTime receivedAt)
    {
        var accepted = new List<InboundEventData>(events.Count);
        if (events.Count == 0) return accepted;
        var ledger = new RowInserter<InboundEvent>(db, OnConflict.Skip, nameof(InboundEvent.ConversationId), nameof(InboundEvent.EventId),
            nameof(InboundEvent.Type), nameof(InboundEvent.OccurredAt), nameof(InboundEvent.ReceivedAt), nameof(InboundEvent.Payload));
        foreach (var inbound in events)
        {
            if (ledger.TryInsert(conversationId, inbound.Id, inbound.Type, inbound.At, receivedAt, inbound.RawJson)) accepted.Add(inbound);
        }
        return accepted;
    }
}
