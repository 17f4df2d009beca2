using AgentConsole.Core.Conversations;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// The customer account a case comes from, as routing sees it: who the customer is (for the
/// affinity term), what the account is worth (for <see cref="OwnerRoutingOptions"/>) and who owns
/// it, with the names the explanation shows. The engine resolves the owner's team and the names
/// when it projects the case; they do not change while the case waits.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Tier">The customer's tier.</param>
/// <param name="AnnualContractValue">The customer's annual contract value.</param>
/// <param name="OwnerAgentId">The agent who owns the account, if an agent does.</param>
/// <param name="OwnerName">That agent's name, for the explanation.</param>
/// <param name="OwnerTeamId">The owning team: the team that owns the account, or the owning agent's team.</param>
/// <param name="OwnerTeamName">That team's name, for the explanation.</param>
/// <param name="OwnerCompany">The company whose owner this is, when the customer has no owner of their own (<see cref="CompanyOwner"/>).</param>
public sealed record CaseAccount(
    Guid CustomerId,
    CustomerTier Tier,
    decimal AnnualContractValue,
    Guid? OwnerAgentId = null,
    string? OwnerName = null,
    Guid? OwnerTeamId = null,
    string? OwnerTeamName = null,
    string? OwnerCompany = null)
{
    /// <summary>" (Acme Ltd)" when the owner is the customer's company's, for the explanation; empty otherwise.</summary>
    public string CompanyNote => OwnerCompany is null ? "" : $" ({OwnerCompany})";

    /// <summary>Whether an agent or a team owns the account.</summary>
    public bool IsOwned => OwnerAgentId is not null || OwnerTeamId is not null;
}
