namespace AgentConsole.Core.Triggers.Rules;

/// <summary>A phrase rule that fired on a message, with the customer's own words as evidence.</summary>
public readonly record struct RuleHit(string Evidence);

/// <summary>What the fast rule stage found in one customer message.</summary>
/// <remarks>
/// The last four say where the learned votes may not be trusted. <c>PersonDeclined</c>: the customer
/// says they do not want a person ("I don't need an agent"); <c>PersonMentioned</c>: the message names a
/// person, a team or a way of reaching one. Both gate the vote that a message asks for a person.
/// <c>SecurityDisclaimed</c>: a security phrase is negated ("I wasn't hacked", "this isn't a fraud thing")
/// or qualified by an exemption ("privacy policy"), and none stands; <c>OpensAsQuestion</c>: the message opens as a general question ("how do I…", "is
/// there…"). Both gate the classifier's security vote.
/// </remarks>
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
    IReadOnlyList<string> Keywords,
    bool PersonDeclined = false,
    bool PersonMentioned = true,
    bool SecurityDisclaimed = false,
    bool OpensAsQuestion = false);

/// <summary>What the fast rule stage found in one bot message.</summary>
public sealed record BotMessageSignals(bool LowConfidence, string? CannotHelp);
