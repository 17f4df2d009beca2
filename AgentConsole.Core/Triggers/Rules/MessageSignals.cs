namespace AgentConsole.Core.Triggers.Rules;

/// <summary>A phrase rule that fired on a message, with the customer's own words as evidence.</summary>
public readonly record struct RuleHit(string Evidence);

/// <summary>What the fast rule stage found in one customer message.</summary>
public sealed record CustomerMessageSignals(
    double Sentiment,
    double Frustration,
    IReadOnlyList<string> SentimentCues,
    int WordCount,
    string? HumanRequest,
    bool ManagerRequested,
    string? Security,
    string? Dispute,
    string? AccountAction,
    string? Defect,
    string? ErrorCode,
    string? Complaint,
    string? Cancellation,
    IReadOnlyList<string> Keywords);

/// <summary>What the fast rule stage found in one bot message.</summary>
public sealed record BotMessageSignals(bool LowConfidence, string? CannotHelp);
