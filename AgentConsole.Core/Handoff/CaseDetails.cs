using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Handoff;

/// <summary>Whether the actor may open a case.</summary>
public enum CaseAccess { Granted, NotFound, Forbidden }

/// <summary>The answer to <see cref="CaseDetailsQuery.GetAsync"/>: the details only when access is granted.</summary>
public sealed record CaseDetailsResult(CaseAccess Access, CaseDetails? Details)
{
    public static readonly CaseDetailsResult NotFound = new(CaseAccess.NotFound, null);
    public static readonly CaseDetailsResult Forbidden = new(CaseAccess.Forbidden, null);
}

/// <summary>The case's own facts: where it is, who holds it, and its deadlines.</summary>
public sealed record CaseSummary(
    long Id,
    string ConversationExternalId,
    string Channel,
    CaseStatus Status,
    CasePriority Priority,
    IssueCategory Category,
    double CategoryConfidence,
    Skill RequiredSkill,
    AgentTier Tier,
    double SentimentScore,
    SentimentTrend SentimentTrend,
    DateTime OpenedAt,
    DateTime? QueuedAt,
    DateTime? AssignedAt,
    DateTime? ResolvedAt,
    string? ResolutionNote,
    IssueCategory? ResolvedCategory,
    Guid? HolderId,
    string? HolderName,
    Guid? TeamId,
    DateTime? OfferExpiresAt,
    DateTime? FirstReplyDueAt,
    DateTime? FirstRepliedAt,
    int BounceCount,
    string? RoutingSummary)
{
    public bool IsOpen => Status != CaseStatus.Resolved;
}

/// <summary>What kind of line the transcript shows.</summary>
public enum TranscriptEntryKind { Message, Attempt }

/// <summary>
/// One line of the case's transcript, in order: a message, or something the bot or the customer
/// tried, inline where it happened. <see cref="TriggeredBy"/> lists the reasons the message fired.
/// </summary>
public sealed record TranscriptEntry(
    TranscriptEntryKind Kind,
    DateTime At,
    long? MessageId,
    MessageAuthor? Author,
    string Text,
    double? BotConfidence,
    AttemptSource? AttemptSource,
    AttemptOutcome? Outcome,
    IReadOnlyList<EscalationReason> TriggeredBy)
{
    public bool IsTrigger => TriggeredBy.Count > 0;
}

/// <summary>An internal note on the case.</summary>
public sealed record CaseNoteEntry(DateTime At, string AuthorName, string Text);

/// <summary>A feedback flag on the case; <see cref="Mine"/> when the reader raised it.</summary>
public sealed record CaseFlagEntry(DateTime At, CaseFlag Flag, string? Comment, string AuthorName, bool Mine);

/// <summary>
/// One of the customer's other recent cases, as the reader may see it: a link when they may open
/// it, and how it ended (its resolution note) either way, so the agent need not ask the customer.
/// </summary>
public sealed record RecentCaseEntry(long Id, IssueCategory Category, CaseStatus Status, DateTime OpenedAt, DateTime? ResolvedAt, bool MayOpen, string? Outcome);

/// <summary>A team a case may be transferred to.</summary>
public sealed record TeamOption(Guid Id, string Name);

/// <summary>An agent a case may be transferred to, with their stored presence.</summary>
public sealed record AgentOption(Guid Id, string Name, Guid TeamId, string TeamName, AgentTier Tier, Presence Presence);

/// <summary>What the reader may do with the case, by <see cref="RoutingPermissions"/> and the engine's rules.</summary>
/// <param name="MayWork">May add notes and flags (the holder, the team's lead, a supervisor).</param>
/// <param name="MayAct">May resolve, transfer and escalate now: works it, it is open, and an agent has accepted it.</param>
/// <param name="MayReply">Is the agent the case is assigned to.</param>
/// <param name="OfferedToMe">The case is offered to the reader, who may accept or decline it.</param>
public sealed record CasePermissions(bool MayWork, bool MayAct, bool MayReply, bool OfferedToMe);

/// <summary>
/// Everything the case view shows, in one read: the case, the briefing (already rendered to safe
/// HTML, cut into its open text and detail sections), the suggested first message, the transcript with attempts inline and trigger messages
/// marked, the customer with their recent cases, the pages they viewed, why it escalated, why it
/// was routed where it was, any bug report, the notes and flags, and (for a reader who may act on
/// the case) the teams and agents it may be transferred to.
/// </summary>
public sealed record CaseDetails(
    CaseSummary Case,
    IReadOnlyList<BriefingPart> Briefing,
    string? SuggestedFirstMessage,
    IReadOnlyList<TranscriptEntry> Transcript,
    Customer? Customer,
    IReadOnlyList<RecentCaseEntry> RecentCases,
    PageView? Page,
    IReadOnlyList<PageView> PageHistory,
    IReadOnlyList<EscalationReason> Reasons,
    RoutingExplanation? Routing,
    BugReport? BugReport,
    IReadOnlyList<CaseNoteEntry> Notes,
    IReadOnlyList<CaseFlagEntry> Flags,
    CasePermissions Permissions,
    IReadOnlyList<TeamOption> Teams,
    IReadOnlyList<AgentOption> Agents,
    DateTime At,
    long LastMessageId)
{
    /// <summary>These details with <paramref name="update"/>'s case facts, permissions and choices in place of their own.</summary>
    public CaseDetails With(CaseStatusUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var greeting = update.Case.FirstRepliedAt is null && update.Case.IsOpen ? SuggestedFirstMessage : null;
        return this with
        {
            Case = update.Case, Permissions = update.Permissions, Routing = update.Routing, BugReport = update.BugReport,
            Teams = update.Teams, Agents = update.Agents, At = update.At, SuggestedFirstMessage = greeting,
        };
    }

    /// <summary>
    /// These details with <paramref name="update"/>'s new messages added to the transcript, its
    /// attempts in place of the transcript's, and its pages and customer.
    /// </summary>
    public CaseDetails With(ConversationUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        // Only what is newer than the last message shown: a late answer to an earlier read adds nothing twice.
        var messages = Transcript.Where(e => e.Kind == TranscriptEntryKind.Message).Concat(update.Messages.Where(m => m.MessageId > LastMessageId));
        return this with
        {
            Transcript = CaseTranscript.Build(messages, update.Attempts),
            PageHistory = update.PageHistory,
            Page = update.PageHistory.Count > 0 ? update.PageHistory[^1] : null,
            Customer = update.Customer,
            LastMessageId = Math.Max(LastMessageId, update.LastMessageId),
        };
    }

    /// <summary>These details with <paramref name="update"/>'s notes and flags.</summary>
    public CaseDetails With(CaseNotesAndFlags update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return this with { Notes = update.Notes, Flags = update.Flags };
    }
}

/// <summary>
/// What changes when routing moves a case: its facts, who may do what, the routing explanation and
/// bug report, and the transfer choices for a reader who may act. The greeting is dropped once
/// the case has been answered or closed.
/// </summary>
public sealed record CaseStatusUpdate(
    CaseSummary Case,
    CasePermissions Permissions,
    RoutingExplanation? Routing,
    BugReport? BugReport,
    IReadOnlyList<TeamOption> Teams,
    IReadOnlyList<AgentOption> Agents,
    DateTime At);

/// <summary>
/// What a case's conversation gained since the case view read it: the messages after the last one
/// it shows (by id), and, re-read whole because they are few, what was tried, the pages viewed and
/// the customer's profile.
/// </summary>
public sealed record ConversationUpdate(
    IReadOnlyList<TranscriptEntry> Messages,
    IReadOnlyList<TranscriptEntry> Attempts,
    IReadOnlyList<PageView> PageHistory,
    Customer? Customer,
    long LastMessageId);

/// <summary>A case's internal notes and feedback flags, in order, as the reader sees them.</summary>
public sealed record CaseNotesAndFlags(IReadOnlyList<CaseNoteEntry> Notes, IReadOnlyList<CaseFlagEntry> Flags);

/// <summary>The answer to a partial read of the case view: the part only when the reader may still see the case.</summary>
public sealed record CaseUpdate<T>(CaseAccess Access, T? Part) where T : class
{
    public static readonly CaseUpdate<T> NotFound = new(CaseAccess.NotFound, null);
    public static readonly CaseUpdate<T> Forbidden = new(CaseAccess.Forbidden, null);
}
