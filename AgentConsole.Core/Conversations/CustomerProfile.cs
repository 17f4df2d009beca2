namespace AgentConsole.Core.Conversations;

/// <summary>
/// A partial customer profile as a bot integration sends it. A null field leaves the stored value
/// as it is, so an integration can send only what it knows.
/// </summary>
public sealed record CustomerProfile
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Company { get; init; }
    public string? Plan { get; init; }
    public CustomerTier? Tier { get; init; }
    public decimal? AnnualContractValue { get; init; }
    public DateTime? CustomerSince { get; init; }
    public decimal? LifetimeValue { get; init; }
    public UsageTrend? UsageTrend { get; init; }
    public bool? RecentDowngrade { get; init; }
    public int? LastFeedbackScore { get; init; }
    public IReadOnlyList<string>? Products { get; init; }
    /// <summary>Who owns the account; null leaves it, <see cref="Conversations.AccountOwner.None"/> clears it.</summary>
    public AccountOwner? AccountOwner { get; init; }
    /// <summary>
    /// Who owns the customer's company's accounts (<see cref="Conversations.CompanyOwner"/>); null leaves it,
    /// <see cref="Conversations.AccountOwner.None"/> clears it. Set by the customer's own upsert only.
    /// </summary>
    public AccountOwner? CompanyOwner { get; init; }
}
