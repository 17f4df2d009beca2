using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Metrics.Facts;

/// <summary>
/// One case as the history dashboard reads it: its filter dimensions and every per-case figure,
/// redone whenever the case, its log, flags, ratings, repeat mentions, messages, pages, conversation,
/// customer or agent change (marked by the store's triggers, caught up before each read: <see cref="FactsSql"/>). A page
/// load reads these narrow rows for its range, never the source tables. Every value is derived
/// from the stored rows exactly as the figures define it; <see cref="FactsRebuild"/> recomputes them all.
/// </summary>
public sealed class CaseFact
{
    /// <summary>The case.</summary>
    public long CaseId { get; private set; }

    /// <summary>Its conversation.</summary>
    public Guid ConversationId { get; private set; }

    /// <summary>The conversation's customer, if known.</summary>
    public Guid? CustomerId { get; private set; }

    /// <summary>When the case opened (UTC): what the history figures count it by.</summary>
    public DateTime OpenedAt { get; private set; }

    /// <summary>The category its resolving agent confirmed, else the classifier's.</summary>
    public IssueCategory Category { get; private set; }

    /// <summary>The customer's tier; null with no known customer.</summary>
    public CustomerTier? Tier { get; private set; }

    /// <summary>The conversation's channel.</summary>
    public string Channel { get; private set; } = "";

    /// <summary>The team of the agent who holds or resolved the case, else the team it was routed or transferred to.</summary>
    public Guid? TeamId { get; private set; }

    /// <summary>The skill the case needs.</summary>
    public Skill Skill { get; private set; }

    /// <summary>Whether the bot wrote in the escalating episode before the case opened.</summary>
    public bool BotFirst { get; private set; }

    /// <summary>For a bot-first case with a customer message in its episode: that first message to the opening, in ticks (never negative).</summary>
    public long? EscalateTicks { get; private set; }

    /// <summary>For an assigned case: its first queueing (else opening) to its first assignment, in ticks (never negative).</summary>
    public long? WaitTicks { get; private set; }

    /// <summary>For an assigned, resolved case: its first assignment to its resolution, in ticks (never negative).</summary>
    public long? ResolveTicks { get; private set; }

    /// <summary>When it was resolved.</summary>
    public DateTime? ResolvedAt { get; private set; }

    /// <summary>The agent of its first assignment (the entry's detail), if any.</summary>
    public string? FirstAgentId { get; private set; }

    /// <summary>Whether an agent was ever assigned it (accepted, auto-assigned or given by a lead).</summary>
    public bool Assigned { get; private set; }

    /// <summary>Whether, after its first assignment, it never left that agent (no transfer, reassignment, escalation to engineering, reclaim or expired hold).</summary>
    public bool Kept { get; private set; }

    /// <summary>For a resolved case whose conversation escalated again: its resolution to that next case's opening, in ticks (negative when the next opened first).</summary>
    public long? ReopenTicks { get; private set; }

    /// <summary>Offers of it declined.</summary>
    public int Declines { get; private set; }

    /// <summary>Offers of it that timed out.</summary>
    public int TimeOuts { get; private set; }

    /// <summary>Times it was taken back for a missed first reply.</summary>
    public int Reclaims { get; private set; }

    /// <summary>Times it was transferred.</summary>
    public int Transfers { get; private set; }

    /// <summary>Times a lead reassigned it or sent it back to the queue.</summary>
    public int Reassignments { get; private set; }

    /// <summary>Whether an agent flagged it as misrouted.</summary>
    public bool Misrouted { get; private set; }

    /// <summary>Whether an agent flagged that the customer had to repeat something.</summary>
    public bool FlaggedRepeat { get; private set; }

    /// <summary>Whether the customer complained of repeating themselves after the handoff.</summary>
    public bool DetectedRepeat { get; private set; }

    /// <summary>Whether the customer rated it.</summary>
    public bool Rated { get; private set; }

    /// <summary>Its escalation reasons' categories, one bit per <see cref="ReasonCategory"/> value (1 &lt;&lt; value).</summary>
    public int ReasonMask { get; private set; }

    /// <summary>The page the customer had open when it opened (the latest viewed by then), as stored.</summary>
    public string? Page { get; private set; }

    /// <summary>For a sentiment escalation: the bot's last message before the customer message the reason points at (else before the opening).</summary>
    public long? SentimentReplyId { get; private set; }

    /// <summary>When its conversation started (UTC): what its rating counts by.</summary>
    public DateTime ConversationCreatedAt { get; private set; }

    /// <summary>Whether its conversation is a case opened directly (email, phone).</summary>
    public bool Direct { get; private set; }

    /// <summary>The customer's rating of it, 1 to 5, if any.</summary>
    public int? Score { get; private set; }

    /// <summary>The products the conversation's customer uses, as the customer's row stores them (a JSON array); null with no known customer.</summary>
    public string? Products { get; private set; }

    /// <summary>Whether <paramref name="reason"/> is among the case's reasons.</summary>
    public static bool Has(int mask, ReasonCategory reason) => (mask & (1 << (int)reason)) != 0;
}
