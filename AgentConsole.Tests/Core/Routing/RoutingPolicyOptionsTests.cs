using System.ComponentModel.DataAnnotations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using Microsoft.Extensions.Configuration;

namespace AgentConsole.Tests.Core.Routing;

public sealed class RoutingPolicyOptionsTests
{
    private static List<ValidationResult> Validate(RoutingPolicyOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void DefaultsOfferFor30SecondsAndAgeNormalCasesAfter30Minutes()
    {
        var options = new RoutingPolicyOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.OfferTimeout);
        Assert.Equal(30, options.Aging.NormalToHighMinutes);
        Assert.Equal([IssueCategory.ProductQuestion, IssueCategory.AccountAccess, IssueCategory.Billing, IssueCategory.Other], options.EffectiveFrontlineGuidanceCategories);
        Assert.Equal([Presence.Available, Presence.Busy, Presence.InMeeting], options.EffectiveOnCallReachablePresences);
        Assert.False(options.FrontlineGuidanceForDisputes);
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void RejectsAnOfferTimeoutOutOfRange()
    {
        Assert.Contains(Validate(new RoutingPolicyOptions { OfferTimeoutSeconds = 0 }), r => r.MemberNames.Contains(nameof(RoutingPolicyOptions.OfferTimeoutSeconds)));
    }

    [Fact]
    public void RejectsANegativeAgingThreshold()
    {
        var options = new RoutingPolicyOptions { Aging = { NormalToHighMinutes = -1 } };

        Assert.Contains(Validate(options), r => r.ErrorMessage!.StartsWith("Routing:Aging:"));
    }

    [Fact]
    public void RejectsUnknownCategoriesAndPresences()
    {
        var options = new RoutingPolicyOptions { FrontlineGuidanceCategories = [(IssueCategory)99], OnCallReachablePresences = [(Presence)42] };

        Assert.Equal(2, Validate(options).Count);
    }

    [Fact]
    public void AConfiguredListReplacesTheDefaultsRatherThanAddingToThem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Routing:OfferTimeoutSeconds"] = "45",
            ["Routing:FrontlineGuidanceCategories:0"] = "Technical",
            ["Routing:OnCallReachablePresences:0"] = "Away",
            ["Routing:Aging:HighToUrgentMinutes"] = "20",
        }).Build();

        var options = configuration.GetSection(RoutingPolicyOptions.Section).Get<RoutingPolicyOptions>()!;

        Assert.Equal(45, options.OfferTimeoutSeconds);
        Assert.Equal([IssueCategory.Technical], options.EffectiveFrontlineGuidanceCategories);
        Assert.Equal([Presence.Away], options.EffectiveOnCallReachablePresences);
        Assert.Equal(20, options.Aging.HighToUrgentMinutes);
        Assert.Equal(30, options.Aging.NormalToHighMinutes);
    }
}
