using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Metrics.Facts;

/// <summary>An hourly rollup row: the local day and hour its conversations started, and the conversation dimensions a history filter narrows by.</summary>
public abstract class HourRollup
{
    /// <summary>The local day (<see cref="DateOnly.DayNumber"/>) in the time zone the rollups were built for.</summary>
    public int Day { get; private set; }

    /// <summary>The local hour of day, 0 to 23.</summary>
    public int Hour { get; private set; }

    /// <summary>The conversations' channel.</summary>
    public string Channel { get; private set; } = "";

    /// <summary>Their customer's tier; null with no known customer.</summary>
    public CustomerTier? Tier { get; private set; }

    /// <summary>The row's category: the conversations' (<see cref="ConversationFact.Category"/>), or for ratings the rated case's or the bot's leading guess.</summary>
    public IssueCategory Category { get; private set; }
}

/// <summary>
/// The conversations (not opened directly) that started in one local hour of one local day with one
/// channel, tier and category, counted as the escalation rate and the funnel count them (<see cref="RollupSql"/>).
/// </summary>
public sealed class ConversationHour : HourRollup
{
    /// <summary>How many.</summary>
    public int Conversations { get; private set; }

    /// <summary>Those with a case.</summary>
    public int Escalated { get; private set; }

    /// <summary>Those the customer rated.</summary>
    public int Rated { get; private set; }

    /// <summary>Those whose first case was resolved at first contact.</summary>
    public int FirstContact { get; private set; }

    /// <summary>Those of <see cref="FirstContact"/> whose first case was rated.</summary>
    public int FirstContactRated { get; private set; }
}

/// <summary>A case rollup row: the dimensions a history filter narrows cases by, and how many cases the row sums.</summary>
public abstract class CaseRollup
{
    /// <summary>The local day (<see cref="DateOnly.DayNumber"/>) in the time zone the rollups were built for.</summary>
    public int Day { get; private set; }

    /// <summary>The cases' category (<see cref="CaseFact.Category"/>).</summary>
    public IssueCategory Category { get; private set; }

    /// <summary>Their customer's tier; null with no known customer.</summary>
    public CustomerTier? Tier { get; private set; }

    /// <summary>Their conversation's channel.</summary>
    public string Channel { get; private set; } = "";

    /// <summary>Their team (<see cref="CaseFact.TeamId"/>).</summary>
    public Guid? TeamId { get; private set; }

    /// <summary>The skill they need.</summary>
    public Skill Skill { get; private set; }

    /// <summary>How many cases the row sums.</summary>
    public int Cases { get; private set; }
}

/// <summary>The cases opened on one local day with one category, tier, channel, team and skill, with their counts summed.</summary>
public sealed class CaseDay : CaseRollup
{
    /// <summary>Offers declined.</summary>
    public int Declines { get; private set; }

    /// <summary>Offers timed out.</summary>
    public int TimeOuts { get; private set; }

    /// <summary>Reclaims for a missed first reply.</summary>
    public int Reclaims { get; private set; }

    /// <summary>Transfers.</summary>
    public int Transfers { get; private set; }

    /// <summary>Reassignments by a lead.</summary>
    public int Reassignments { get; private set; }

    /// <summary>Cases flagged misrouted.</summary>
    public int Misrouted { get; private set; }

    /// <summary>Cases flagged as making the customer repeat.</summary>
    public int FlaggedRepeat { get; private set; }

    /// <summary>Cases whose customer said they had to repeat.</summary>
    public int DetectedRepeat { get; private set; }

    /// <summary>Cases of either.</summary>
    public int AnyRepeat { get; private set; }
}

/// <summary>The cases opened on one local day with one set of filter dimensions, reason set, page (without its query) and product list.</summary>
public sealed class CaseDayTopic : CaseRollup
{
    /// <summary>Their reasons' categories (<see cref="CaseFact.ReasonMask"/>).</summary>
    public int ReasonMask { get; private set; }

    /// <summary>The page open when they opened, up to its query (<see cref="HotspotMetrics.PageKey"/>).</summary>
    public string? Page { get; private set; }

    /// <summary>Their customer's products as stored (<see cref="CaseFact.Products"/>).</summary>
    public string? Products { get; private set; }
}

/// <summary>The resolved, assigned cases opened on one local day with one set of filter dimensions, first agent and outcome.</summary>
public sealed class CaseDayRouting : CaseRollup
{
    /// <summary>Their first assigned agent, as the case log names them.</summary>
    public string? FirstAgentId { get; private set; }

    /// <summary>Whether they stayed with that agent.</summary>
    public bool Kept { get; private set; }

    /// <summary>Whether they were resolved at first contact, with the reopen window the rollups were built for.</summary>
    public bool FirstContact { get; private set; }
}

/// <summary>The sentiment escalations opened on one local day with one set of filter dimensions whose last bot reply before the angry message was one text (<see cref="CaseFact.SentimentReplyId"/>).</summary>
public sealed class CaseDayReply : CaseRollup
{
    /// <summary>The bot's reply.</summary>
    public string Reply { get; private set; } = "";
}

/// <summary>
/// The CSAT ratings of the conversations that started in one local hour of one local day with one channel and
/// tier: the bot's alone (under its leading guess, with no team or skill) or a case's (under the case's category, team and skill).
/// </summary>
public sealed class RatingHour : HourRollup
{
    /// <summary>The rated case's team; null for the bot's ratings.</summary>
    public Guid? TeamId { get; private set; }

    /// <summary>The rated case's skill; null for the bot's ratings.</summary>
    public Skill? Skill { get; private set; }

    /// <summary>Whether these rate a case (else the bot alone).</summary>
    public bool Escalated { get; private set; }

    /// <summary>How many ratings.</summary>
    public int Ratings { get; private set; }

    /// <summary>The sum of their scores.</summary>
    public int ScoreSum { get; private set; }
}
