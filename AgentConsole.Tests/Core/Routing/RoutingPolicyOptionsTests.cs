using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace AgentConsole.Tests.Core.Routing;

public sealed class RoutingPolicyOptionsTests
{
    private static IReadOnlyList<string> Validate(RoutingPolicyOptions options) =>
        [.. new SectionValidator<RoutingPolicyOptions>(RoutingPolicyOptions.Section, new RoutingPolicyOptionsValidator()).Validate(null, options).Failures ?? []];

    [Fact]
    public void DefaultsOfferFor30SecondsAndAgeNormalCasesAfter30Minutes()
    {
        var options = ShippedSettings.Routing();

        Assert.Equal(TimeSpan.FromSeconds(30), options.OfferTimeout);
        Assert.Equal(30, options.Aging.NormalToHighMinutes);
        Assert.Equal([IssueCategory.ProductQuestion, IssueCategory.AccountAccess, IssueCategory.Billing, IssueCategory.Other], options.FrontlineGuidanceCategories);
        Assert.Equal([Presence.Available, Presence.Busy, Presence.InMeeting], options.OnCallReachablePresences);
        Assert.False(options.FrontlineGuidanceForDisputes);
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void RejectsAnOfferTimeoutOutOfRange()
    {
        Assert.Contains(Validate(new RoutingPolicyOptions { OfferTimeoutSeconds = 0 }), f => f.Contains("Routing.OfferTimeoutSeconds"));
    }

    [Fact]
    public void TheLearnedTermIsOnWithASmallWeightAndAPriorOfTenCases()
    {
        var options = ShippedSettings.Routing();

        Assert.Equal((0.2, 10d, true), (options.Learning.Weight, options.Learning.PriorWeight, options.Learning.Enabled));
    }

    [Fact]
    public void RejectsANegativeLearningWeightOrPrior()
    {
        var options = new RoutingPolicyOptions { Learning = { Weight = -0.1, PriorWeight = -1 } };

        var failures = Validate(options);

        Assert.Contains(failures, f => f.Contains("Routing.Learning.Weight"));
        Assert.Contains(failures, f => f.Contains("Routing.Learning.PriorWeight"));
    }

    [Fact]
    public void RejectsANegativeAgingThreshold()
    {
        var options = new RoutingPolicyOptions { Aging = { NormalToHighMinutes = -1 } };

        Assert.Contains(Validate(options), f => f.Contains("Routing.Aging.NormalToHighMinutes"));
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
        Assert.Equal([IssueCategory.Technical], options.FrontlineGuidanceCategories);
        Assert.Equal([Presence.Away], options.OnCallReachablePresences);
        Assert.Equal(20, options.Aging.HighToUrgentMinutes);
        Assert.Equal(30, options.Aging.NormalToHighMinutes);
    }
}
