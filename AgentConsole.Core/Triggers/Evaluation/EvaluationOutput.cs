namespace AgentConsole.Core.Triggers.Evaluation;

/// <summary>A reason in an evaluation result.</summary>
public sealed record EvaluatedReason(ReasonCategory Category, string Evidence);

/// <summary>The result the <c>evaluate</c> command prints for one input line.</summary>
public sealed record EvaluationOutput(
    string? Id,
    IssueCategory Category,
    double CategoryConfidence,
    bool Escalate,
    CasePriority Priority,
    IReadOnlyList<EvaluatedReason> Reasons,
    double Sentiment)
{
    public static EvaluationOutput From(string? id, EscalationDecision decision) =>
        new(id, decision.Category, decision.CategoryConfidence, decision.Escalate, decision.Priority,
            decision.Reasons.Select(r => new EvaluatedReason(r.Category, r.Evidence)).ToList(), decision.Sentiment);
}
