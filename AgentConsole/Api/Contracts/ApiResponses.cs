using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Api.Contracts;

/// <summary>The reply to an event batch, from what the batch's transaction stored.</summary>
public sealed record IngestionResponse(
    Guid ConversationId,
    string ExternalId,
    ConversationStatus Status,
    bool Created,
    int NewEvents,
    int DuplicateEvents,
    EscalationView? Escalation,
    EscalationDecision? Decision);

/// <summary>The reply to opening a case directly: the case, its status and its place in the queue, as the events API shows an escalation.</summary>
/// <param name="Created">True when this request opened the case; false for a retry that found it.</param>
public sealed record DirectCaseResponse(
    long CaseId,
    Guid ConversationId,
    string ExternalId,
    ConversationStatus Status,
    bool Created,
    EscalationView Case);

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
    DateTime UpdatedAt,
    AccountOwnerRequest? AccountOwner)
{
    public static CustomerResponse From(Customer c) => new(c.Id, c.ExternalId, c.Name, c.Email, c.Company, c.Plan, c.Tier,
        c.AnnualContractValue, c.CustomerSince, c.LifetimeValue, c.UsageTrend, c.RecentDowngrade, c.LastFeedbackScore, c.Products, c.UpdatedAt,
        c.Owner.IsNone ? null : new AccountOwnerRequest(c.OwnerAgentId, c.OwnerTeamId));
}
