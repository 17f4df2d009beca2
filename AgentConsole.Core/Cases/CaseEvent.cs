using AgentConsole.Core.Common;

namespace AgentConsole.Core.Cases;

/// <summary>
/// One entry in a case's log. The log is append-only: the store refuses updates and deletes, and
/// metrics and the audit trail are computed from it.
/// </summary>
public sealed class CaseEvent
{
    private CaseEvent() { }

    public CaseEvent(long caseId, CaseEventType type, DateTime at, ActorKind actorKind, string? actorId, string? detail = null)
    {
        CaseId = caseId;
        Type = type;
        At = at.EnsureUtc(nameof(at));
        ActorKind = actorKind;
        ActorId = actorId;
        Detail = detail;
    }

    internal CaseEvent(Case @case, CaseEventType type, DateTime at, ActorKind actorKind, string? actorId, string? detail)
        : this(0, type, at, actorKind, actorId, detail) => Case = @case;

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public Case? Case { get; private set; }
    public CaseEventType Type { get; private set; }
    public DateTime At { get; private set; }
    public ActorKind ActorKind { get; private set; }
    /// <summary>The agent's, user's or integration's id; null for the system.</summary>
    public string? ActorId { get; private set; }
    /// <summary>A note, a reason, or a small JSON object with the event's particulars.</summary>
    public string? Detail { get; private set; }
}
