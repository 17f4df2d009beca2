using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Api;

/// <summary>The reply to an event batch.</summary>
public sealed record IngestionResponse(
    Guid ConversationId,
    string ExternalId,
    ConversationStatus Status,
    bool Created,
    int NewEvents,
    int DuplicateEvents,
    CaseView? Escalation,
    EscalationDecision? Decision);

/// <summary>The documented shape of a playground evaluation: one text, or a transcript with an optional profile.</summary>
public sealed record EvaluationRequest(string? Id, string? Text, IReadOnlyList<EvaluationMessage>? Messages, CustomerProfileRequest? Customer);

/// <summary>One message of a transcript to evaluate.</summary>
public sealed record EvaluationMessage(string Author, string Text, double? Confidence, DateTime? At);

/// <summary>The reply to a customer profile upsert.</summary>
public sealed record CustomerResponse(
    Guid Id,
    string ExternalId,
    string Name,
    string? Email,
    string? Company,
    string? Plan,
    CustomerTier Tier,
    decimal AnnualContractValue,
    DateTime? CustomerSince,
    decimal LifetimeValue,
    UsageTrend UsageTrend,
    bool RecentDowngrade,
    int? LastFeedbackScore,
    IReadOnlyList<string> Products,
    DateTime UpdatedAt)
{
    public static CustomerResponse From(Customer c) => new(c.Id, c.ExternalId, c.Name, c.Email, c.Company, c.Plan, c.Tier,
        c.AnnualContractValue, c.CustomerSince, c.LifetimeValue, c.UsageTrend, c.RecentDowngrade, c.LastFeedbackScore, c.Products, c.UpdatedAt);
}

/// <summary>The documented shape of an event batch, for the OpenAPI document. The endpoint parses the body itself.</summary>
public sealed record EventBatchRequest(string? Channel, CustomerProfileRequest? Customer, PageRequest? Page, IReadOnlyList<EventRequest> Events);

/// <summary>A customer profile; <see cref="ExternalId"/> is required inside a batch and taken from the path on PUT.</summary>
public sealed record CustomerProfileRequest(
    string? ExternalId, string? Name, string? Email, string? Company, string? Plan, CustomerTier? Tier,
    decimal? AnnualContractValue, DateTime? CustomerSince, decimal? LifetimeValue, UsageTrend? UsageTrend,
    bool? RecentDowngrade, int? LastFeedbackScore, IReadOnlyList<string>? Products);

public sealed record PageRequest(string Url, string? Title, DateTime? At);

/// <summary>
/// One event. <c>type</c> is one of customer.message (text), bot.message (text, confidence),
/// bot.attempted_solution (description, outcome), customer.tried (description),
/// page.viewed (url, title) or bot.handoff_requested (reason).
/// </summary>
public sealed record EventRequest(
    string Id, string Type, DateTime At, string? Text, double? Confidence, string? Description,
    AttemptOutcome? Outcome, string? Url, string? Title, string? Reason);
