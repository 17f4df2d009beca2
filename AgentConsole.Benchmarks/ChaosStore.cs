using System.Globalization;
using AgentConsole.Core.Cases;
using System.Data.Common;

namespace AgentConsole.Benchmarks;

/// <summary>A stored message's conversation (by id and by external id) and the event id it was stored under.</summary>
public readonly record struct StoredMessage(string ConversationId, string ExternalId, string EventId);

/// <summary>A case row: what the checker compares with the log, the deadlines and the capacity.</summary>
public sealed record StoredCase(long Id, string ConversationId, string ExternalId, CaseStatus Status, Guid? OfferedAgentId, Guid? AssignedAgentId,
    DateTime? OfferExpiresAt, DateTime? FirstReplyDueAt, bool CapacityOverride)
{
    /// <summary>The agent the case is offered or assigned to, as <see cref="Case.HolderId"/> has it.</summary>
    public Guid? Holder => Status switch { CaseStatus.Offered => OfferedAgentId, CaseStatus.Assigned => AssignedAgentId, _ => null };
}

/// <summary>One entry of the append-only case event log.</summary>
public readonly record struct StoredCaseEvent(long Id, long CaseId, CaseEventType Type, DateTime At, string? Detail);

/// <summary>An agent and their capacity.</summary>
public readonly record struct StoredAgent(Guid Id, int Capacity);

/// <summary>An outbox row of the run's integration.</summary>
public readonly record struct StoredDelivery(long Sequence, string Id, string Conversation, string Type, bool Delivered);

/// <summary>What the store holds after the last stop, as far as the checker reads it.</summary>
public sealed record ChaosStore(IReadOnlyList<StoredMessage> Messages, IReadOnlyList<StoredCase> Cases, IReadOnlyList<StoredCaseEvent> CaseEvents,
    IReadOnlyList<StoredAgent> Agents, IReadOnlyList<StoredDelivery> Deliveries)
{
    /// <summary>Reads <paramref name="store"/> (SQLite or PostgreSQL); the outbox rows are those of the integration named <paramref name="integration"/>.</summary>
    public static async Task<ChaosStore> ReadAsync(LoadStore store, string integration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var db = await store.OpenReadOnlyAsync(cancellationToken);
        var messages = await RowsAsync(db, """
            SELECT m."ConversationId", c."ExternalId", m."EventId" FROM "Messages" m JOIN "Conversations" c ON c."Id" = m."ConversationId"
            WHERE m."EventId" IS NOT NULL
            """, r => new StoredMessage(Guid(r, 0)!.Value.ToString(), r.GetString(1), r.GetString(2)), cancellationToken);
        var cases = await RowsAsync(db, """
            SELECT k."Id", k."ConversationId", c."ExternalId", k."Status", k."OfferedAgentId", k."AssignedAgentId", k."OfferExpiresAt", k."FirstReplyDueAt", k."CapacityOverride"
            FROM "Cases" k JOIN "Conversations" c ON c."Id" = k."ConversationId"
            """, r => new StoredCase(r.GetInt64(0), Guid(r, 1)!.Value.ToString(), r.GetString(2), Enum.Parse<CaseStatus>(r.GetString(3)), Guid(r, 4), Guid(r, 5),
                Time(r, 6), Time(r, 7), r.GetBoolean(8)), cancellationToken);
        var events = await RowsAsync(db, """SELECT "Id", "CaseId", "Type", "At", "Detail" FROM "CaseEvents" ORDER BY "Id" """,
            r => new StoredCaseEvent(r.GetInt64(0), r.GetInt64(1), Enum.Parse<CaseEventType>(r.GetString(2)), Time(r, 3)!.Value, r.IsDBNull(4) ? null : r.GetString(4)),
            cancellationToken);
        var agents = await RowsAsync(db, """SELECT "Id", "Capacity" FROM "Agents" """, r => new StoredAgent(Guid(r, 0)!.Value, r.GetInt32(1)), cancellationToken);
        var deliveries = await RowsAsync(db, $"""
            SELECT e."Id", e."DeliveryId", e."ConversationExternalId", e."Type", e."DeliveredAt" IS NOT NULL
            FROM "OutboundEvents" e JOIN "Integrations" i ON i."Id" = e."IntegrationId" WHERE i."Name" = '{integration.Replace("'", "''", StringComparison.Ordinal)}'
            """, r => new StoredDelivery(r.GetInt64(0), Guid(r, 1)!.Value.ToString(), r.GetString(2), r.GetString(3), r.GetBoolean(4)), cancellationToken);
        return new ChaosStore(messages, cases, events, agents, deliveries);
    }

    private static async Task<List<T>> RowsAsync<T>(DbConnection db, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
    }

    // SQLite keeps ids and instants as text, PostgreSQL as uuid and timestamp with time zone.
    private static Guid? Guid(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : r.GetFieldType(i) == typeof(Guid) ? r.GetGuid(i) : System.Guid.Parse(r.GetString(i));

    private static DateTime? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null
        : r.GetFieldType(i) == typeof(DateTime) ? DateTime.SpecifyKind(r.GetDateTime(i).ToUniversalTime(), DateTimeKind.Utc)
        : DateTime.SpecifyKind(DateTime.Parse(r.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc);
}
