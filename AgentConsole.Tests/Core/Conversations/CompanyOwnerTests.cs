using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;

namespace AgentConsole.Tests.Core.Conversations;

public sealed class CompanyOwnerTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Dana = Guid.Parse("0a000000-0000-0000-0000-000000000001");
    private static readonly Guid Sam = Guid.Parse("0a000000-0000-0000-0000-000000000002");

    private static Customer CustomerOf(string? company, AccountOwner? owner = null)
    {
        var customer = new Customer("olivia", Now);
        customer.Apply(new CustomerProfile { Company = company, AccountOwner = owner }, Now);
        return customer;
    }

    [Theory]
    [InlineData("Acme Ltd")]
    [InlineData("  acme ltd ")]
    [InlineData("ACME LTD")]
    public void ACustomerWithoutAnOwnerIsOwnedByTheirCompanysOwnerWhateverTheCaseAndSpaces(string company)
    {
        var owner = new CompanyOwner("Acme Ltd", AccountOwner.Agent(Dana), Now);

        var (effective, from) = CompanyOwner.EffectiveOwner(CustomerOf(company), owner);

        Assert.Equal((AccountOwner.Agent(Dana), "Acme Ltd"), (effective, from));
    }

    [Fact]
    public void ACustomersOwnOwnerBeatsTheirCompanys()
    {
        var owner = new CompanyOwner("Acme Ltd", AccountOwner.Agent(Dana), Now);

        var (effective, from) = CompanyOwner.EffectiveOwner(CustomerOf("Acme Ltd", AccountOwner.Agent(Sam)), owner);

        Assert.Equal((AccountOwner.Agent(Sam), (string?)null), (effective, from));
    }

    [Fact]
    public void AnotherCompanysOwnerOwnsNoOne()
    {
        var owner = new CompanyOwner("Globex", AccountOwner.Agent(Dana), Now);

        Assert.Equal((AccountOwner.None, (string?)null), CompanyOwner.EffectiveOwner(CustomerOf("Acme Ltd"), owner));
        Assert.Equal((AccountOwner.None, (string?)null), CompanyOwner.EffectiveOwner(CustomerOf(null), owner));
    }

    [Fact]
    public void RefusesABlankCompanyOrNoOwner()
    {
        Assert.Throws<DomainException>(() => new CompanyOwner("  ", AccountOwner.Agent(Dana), Now));
        Assert.Throws<DomainException>(() => new CompanyOwner("Acme Ltd", AccountOwner.None, Now));
        Assert.Throws<DomainException>(() => new CompanyOwner("Acme Ltd", new AccountOwner(Dana, Guid.NewGuid()), Now));
    }
}
