using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;

namespace AgentConsole.Tests.Core.Conversations;

public sealed class CustomerTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ApplyingAPartialProfileKeepsTheFieldsItLeavesOut()
    {
        var customer = new Customer("cus-1", Now);
        customer.Apply(new CustomerProfile { Name = "Sarah Chen", Tier = CustomerTier.Enterprise, AnnualContractValue = 50_000m, Products = ["SSO"] }, Now);

        var changed = customer.Apply(new CustomerProfile { RecentDowngrade = true }, Now.AddDays(1));

        Assert.True(changed);
        Assert.Equal(("Sarah Chen", CustomerTier.Enterprise, 50_000m, true), (customer.Name, customer.Tier, customer.AnnualContractValue, customer.RecentDowngrade));
        Assert.Equal(["SSO"], customer.Products);
        Assert.Equal(Now.AddDays(1), customer.UpdatedAt);
    }

    [Fact]
    public void ApplyingTheSameProfileAgainChangesNothing()
    {
        var customer = new Customer("cus-1", Now);
        var profile = new CustomerProfile { Name = "Ana", Products = ["A", "B"] };
        customer.Apply(profile, Now);

        Assert.False(customer.Apply(profile, Now.AddHours(1)));
        Assert.Equal(Now, customer.UpdatedAt);
    }

    [Theory]
    [InlineData(-1, null, null)]
    [InlineData(null, -1, null)]
    [InlineData(null, null, 6)]
    [InlineData(null, null, 0)]
    public void RefusesNegativeMoneyAndOutOfRangeFeedback(int? contract, int? lifetime, int? feedback)
    {
        var customer = new Customer("cus-1", Now);

        Assert.Throws<DomainException>(() => customer.Apply(new CustomerProfile { AnnualContractValue = contract, LifetimeValue = lifetime, LastFeedbackScore = feedback }, Now));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(364, 0)]
    [InlineData(731, 2)]
    public void TenureCountsWholeYears(int days, int years)
    {
        var customer = new Customer("cus-1", Now);
        customer.Apply(new CustomerProfile { CustomerSince = Now.AddDays(-days) }, Now);

        Assert.Equal(years, customer.TenureYears(Now));
    }
}
