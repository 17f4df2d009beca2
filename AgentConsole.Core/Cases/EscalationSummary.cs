using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Cases;

/// <summary>The parts of an escalation decision that a case keeps.</summary>
public sealed record EscalationSummary(
    IReadOnlyList<EscalationReason> Reasons,
    IssueCategory Category,
    double CategoryConfidence,
    CasePriority Priority,
    Skill RequiredSkill,
    AgentTier Tier,
    double SentimentScore,
    SentimentTrend SentimentTrend);
