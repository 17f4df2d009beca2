using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Metrics.Facts;

/// <summary>
/// One conversation as the history dashboard reads it, redone whenever the conversation, its cases,
/// ratings, customer or inbound events change (marked by the store's triggers, caught up before each read: <see cref="FactsSql"/>).
/// </summary>
public sealed class ConversationFact
{
    /// <summary>The conversation.</summary>
    public Guid ConversationId { get; private set; }

    /// <summary>When it started (UTC).</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>The quarter hour it started in: UTC ticks since the Unix epoch over 15 minutes. Clock changes fall on quarter hours, so one quarter has one local hour.</summary>
    public long Quarter { get; private set; }

    /// <summary>Its channel.</summary>
    public string Channel { get; private set; } = "";

    /// <summary>Its customer, if known.</summary>
    public Guid? CustomerId { get; private set; }

    /// <summary>The customer's tier; null with no known customer.</summary>
    public CustomerTier? Tier { get; private set; }

    /// <summary>Its latest case's category (as resolved, else as classified), else the bot's leading guess, else <see cref="IssueCategory.Other"/>.</summary>
    public IssueCategory Category { get; private set; }

    /// <summary>Whether it is a case opened directly (email, phone): never the bot's to keep or escalate.</summary>
    public bool Direct { get; private set; }

    /// <summary>Its first case, if it escalated.</summary>
    public long? FirstCaseId { get; private set; }

    /// <summary>Whether the customer rated it (the bot or a case).</summary>
    public bool Rated { get; private set; }

    /// <summary>The bot's leading category, else <see cref="IssueCategory.Other"/>: what a rating of the bot alone counts under.</summary>
    public IssueCategory BotGuess { get; private set; }

    /// <summary>The customer's ratings of the bot alone.</summary>
    public int BotRatings { get; private set; }

    /// <summary>The sum of their scores.</summary>
    public int BotScoreSum { get; private set; }

    /// <summary>Whether its first case was resolved and kept by its first assigned agent (<see cref="CaseFact.Kept"/>).</summary>
    public bool FirstCaseSettled { get; private set; }

    /// <summary>Its first case's <see cref="CaseFact.ReopenTicks"/>.</summary>
    public long? FirstCaseReopenTicks { get; private set; }

    /// <summary>Whether its first case was rated.</summary>
    public bool FirstCaseRated { get; private set; }

    /// <summary>The length of a <see cref="Quarter"/> in ticks.</summary>
    public const long QuarterTicks = 15 * TimeSpan.TicksPerMinute;

    /// <summary>The quarter a UTC instant falls in.</summary>
    public static long QuarterOf(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / QuarterTicks;

    /// <summary>The UTC instant a quarter starts.</summary>
    public static DateTime QuarterStart(long quarter) => DateTime.UnixEpoch.AddTicks(quarter * QuarterTicks);
}
