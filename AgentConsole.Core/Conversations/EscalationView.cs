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
    // The queue serves higher priority first, then the longest waiting: the position counts the cases
    // ahead. Each count is a range of the (Status, Priority, QueuedAt) index, so it reads only the
    // cases ahead rather than testing every queued case.
    private const string Sql = """
        SELECT c."Id", c."Status", c."Priority", c."Category", c."OpenedAt",
            CASE WHEN c."Status" = @p1 THEN 1
                + (SELECT COUNT(*) FROM "Cases" AS o WHERE o."Status" = @p1 AND o."Priority" > c."Priority")
                + (SELECT COUNT(*) FROM "Cases" AS o WHERE o."Status" = @p1 AND o."Priority" = c."Priority" AND o."QueuedAt" < c."QueuedAt")
                + (SELECT COUNT(*) FROM "Cases" AS o WHERE o."Status" = @p1 AND o."Priority" = c."Priority" AND o."QueuedAt" = c."QueuedAt" AND o."Id" < c."Id") END,
            a."DisplayName"
        FROM "Cases" AS c LEFT JOIN "Agents" AS a ON a."Id" = c."AssignedAgentId"
        WHERE c."ConversationId" = @p0
        ORDER BY c."Id" DESC
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
            var columns = Columns(db);
            using var reader = PreparedCommands.Bind(PreparedCommands.For(db, Sql, columns), columns, conversationId, CaseStatus.Queued).ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static StoreColumn[] Columns(AgentConsoleDbContext db) =>
        [StoreColumn.Of<Case>(db.Model, nameof(Case.ConversationId)), StoreColumn.Of<Case>(db.Model, nameof(Case.Status))];

    private static EscalationView Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        Enum.Parse<CaseStatus>(reader.GetString(1)),
        (CasePriority)reader.GetInt32(2),
        Enum.Parse<IssueCategory>(reader.GetString(3)),
        DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc),
        reader.IsDBNull(5) ? null : reader.GetInt32(5),
        reader.IsDBNull(6) ? null : reader.GetString(6));
}
