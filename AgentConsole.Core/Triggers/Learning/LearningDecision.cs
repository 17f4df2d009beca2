using AgentConsole.Core.Common;

namespace AgentConsole.Core.Triggers.Learning;

/// <summary>What an agent's verdict on a case can teach the triggers.</summary>
public enum LearningSource
{
    /// <summary>The agent confirmed another category at resolution: the customer's words are an example of that category.</summary>
    Recategorised = 1,
    /// <summary>The agent flagged the escalation as unnecessary, and it escalated because the customer seemed to ask for a person or to complain: the words are a message that did neither.</summary>
    Unnecessary = 2,
}

/// <summary>
/// An admin's decision on a <see cref="LearningCandidate"/>: approved with the text (and, for a
/// recategorised case, the category) it teaches, or rejected. Each case and source is decided once,
/// and the row records who decided and when. An approved recategorised case points at the
/// classifier example it added; an approved unnecessary one is itself the learned message.
/// </summary>
public sealed class LearningDecision
{
    /// <summary>The longest text kept: the classifier examples' limit.</summary>
    public const int MaxTextLength = 1000;

    private LearningDecision() { }

    internal LearningDecision(long caseId, LearningSource source, bool approved, IssueCategory? category, string? text, string decidedBy, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(decidedBy);
        CaseId = caseId;
        Source = source;
        Approved = approved;
        Category = category;
        Text = text;
        DecidedBy = decidedBy;
        DecidedAt = now.EnsureUtc(nameof(now));
    }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public LearningSource Source { get; private set; }
    public bool Approved { get; private set; }
    /// <summary>The category an approved recategorised case teaches.</summary>
    public IssueCategory? Category { get; private set; }
    /// <summary>The words an approval teaches; null for a rejection.</summary>
    public string? Text { get; private set; }
    /// <summary>The classifier example an approved recategorised case added (null once an admin removes it).</summary>
    public int? ExampleId { get; private set; }
    public string DecidedBy { get; private set; } = "";
    public DateTime DecidedAt { get; private set; }

    internal void Added(CategoryExampleRecord example) => ExampleId = example.Id;
}
