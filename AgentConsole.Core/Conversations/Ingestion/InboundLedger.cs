using AgentConsole.Core.Data;

namespace AgentConsole.Core.Conversations.Ingestion;

/// <summary>
/// The dedupe of inbound events. The ledger's unique (conversation, event id) index decides: each
/// event's ledger row is inserted first, and an event whose row already exists is a retry.
/// </summary>
internal static class InboundLedger
{
    private static readonly string[] Columns = [nameof(InboundEvent.ConversationId), nameof(InboundEvent.EventId),
        nameof(InboundEvent.Type), nameof(InboundEvent.OccurredAt), nameof(InboundEvent.ReceivedAt), nameof(InboundEvent.Payload)];

    /// <summary>Records the events the conversation has not accepted yet; returns them, in batch order.</summary>
    public static List<InboundEventData> Accept(AgentConsoleDbContext db, Guid conversationId, IReadOnlyList<InboundEventData> events, DateTime receivedAt)
    {
        var accepted = new List<InboundEventData>(events.Count);
        if (events.Count == 0) return accepted;
        object?[][] rows = [.. events.Select(e => new object?[] { conversationId, e.Id, e.Type, e.At, receivedAt, e.RawJson })];
        // Most batches are new: one plain insert takes them all. A unique-index failure undoes that statement
        // alone and means an event was seen before (or twice in the batch); then an insert that skips those says which went in.
        if (new RowInserter<InboundEvent>(db, OnConflict.Fail, Columns).TryInsertEvery(rows))
            return [.. events];
        // One statement for the batch; it returns the ids that went in, and an id twice in one batch goes in once.
        var stored = new HashSet<string>(
            new RowInserter<InboundEvent>(db, OnConflict.Skip, Columns).InsertAll<string>(rows, nameof(InboundEvent.EventId)),
            StringComparer.Ordinal);
        foreach (var inbound in events)
        {
            if (stored.Remove(inbound.Id)) accepted.Add(inbound);
        }
        return accepted;
    }
}
