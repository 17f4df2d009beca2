using AgentConsole.Core.Common;

namespace AgentConsole.Core.Conversations;

/// <summary>
/// A customer of the business the desk supports, with the commercial and health signals that
/// decide how urgently a human should take over.
/// </summary>
public sealed class Customer
{
    /// <summary>The lowest and highest feedback (CSAT) score.</summary>
    public const int MinFeedbackScore = 1, MaxFeedbackScore = 5;

    private List<string> _products = [];

    private Customer() { }

    /// <summary>Creates a customer known to the integrations by <paramref name="externalId"/>.</summary>
    public Customer(string externalId, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        Id = Guid.CreateVersion7();
        ExternalId = externalId;
        Name = externalId;
        CreatedAt = UpdatedAt = now.EnsureUtc(nameof(now));
    }

    public Guid Id { get; private set; }
    public string ExternalId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public string? Company { get; private set; }
    /// <summary>The plan's marketing name, such as "Enterprise Annual".</summary>
    public string? Plan { get; private set; }
    public CustomerTier Tier { get; private set; } = CustomerTier.Free;
    public decimal AnnualContractValue { get; private set; }
    public DateTime? CustomerSince { get; private set; }
    public decimal LifetimeValue { get; private set; }
    public UsageTrend UsageTrend { get; private set; } = UsageTrend.Unknown;
    public bool RecentDowngrade { get; private set; }
    /// <summary>The last CSAT score the customer gave, 1 to 5, if any.</summary>
    public int? LastFeedbackScore { get; private set; }
    /// <summary>The products and features the customer uses.</summary>
    public IReadOnlyList<string> Products => _products;
    /// <summary>The agent who owns the account (its dedicated account manager), if an agent does.</summary>
    public Guid? OwnerAgentId { get; private set; }
    /// <summary>The team that owns the account, if a team does.</summary>
    public Guid? OwnerTeamId { get; private set; }
    /// <summary>Who owns the account; <see cref="AccountOwner.None"/> when no one does.</summary>
    public AccountOwner Owner => OwnerAgentId is null && OwnerTeamId is null ? AccountOwner.None : new AccountOwner(OwnerAgentId, OwnerTeamId);
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>Whole years since the customer signed up, or null when unknown.</summary>
    public int? TenureYears(DateTime now)
    {
        if (CustomerSince is not { } since) return null;
        var years = now.Year - since.Year;
        if (now.Month < since.Month || now.Month == since.Month && now.Day < since.Day) years--;
        return Math.Max(0, years);
    }

    /// <summary>
    /// Merges a partial profile: fields the profile leaves null keep their stored value.
    /// Returns whether anything changed.
    /// </summary>
    public bool Apply(CustomerProfile profile, DateTime now)
    {
        if (profile.AnnualContractValue < 0) throw new DomainException("The annual contract value cannot be negative.");
        if (profile.LifetimeValue < 0) throw new DomainException("The lifetime value cannot be negative.");
        profile.AccountOwner?.EnsureValid();
        if (profile.LastFeedbackScore is < MinFeedbackScore or > MaxFeedbackScore)
            throw new DomainException($"The feedback score must be between {MinFeedbackScore} and {MaxFeedbackScore}.");

        var before = Snapshot();
        Name = profile.Name ?? Name;
        Email = profile.Email ?? Email;
        Company = profile.Company ?? Company;
        Plan = profile.Plan ?? Plan;
        Tier = profile.Tier ?? Tier;
        AnnualContractValue = profile.AnnualContractValue ?? AnnualContractValue;
        CustomerSince = profile.CustomerSince?.EnsureUtc(nameof(profile.CustomerSince)) ?? CustomerSince;
        LifetimeValue = profile.LifetimeValue ?? LifetimeValue;
        UsageTrend = profile.UsageTrend ?? UsageTrend;
        RecentDowngrade = profile.RecentDowngrade ?? RecentDowngrade;
        LastFeedbackScore = profile.LastFeedbackScore ?? LastFeedbackScore;
        if (profile.AccountOwner is { } owner) (OwnerAgentId, OwnerTeamId) = (owner.AgentId, owner.TeamId);
        if (profile.Products is not null) _products = profile.Products.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        var changed = before != Snapshot();
        if (changed) UpdatedAt = now.EnsureUtc(nameof(now));
        return changed;
    }

    /// <summary>Sets who owns the account (<see cref="AccountOwner.None"/> clears it). Returns whether it changed.</summary>
    /// <exception cref="DomainException">The owner names both an agent and a team.</exception>
    public bool SetOwner(AccountOwner owner, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return Apply(new CustomerProfile { AccountOwner = owner }, now);
    }

    private string Snapshot() => string.Join('\u001f', Name, Email, Company, Plan, Tier, AnnualContractValue, CustomerSince?.Ticks,
        LifetimeValue, UsageTrend, RecentDowngrade, LastFeedbackScore, string.Join('\u001e', _products), OwnerAgentId, OwnerTeamId);
}
