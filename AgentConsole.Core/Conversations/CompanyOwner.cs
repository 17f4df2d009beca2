using AgentConsole.Core.Common;

namespace AgentConsole.Core.Conversations;

/// <summary>
/// Who owns a company's accounts: an agent or a team that owns every customer whose profile names
/// the company, unless the customer has an owner of their own. Companies are matched by name,
/// trimmed and case-insensitively (<see cref="KeyOf"/>).
/// </summary>
public sealed class CompanyOwner
{
    private CompanyOwner() { }

    /// <summary>The owner of <paramref name="company"/>'s accounts.</summary>
    /// <exception cref="DomainException">The company is blank, or the owner is none or names both an agent and a team.</exception>
    public CompanyOwner(string company, AccountOwner owner, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(owner);
        Key = KeyOf(company) ?? throw new DomainException("A company owner needs a company.");
        Set(company, owner, now);
    }

    /// <summary>The company's name as <see cref="KeyOf"/> normalises it.</summary>
    public string Key { get; private set; } = "";
    /// <summary>The company's name as last written, trimmed, for display.</summary>
    public string Company { get; private set; } = "";
    /// <summary>The agent who owns the company's accounts, if an agent does.</summary>
    public Guid? OwnerAgentId { get; private set; }
    /// <summary>The team that owns the company's accounts, if a team does.</summary>
    public Guid? OwnerTeamId { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>Who owns the company's accounts; <see cref="AccountOwner.None"/> once the owning agent or team was deleted.</summary>
    public AccountOwner Owner => OwnerAgentId is null && OwnerTeamId is null ? AccountOwner.None : new AccountOwner(OwnerAgentId, OwnerTeamId);

    /// <summary>
    /// Who owns <paramref name="customer"/>'s account in effect: their own owner if they have one, else
    /// <paramref name="companyOwner"/>'s (when it is their company's), with the company's name in that case.
    /// </summary>
    public static (AccountOwner Owner, string? Company) EffectiveOwner(Customer customer, CompanyOwner? companyOwner)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (!customer.Owner.IsNone) return (customer.Owner, null);
        return companyOwner is { Owner.IsNone: false } && companyOwner.Key == KeyOf(customer.Company)
            ? (companyOwner.Owner, companyOwner.Company)
            : (AccountOwner.None, null);
    }

    /// <summary>The key a company is stored under: its name trimmed and lower-cased; null for a blank name.</summary>
    public static string? KeyOf(string? company) => string.IsNullOrWhiteSpace(company) ? null : company.Trim().ToLowerInvariant();

    /// <summary>Sets the owner (an agent or a team) and the display name.</summary>
    /// <exception cref="DomainException">The owner is none or names both an agent and a team.</exception>
    public void Set(string company, AccountOwner owner, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(owner);
        owner.EnsureValid();
        if (owner.IsNone) throw new DomainException("A company owner is an agent or a team; remove the row to clear it.");
        if (KeyOf(company) != Key) throw new DomainException("A company owner keeps its company.");
        Company = company.Trim();
        (OwnerAgentId, OwnerTeamId) = (owner.AgentId, owner.TeamId);
        UpdatedAt = now.EnsureUtc(nameof(now));
    }
}
