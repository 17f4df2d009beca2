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
        // One statement for the batch; it returns the ids that went in, and an id twice in one batch goes in once.
        var stored = new HashSet<string>(
            ledger.InsertAll<string>([.. events.Select(e => new object?[] { conversationId, e.Id, e.Type, e.At, receivedAt, e.RawJson })], nameof(InboundEvent.EventId)),
            StringComparer.Ordinal);
        foreach (var inbound in events)
        {
            if (stored.Remove(inbound.Id)) accepted.Add(inbound);
        }
        return accepted;
    }
}
