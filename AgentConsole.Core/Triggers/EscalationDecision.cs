using AgentConsole.Core.Routing;

namespace AgentConsole.Core.Triggers;

/// <summary>
/// Whether a conversation needs a human, and why: each reason with its category and evidence,
/// the issue's category and confidence, the priority, the skill and tier to route to, and the
/// customer's sentiment (-1..1) and its trend. <see cref="Score"/> is the sum of the fired
/// triggers' weights; the conversation escalates when it reaches <see cref="Threshold"/> or a
/// guardrail fires.
/// </summary>
public sealed record EscalationDecision(
    bool Escalate,
    IReadOnlyList<EscalationReason> Reasons,
    IssueCategory Category,
    double CategoryConfidence,
    CasePriority Priority,
    Skill RequiredSkill,
    AgentTier Tier,
    double Sentiment,
    SentimentTrend SentimentTrend,
    double Score,
    double Threshold)
{
    /// <summary>
    /// A decision to escalate made by hand rather than by the triggers (demo data, tests): it carries
    /// no score of its own, so its score and threshold are both 1.
    /// </summary>
    public static EscalationDecision Escalated(IReadOnlyList<EscalationReason> reasons, IssueCategory category, double categoryConfidence,
        CasePriority priority, Skill requiredSkill, AgentTier tier, double sentiment, SentimentTrend trend) =>
        new(true, reasons, category, categoryConfidence, priority, requiredSkill, tier, sentiment, trend, 1, 1);
}
