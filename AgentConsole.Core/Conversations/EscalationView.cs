using System.Data.Common;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Conversations;

/// <summary>The latest case of a conversation as its bot sees it, with its place in the queue while it waits.</summary>
public sealed record EscalationView(
    long Id,
    CaseStatus Status,
    CasePriority Priority,
    IssueCategory Category,
    DateTime OpenedAt,
    int? QueuePosition,
    string? AssignedAgentName)
{
    // One prepared statement: ingestion builds every reply of a conversation with humans from it.
    private static readonly string Sql = $"""
        SELECT {Columns("@p1")}
        FROM "Cases" AS k LEFT JOIN "Agents" AS a ON a."Id" = k."AssignedAgentId"
        WHERE k."ConversationId" = @p0
        ORDER BY k."Id" DESC
        LIMIT 1
        """;

    /// <summary>
    /// The latest case of the conversation as <paramref name="db"/> sees it, or null if it was never
    /// escalated. Inside a transaction it includes what the transaction wrote and saved.
    /// </summary>
    public static async Task<EscalationView?> LatestAsync(AgentConsoleDbContext db, Guid conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            StoreColumn[] columns = [StoreColumn.Of<Case>(db.Model, nameof(Case.ConversationId)), StoreColumn.Of<Case>(db.Model, nameof(Case.Status))];
            using var reader = PreparedCommands.Bind(PreparedCommands.For(db, Sql, columns), columns, conversationId, CaseStatus.Queued).ExecuteReader();
            return reader.Read() ? Read(reader, 0) : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The view's columns, for a query that names the case <c>k</c> and its assigned agent <c>a</c>,
    /// with <paramref name="queued"/> the parameter holding <see cref="CaseStatus.Queued"/> as stored.
    /// Ingestion reads them with the conversation, in the same statement (<see cref="Read"/>).
    /// </summary>
    /// <remarks>
    /// The queue serves higher priority first, then the longest waiting: the position counts the cases
    /// ahead. Each count is a range of the (Status, Priority, QueuedAt) index, so it reads only the
    /// cases ahead rather than testing every queued case.
    /// </remarks>
    internal static string Columns(string queued) => $"""
        k."Id", k."Status", k."Priority", k."Category", k."OpenedAt",
            CASE WHEN k."Status" = {queued} THEN 1
                + (SELECT COUNT(*) FROM "Cases" AS o WHERE o."Status" = {queued} AND o."Priority" > k."Priority")
                + (SELECT COUNT(*) FROM "Cases" AS o WHERE o."Status" = {queued} AND o."Priority" = k."Priority" AND o."QueuedAt" < k."QueuedAt")
                + (SELECT COUNT(*) FROM "Cases" AS o WHERE o."Status" = {queued} AND o."Priority" = k."Priority" AND o."QueuedAt" = k."QueuedAt" AND o."Id" < k."Id") END,
            a."DisplayName"
        """;

    /// <summary>The view from the <see cref="Columns"/> starting at <paramref name="first"/>, or null where no case was found.</summary>
    internal static EscalationView? Read(DbDataReader reader, int first) => reader.IsDBNull(first) ? null : new(
        reader.GetInt64(first),
        Enum.Parse<CaseStatus>(reader.GetString(first + 1)),
        (CasePriority)reader.GetInt32(first + 2),
        Enum.Parse<IssueCategory>(reader.GetString(first + 3)),
        DateTime.SpecifyKind(reader.GetDateTime(first + 4), DateTimeKind.Utc),
        reader.IsDBNull(first + 5) ? null : reader.GetInt32(first + 5),
        reader.IsDBNull(first + 6) ? null : reader.GetString(first + 6));
}
