namespace AgentConsole.Core.Triggers.Learning;

/// <summary>A customer message of a candidate's conversation, sent before its case opened.</summary>
public sealed record CandidateMessage(long Id, string Text, DateTime SentAt);

/// <summary>
/// A case whose agent's verdict could teach the triggers, waiting for an admin: a case resolved in
/// another category than the classifier gave it, or an escalation flagged unnecessary that fired
/// on a seeming request for a person or a complaint.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Source">Which verdict.</param>
/// <param name="At">When the agent gave it: the resolution, or the first unnecessary flag.</param>
/// <param name="ClassifiedAs">The category the classifier gave the case.</param>
/// <param name="ConfirmedAs">The category the agent confirmed (recategorised cases).</param>
/// <param name="Reasons">Why the case escalated.</param>
/// <param name="Comment">The agent's comment on the flag, if any.</param>
/// <param name="Messages">The customer's messages before the case opened, oldest first (the latest <see cref="DeskLearning.MessagesShown"/>).</param>
/// <param name="ProposedText">The words proposed as the example: for a recategorised case the first substantive message, for an unnecessary one the message that fired.</param>
public sealed record LearningCandidate(long CaseId, LearningSource Source, DateTime At, IssueCategory ClassifiedAs, IssueCategory? ConfirmedAs,
    IReadOnlyList<ReasonCategory> Reasons, string? Comment, IReadOnlyList<CandidateMessage> Messages, string ProposedText);
