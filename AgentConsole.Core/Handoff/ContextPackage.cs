using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Handoff;

/// <summary>One line of the transcript as the human sees it.</summary>
public sealed record TranscriptLine(long Id, MessageAuthor Author, string Text, DateTime SentAt, double? BotConfidence);

/// <summary>Something the bot or the customer already tried.</summary>
public sealed record AttemptLine(AttemptSource Source, string Description, AttemptOutcome Outcome, DateTime At);

/// <summary>Another recent case of the same customer.</summary>
public sealed record RecentCase(long Id, IssueCategory Category, CaseStatus Status, DateTime OpenedAt, DateTime? ResolvedAt);

/// <summary>
/// Everything the human needs to take over without asking the customer to repeat anything: the
/// full transcript in order with timestamps, what was already tried, the customer's profile and
/// other recent cases, the page they were on, and the decision that escalated it.
/// </summary>
public sealed record ContextPackage(
    Guid ConversationId,
    string ConversationExternalId,
    string Channel,
    Customer? Customer,
    IReadOnlyList<TranscriptLine> Transcript,
    IReadOnlyList<AttemptLine> Attempts,
    PageView? Page,
    IReadOnlyList<PageView> PageHistory,
    IReadOnlyList<RecentCase> RecentCases,
    EscalationDecision Decision,
    DateTime At)
{
    public IEnumerable<AttemptLine> BotAttempts => Attempts.Where(a => a.Source == AttemptSource.Bot);
    public IEnumerable<AttemptLine> CustomerTries => Attempts.Where(a => a.Source == AttemptSource.Customer);
}
