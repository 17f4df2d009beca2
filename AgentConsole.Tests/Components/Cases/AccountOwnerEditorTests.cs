using AgentConsole.Components.Pages.Cases;
using AgentConsole.Core.Audit;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AgentConsole.Tests.Components.Cases;

public sealed class AccountOwnerEditorTests : LiveEngineTestBase
{
    private async Task<(Agent Dana, Agent Lead, Customer Customer)> ArrangeAsync()
    {
        var (team, dana) = await BillingTeamAsync("Dana Reyes");
        var lead = await Harness.AgentAsync("Lee", team, skills: (Skill.Billing, 3));
        var customer = await Harness.CustomerAsync("acme", new CustomerProfile { Name = "Acme", AccountOwner = AccountOwner.Agent(dana.Id) });
        return (dana, lead, customer);
    }

    [Fact]
    public async Task AnAgentSeesTheOwnerButCannotChangeIt()
    {
        var (dana, _, customer) = await ArrangeAsync();
        SignInAs(dana);

        var editor = Render<AccountOwnerEditor>(p => p.Add(e => e.CustomerId, customer.Id).Add(e => e.Actor, ActorOf(dana)));

        editor.WaitForAssertion(() => Assert.Equal("Dana Reyes (Billing)", editor.Find("[data-testid=account-owner-name]").TextContent));
        Assert.Empty(editor.FindAll("[data-testid=account-owner-save]"));
    }

    [Fact]
    public async Task ALeadClearsTheOwnerOnceEvenWhenSaveIsClickedTwice()
    {
        var (_, lead, customer) = await ArrangeAsync();
        SignInAs(lead, ConsoleRole.TeamLead);
        var editor = Render<AccountOwnerEditor>(p => p.Add(e => e.CustomerId, customer.Id).Add(e => e.Actor, AgentConsole.Tests.Core.Routing.Engine.EngineHarness.AsLead(lead)));
        editor.WaitForAssertion(() => Assert.NotEmpty(editor.FindAll("[data-testid=account-owner-save]")));

        var select = editor.FindComponent<MudSelect<AccountOwner>>();
        await editor.DispatchAsync(() => select.Instance.ValueChanged.InvokeAsync(AccountOwner.None));
        await editor.DispatchAsync(() =>
        {
            editor.Find("[data-testid=account-owner-save]").Click();
            editor.Find("[data-testid=account-owner-save]").Click();
        });

        editor.WaitForAssertion(() => Assert.Equal("No owner", editor.Find("[data-testid=account-owner-name]").TextContent));
        await using var db = await Harness.DbFactory.CreateDbContextAsync();
        Assert.True((await db.Customers.SingleAsync(c => c.Id == customer.Id)).Owner.IsNone);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.CustomerOwnerChanged));
    }

    [Fact]
    public async Task TheOwnersServiceRefusesAnAgentWhateverTheUiShows()
    {
        var (dana, _, customer) = await ArrangeAsync();
        var owners = new AccountOwners(Harness.DbFactory, Harness.Clock);

        await Assert.ThrowsAsync<RoutingForbiddenException>(() =>
            owners.SetAsync(customer.Id, AccountOwner.None, ActorOf(dana), new AuditActor("u", "dana")));

        Assert.Equal(dana.Id, (await owners.FindAsync(customer.Id))!.Owner.AgentId);
    }

    private async Task<(Agent Dana, Agent Lead, Customer Customer)> ArrangeCompanyAsync()
    {
        var (team, dana) = await BillingTeamAsync("Dana Reyes");
        var lead = await Harness.AgentAsync("Lee", team, skills: (Skill.Billing, 3));
        var customer = await Harness.CustomerAsync("globex-olivia", new CustomerProfile { Name = "Olivia", Company = "Globex Corp" });
        await new AccountOwners(Harness.DbFactory, Harness.Clock).SetCompanyAsync("Globex Corp", AccountOwner.Agent(dana.Id), RoutingActor.System, new AuditActor("system", "system"));
        return (dana, lead, customer);
    }

    [Fact]
    public async Task AnAgentSeesThatTheOwnerComesFromTheCompanyButCannotChangeIt()
    {
        var (dana, _, customer) = await ArrangeCompanyAsync();
        SignInAs(dana);

        var editor = Render<AccountOwnerEditor>(p => p.Add(e => e.CustomerId, customer.Id).Add(e => e.Actor, ActorOf(dana)));

        editor.WaitForAssertion(() => Assert.Equal("Dana Reyes (Billing), owner of Globex Corp", editor.Find("[data-testid=account-owner-name]").TextContent));
        Assert.Equal("Owner of Globex Corp: Dana Reyes (Billing)", editor.Find("[data-testid=company-owner-name]").TextContent);
        Assert.Empty(editor.FindAll("[data-testid=company-owner-save]"));
    }

    [Fact]
    public async Task ALeadSetsTheCompanysOwnerOnceEvenWhenSaveIsClickedTwice()
    {
        var (_, lead, customer) = await ArrangeCompanyAsync();
        SignInAs(lead, ConsoleRole.TeamLead);
        var editor = Render<AccountOwnerEditor>(p => p.Add(e => e.CustomerId, customer.Id).Add(e => e.Actor, AgentConsole.Tests.Core.Routing.Engine.EngineHarness.AsLead(lead)));
        editor.WaitForAssertion(() => Assert.NotEmpty(editor.FindAll("[data-testid=company-owner-save]")));

        var companySelect = editor.FindComponents<MudSelect<AccountOwner>>()[1];
        await editor.DispatchAsync(() => companySelect.Instance.ValueChanged.InvokeAsync(AccountOwner.Agent(lead.Id)));
        await editor.DispatchAsync(() =>
        {
            editor.Find("[data-testid=company-owner-save]").Click();
            editor.Find("[data-testid=company-owner-save]").Click();
        });

        editor.WaitForAssertion(() => Assert.Equal("Lee (Billing), owner of Globex Corp", editor.Find("[data-testid=account-owner-name]").TextContent));
        await using var db = await Harness.DbFactory.CreateDbContextAsync();
        Assert.Equal(lead.Id, (await db.CompanyOwners.SingleAsync()).OwnerAgentId);
        Assert.True((await db.Customers.SingleAsync(c => c.Id == customer.Id)).Owner.IsNone);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.CompanyOwnerChanged));
    }
}
