namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>How a conversation's escalate decision differs under the proposed settings.</summary>
public enum ReplayChangeKind { NewlyEscalated, NoLongerEscalated, EscalatedEarlier, EscalatedLater }

/// <summary>
/// One conversation whose decision changes: where it escalates now and would escalate with the
/// change, as the number of its messages read by then (null: it does not escalate).
/// </summary>
public sealed record ReplayChange(Guid ConversationId, long? CaseId, ReplayChangeKind Kind, int? CurrentAt, int? ProposedAt, int Messages)
{
    /// <summary>How many messages earlier (negative) or later (positive) it escalates; null unless it escalates both ways.</summary>
    public int? Shift => CurrentAt is { } now && ProposedAt is { } then ? then - now : null;
}

/// <summary>
/// What a change would have done to the decisions on the conversations of [<see cref="From"/>,
/// <see cref="To"/>): each conversation's bot phase re-run with the settings in effect and with the
/// proposed ones. At most <see cref="Cap"/> conversations, the newest, are re-run; <see cref="Capped"/>
/// says whether more were left out.
/// </summary>
public sealed record ReplayResult(DateTime From, DateTime To, int Conversations, int Cap, bool Capped,
    int EscalatedNow, int EscalatedProposed, IReadOnlyList<ReplayChange> Changes)
{
    /// <summary>How many examples per kind the page shows.</summary>
    public const int Examples = 5;

    /// <summary>How many conversations change in the way <paramref name="kind"/> says.</summary>
    public int Count(ReplayChangeKind kind) => Changes.Count(c => c.Kind == kind);

    /// <summary>A few of the conversations that change in the way <paramref name="kind"/> says.</summary>
    public IReadOnlyList<ReplayChange> ExamplesOf(ReplayChangeKind kind) => Changes.Where(c => c.Kind == kind).Take(Examples).ToList();
}
