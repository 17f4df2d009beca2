using AgentConsole.Core.Common;

namespace AgentConsole.Core.Cases;

/// <summary>
/// One entry in a case's log. The log is append-only: the store refuses updates and deletes, and
/// metrics and the audit trail are computed from it.
/// </summary>
public sealed class CaseEvent
{
    private CaseEvent() { }

    internal CaseEvent(Case @case, CaseEventType type, DateTime at, ActorKind actorKind, string? actorId, string? detail, CaseEventReason? reason, string? comment)
    {
        Case = @case;
        Type = type;
        At = at.EnsureUtc(nameof(at));
        ActorKind = actorKind;
        ActorId = actorId;
        Detail = detail;
        Reason = reason;
        Comment = comment;
    }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public Case? Case { get; private set; }
    public CaseEventType Type { get; private set; }
    public DateTime At { get; private set; }
    public ActorKind ActorKind { get; private set; }
    /// <summary>The agent's, user's or integration's id; null for the system.</summary>
    public string? ActorId { get; private set; }
    /// <summary>Why the case moved, for the entries of a move; null where the type says it all.</summary>
    public CaseEventReason? Reason { get; private set; }
    /// <summary>A human's own words: a decline's reason, a note, a reassignment's or a resolution's note.</summary>
    public string? Comment { get; private set; }
    /// <summary>
    /// The system's particulars, never prose: the agent the entry concerns (offered, assigned, timed
    /// out), the routing summary, the bug report's JSON, a flag's name, the escalation's reason categories.
    /// </summary>
    public string? Detail { get; private set; }
}
