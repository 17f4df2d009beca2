using AgentConsole.Core.Common;

namespace AgentConsole.Core.Cases;

/// <summary>
/// One actor's feedback flag on a case, with their comment. The store holds at most one per case,
/// flag and actor (a unique index); the case's log keeps a <see cref="CaseEventType.Flagged"/> entry
/// for the audit.
/// </summary>
public sealed class FeedbackFlag
{
    /// <summary>The longest comment on a flag.</summary>
    public const int MaxCommentLength = 1000;

    private FeedbackFlag() { }

    internal FeedbackFlag(Case @case, CaseFlag flag, ActorKind actorKind, string actorId, string? comment, DateTime at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actorId);
        Case = @case;
        Flag = flag;
        ActorKind = actorKind;
        ActorId = actorId;
        Comment = comment;
        At = at.EnsureUtc(nameof(at));
    }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public Case? Case { get; private set; }
    public CaseFlag Flag { get; private set; }
    public ActorKind ActorKind { get; private set; }
    /// <summary>Who flagged: the agent's id, else the user's name, as on the case's log.</summary>
    public string ActorId { get; private set; } = "";
    public string? Comment { get; private set; }
    public DateTime At { get; private set; }
}
