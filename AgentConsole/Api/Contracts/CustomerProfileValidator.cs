using System.Net.Mail;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data;

namespace AgentConsole.Api.Contracts;

/// <summary>Checks a <see cref="CustomerProfileRequest"/>: every field is optional, and the ones present must be valid.</summary>
internal static class CustomerProfileValidator
{
    private const int MaxProducts = 50, MaxProductLength = 100;
    private const decimal MaxMoney = 1_000_000_000_000m;

    /// <summary>Checks a profile sent on its own, whose customer the path names.</summary>
    public static void Validate(CustomerProfileRequest profile, DateTime now, ValidationErrors errors)
    {
        var fields = new FieldRules(errors, "");
        Check(profile, fields, requireExternalId: false, now, ownerAllowed: true);
        if (profile.AccountOwner is { AgentId: not null, TeamId: not null })
            fields.Add("accountOwner", "Name an agent (agentId) or a team (teamId), not both.");
        if (profile.AccountOwner is { HasKnownScope: false })
            fields.Add("accountOwner.scope", $"Use \"{AccountOwnerRequest.CustomerScope}\" (the default) or \"{AccountOwnerRequest.CompanyScope}\".");
    }

    /// <summary>
    /// Checks that the owner a valid profile names is an agent or a team the store knows, and that a
    /// company owner has a company to own: the profile's, or the stored customer's (a 400 before
    /// anything is stored; the store checks again as it saves).
    /// </summary>
    public static async Task CheckOwnerAsync(string externalId, CustomerProfileRequest profile, AccountOwners owners, ValidationErrors errors,
        CancellationToken cancellationToken)
    {
        if (profile.AccountOwner is not { } owner || errors.Any) return;
        if (await owners.ProblemAsync(new AccountOwner(owner.AgentId, owner.TeamId), cancellationToken) is { } problem)
            errors.Add(owner.AgentId is not null ? "accountOwner.agentId" : "accountOwner.teamId", problem);
        // A company sent with the profile replaces the stored one, so it is the one to own; a blank one leaves none.
        if (owner.IsCompanyScope && CompanyOwner.KeyOf(profile.Company ?? await owners.CompanyOfAsync(externalId, cancellationToken)) is null)
            errors.Add("accountOwner.scope", "The customer has no company: send \"company\" with the profile, or set the customer's own owner.");
    }

    /// <summary>Checks a profile inside another request; inside a batch (<paramref name="requireExternalId"/>) its customer's id too.</summary>
    public static void Check(CustomerProfileRequest profile, FieldRules fields, bool requireExternalId, DateTime now, bool ownerAllowed = false)
    {
        // The owner is an admin's decision, audited: set on the customer's own PUT, not on the way in with a conversation.
        if (!ownerAllowed && profile.AccountOwner is not null)
            fields.Add("accountOwner", "Set the account owner with PUT /api/v1/customers/{externalId}.");
        if (requireExternalId && fields.RequiredText("externalId", profile.ExternalId, FieldLimits.ExternalId)
            && !Identifiers.IsValidExternalId(profile.ExternalId))
            fields.Add("externalId", Identifiers.ExternalIdRule);

        fields.MaxLength("name", profile.Name, FieldLimits.Name);
        fields.MaxLength("company", profile.Company, FieldLimits.Name);
        fields.MaxLength("plan", profile.Plan, FieldLimits.Name);
        if (fields.MaxLength("email", profile.Email, FieldLimits.Email) && profile.Email is { } email
            && (!MailAddress.TryCreate(email, out var address) || address.Address != email.Trim()))
            fields.Add("email", "The field must be an email address.");

        fields.Range("annualContractValue", profile.AnnualContractValue, 0, MaxMoney);
        fields.Range("lifetimeValue", profile.LifetimeValue, 0, MaxMoney);
        fields.Range("lastFeedbackScore", profile.LastFeedbackScore, Customer.MinFeedbackScore, Customer.MaxFeedbackScore);
        if (profile.CustomerSince > now) fields.Add("customerSince", "The field cannot be in the future.");
        Products(profile.Products, fields);
    }

    private static void Products(IReadOnlyList<string?>? products, FieldRules fields)
    {
        if (products is null) return;
        if (products.Count > MaxProducts)
        {
            fields.Add("products", $"The field may hold at most {MaxProducts} items.");
            return;
        }
        for (var i = 0; i < products.Count; i++)
        {
            var path = $"{fields.PathOf("products")}[{i}]";
            if (fields.Errors.Has(path)) continue;
            if (string.IsNullOrWhiteSpace(products[i])) fields.Errors.Add(path, "The item must be a non-empty string.");
            else if (products[i]!.Length > MaxProductLength) fields.Errors.Add(path, $"The item must be at most {MaxProductLength} characters long.");
        }
    }
}
