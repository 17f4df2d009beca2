using System.Net.Mail;
using System.Text.Json;
using AgentConsole.Core.Data;

namespace AgentConsole.Core.Conversations.Ingestion;

/// <summary>Reads a customer profile from JSON, as the profile endpoint and event batches send it.</summary>
public static class CustomerProfileParser
{
    private const int MaxProducts = 50, MaxProductLength = 100;

    /// <summary>Parses a profile body. Every field is optional; the ones present must be valid.</summary>
    public static ParseResult<CustomerProfile> Parse(JsonElement root, DateTime now)
    {
        var errors = new ValidationErrors();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The body must be a JSON object.");
            return new(null, errors);
        }
        var profile = Read(new JsonFieldReader(root, "", errors), now);
        return new(errors.Any ? null : profile, errors);
    }

    internal static CustomerProfile Read(JsonFieldReader reader, DateTime now)
    {
        var email = reader.String("email", FieldLimits.Email);
        if (email is not null && (!MailAddress.TryCreate(email, out var address) || address.Address != email.Trim()))
            reader.Errors.Add(reader.FieldPath("email"), "The field must be an email address.");

        var since = reader.Timestamp("customerSince", allowDate: true);
        if (since > now) reader.Errors.Add(reader.FieldPath("customerSince"), "The field cannot be in the future.");

        return new CustomerProfile
        {
            Name = reader.String("name", FieldLimits.Name)?.Trim(),
            Email = email?.Trim(),
            Company = reader.String("company", FieldLimits.Name)?.Trim(),
            Plan = reader.String("plan", FieldLimits.Name)?.Trim(),
            Tier = reader.Enum<CustomerTier>("tier"),
            AnnualContractValue = reader.Money("annualContractValue"),
            CustomerSince = since,
            LifetimeValue = reader.Money("lifetimeValue"),
            UsageTrend = reader.Enum<UsageTrend>("usageTrend"),
            RecentDowngrade = reader.Boolean("recentDowngrade"),
            LastFeedbackScore = reader.Integer("lastFeedbackScore", Customer.MinFeedbackScore, Customer.MaxFeedbackScore),
            Products = reader.StringArray("products", MaxProducts, MaxProductLength),
        };
    }
}
