using AgentConsole.Core.Common;

namespace AgentConsole.Core.Audit;

/// <summary>
/// One admin action in the audit log: when, who, what (<see cref="AuditActions"/>), on what, and its
/// details as JSON. Rows are only ever added: the context refuses to change them and store triggers
/// refuse <c>UPDATE</c> and <c>DELETE</c>.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    internal AuditEntry(DateTime at, AuditActor actor, string action, string target, string? detail)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        At = at.EnsureUtc(nameof(at));
        ActorId = actor.UserId;
        ActorName = actor.Name;
        Action = action;
        Target = target;
        Detail = detail;
    }

    public long Id { get; private set; }

    /// <summary>When the action was stored (UTC).</summary>
    public DateTime At { get; private set; }

    /// <summary>The acting login's id.</summary>
    public string ActorId { get; private set; } = "";

    /// <summary>The acting login's name at the time.</summary>
    public string ActorName { get; private set; } = "";

    /// <summary>What was done: one of <see cref="AuditActions"/>.</summary>
    public string Action { get; private set; } = "";

    /// <summary>What it was done to, in words an admin reads: a setting's key, a user's email, an integration's name.</summary>
    public string Target { get; private set; } = "";

    /// <summary>The action's details as a JSON object, or null.</summary>
    public string? Detail { get; private set; }
}
