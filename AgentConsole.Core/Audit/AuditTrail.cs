using System.Text.Json;
using AgentConsole.Core.Data;

namespace AgentConsole.Core.Audit;

/// <summary>
/// The one way to record an admin action. Call it with the context and transaction that make the
/// change, before their <c>SaveChanges</c> and commit: the entry is stored with the change or not at
/// all. For example:
/// <code>
/// await using var transaction = await WriteTransaction.BeginAsync(db, ct);
/// ...change...
/// AuditTrail.Record(db, by, AuditActions.UserLocked, user.Email, new { userId = user.Id }, now);
/// await db.SaveChangesAsync(ct);
/// await transaction.CommitAsync(ct);
/// </code>
/// </summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds an entry to <paramref name="db"/>: <paramref name="by"/> did <paramref name="action"/>
    /// (see <see cref="AuditActions"/>; another feature may add its own name) to
    /// <paramref name="target"/> at <paramref name="at"/> (UTC), with <paramref name="detail"/>
    /// serialised as a JSON object when given. The caller's <c>SaveChanges</c> stores it.
    /// </summary>
    public static AuditEntry Record(AgentConsoleDbContext db, AuditActor by, string action, string target, object? detail, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entry = new AuditEntry(at, by, action, Truncate(target), detail is null ? null : JsonSerializer.Serialize(detail, Json));
        db.AuditEntries.Add(entry);
        return entry;
    }

    private static string Truncate(string target) => target.Length <= FieldLimits.Title ? target : target[..FieldLimits.Title];
}
