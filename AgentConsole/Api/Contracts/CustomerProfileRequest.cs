using System.Text.Json.Serialization;
using AgentConsole.Core.Conversations;

namespace AgentConsole.Api.Contracts;

/// <summary>
/// A customer profile. Every field is optional and a field left out keeps its stored value;
/// <see cref="ExternalId"/> is required inside a batch and taken from the path on PUT.
/// </summary>
/// <param name="CustomerSince">A date (midnight UTC) or a timestamp with a UTC offset.</param>
/// <param name="LastFeedbackScore">The last CSAT score, 1 to 5.</param>
/// <param name="AccountOwner">
/// Who owns the account, on PUT only: <c>{ "agentId": "…" }</c> or <c>{ "teamId": "…" }</c>; <c>{}</c>
/// clears it; left out, it keeps its stored value. With <c>"scope": "company"</c> it sets the owner of
/// the customer's company instead, who owns every customer of the company without an owner of their own.
/// </param>
public sealed record CustomerProfileRequest(
    string? ExternalId, string? Name, string? Email, string? Company, string? Plan, CustomerTier? Tier,
    decimal? AnnualContractValue, [property: JsonConverter(typeof(DateOrTimestampConverter))] DateTime? CustomerSince,
    decimal? LifetimeValue, UsageTrend? UsageTrend, bool? RecentDowngrade, int? LastFeedbackScore, IReadOnlyList<string?>? Products,
    AccountOwnerRequest? AccountOwner = null)
{
    /// <summary>The profile the Core merges into the stored customer. Call it on a validated request.</summary>
    public CustomerProfile ToProfile() => new()
    {
        Name = Name?.Trim(),
        Email = Email?.Trim(),
        Company = Company?.Trim(),
        Plan = Plan?.Trim(),
        Tier = Tier,
        AnnualContractValue = AnnualContractValue is { } acv ? decimal.Round(acv, 2) : null,
        CustomerSince = CustomerSince,
        LifetimeValue = LifetimeValue is { } ltv ? decimal.Round(ltv, 2) : null,
        UsageTrend = UsageTrend,
        RecentDowngrade = RecentDowngrade,
        LastFeedbackScore = LastFeedbackScore,
        Products = Products?.Select(p => p!.Trim()).ToList(),
        AccountOwner = AccountOwner is { IsCompanyScope: false } owner ? new AccountOwner(owner.AgentId, owner.TeamId) : null,
        CompanyOwner = AccountOwner is { IsCompanyScope: true } companyOwner ? new AccountOwner(companyOwner.AgentId, companyOwner.TeamId) : null,
    };
}

/// <summary>
/// An account owner: an agent's id or a team's id, never both; neither clears the owner. The scope
/// says whose owner it is: <c>customer</c> (the default) or <c>company</c>, the customer's company's.
/// </summary>
public sealed record AccountOwnerRequest(Guid? AgentId, Guid? TeamId, string? Scope = null)
{
    /// <summary>The scope that sets the customer's own owner.</summary>
    public const string CustomerScope = "customer";

    /// <summary>The scope that sets the owner of the customer's company.</summary>
    public const string CompanyScope = "company";

    /// <summary>Whether the scope is one of the two above (left out means <see cref="CustomerScope"/>).</summary>
    public bool HasKnownScope => Scope is null || Scope.Equals(CustomerScope, StringComparison.OrdinalIgnoreCase) || IsCompanyScope;

    /// <summary>Whether it sets the owner of the customer's company.</summary>
    public bool IsCompanyScope => string.Equals(Scope, CompanyScope, StringComparison.OrdinalIgnoreCase);
}
