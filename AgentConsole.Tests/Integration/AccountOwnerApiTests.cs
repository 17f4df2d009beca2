using System.Net;
using System.Net.Http.Json;
using System.Text;
using AgentConsole.Core.Audit;
using AgentConsole.Core.Conversations;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration;

/// <summary>
/// The account owner through the bot's profile API and the console's API: an owner must be an
/// agent or a team the desk knows, a bad one gets a 400 with problem details and stores nothing,
/// and every change is audited.
/// </summary>
public sealed class AccountOwnerApiTests : ApiTestBase
{
    [Fact]
    public async Task PutSetsAnAgentOwnerThenATeamThenClearsItAuditingEachChange()
    {
        var (priya, billingTeam) = await IdsAsync();

        using var byAgent = await Bot.PutAsJsonAsync("/api/v1/customers/cus-owned", new { name = "Acme", accountOwner = new { agentId = priya } });
        using var byTeam = await Bot.PutAsJsonAsync("/api/v1/customers/cus-owned", new { accountOwner = new { teamId = billingTeam } });
        using var cleared = await Bot.PutAsync("/api/v1/customers/cus-owned", Json("""{"accountOwner":{}}"""));

        Assert.Equal(HttpStatusCode.Created, byAgent.StatusCode);
        Assert.Equal(priya, (await ReadJsonAsync(byAgent)).GetProperty("accountOwner").GetProperty("agentId").GetGuid());
        Assert.Equal(billingTeam, (await ReadJsonAsync(byTeam)).GetProperty("accountOwner").GetProperty("teamId").GetGuid());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await ReadJsonAsync(cleared)).GetProperty("accountOwner").ValueKind);
        await using var db = Factory.CreateDbContext();
        var stored = await db.Customers.SingleAsync(c => c.ExternalId == "cus-owned");
        Assert.True(stored.Owner.IsNone);
        var audits = await db.AuditEntries.Where(a => a.Action == AuditActions.CustomerOwnerChanged && a.Target == "cus-owned").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(3, audits.Count);
        Assert.StartsWith("integration:", audits[0].ActorId);
    }

    [Theory]
    [InlineData("""{"accountOwner":{"agentId":"00000000-0000-0000-0000-00000000abcd"}}""", "accountOwner.agentId")]
    [InlineData("""{"accountOwner":{"teamId":"00000000-0000-0000-0000-00000000abcd"}}""", "accountOwner.teamId")]
    [InlineData("""{"accountOwner":{"agentId":"{priya}","teamId":"{billing}"}}""", "accountOwner")]
    [InlineData("""{"name":"Acme","accountOwner":{"agentId":"not-a-guid"}}""", null)]
    public async Task ABadOwnerGets400AndStoresNothing(string body, string? field)
    {
        var (priya, billingTeam) = await IdsAsync();

        using var response = await Bot.PutAsync("/api/v1/customers/cus-bad-owner", Json(body.Replace("{priya}", priya.ToString()).Replace("{billing}", billingTeam.ToString())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null) Assert.True((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        await using var db = Factory.CreateDbContext();
        Assert.False(await db.Customers.AnyAsync(c => c.ExternalId == "cus-bad-owner"));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.CustomerOwnerChanged));
    }

    [Fact]
    public async Task ABatchMayNotSetTheOwner()
    {
        var (priya, _) = await IdsAsync();
        var body = Batch(CustomerMessage("e1", "hello"));
        body["customer"] = new System.Text.Json.Nodes.JsonObject
        {
            ["externalId"] = "cus-batch-owner",
            ["accountOwner"] = new System.Text.Json.Nodes.JsonObject { ["agentId"] = priya.ToString() },
        };

        using var response = await PostEventsAsync("conv-batch-owner", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("customer.accountOwner", out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ALeadSetsTheOwnerInTheConsoleAndAnAgentIsRefused()
    {
        var (priya, billingTeam) = await IdsAsync();
        Guid olivia;
        await using (var db = Factory.CreateDbContext()) olivia = (await db.Customers.SingleAsync(c => c.ExternalId == "demo-olivia-brooks")).Id;
        using var lead = await CookieLogin.SignInAsync(Factory, "marcus.okafor@agentconsole.demo", DemoUsers.LeadPassword);
        using var agent = await CookieLogin.SignInAsync(Factory, "priya.raman@agentconsole.demo", DemoUsers.AgentPassword);

        using var refused = await agent.PutAsJsonAsync($"/api/v1/console/customers/{olivia}/owner", new { teamId = billingTeam });
        using var unknown = await lead.PutAsJsonAsync($"/api/v1/console/customers/{olivia}/owner", new { agentId = Guid.NewGuid() });
        using var set = await lead.PutAsJsonAsync($"/api/v1/console/customers/{olivia}/owner", new { agentId = priya });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("Priya Raman (Billing & Accounts)", (await ReadJsonAsync(set)).GetProperty("label").GetString());
        await using var check = Factory.CreateDbContext();
        Assert.Equal(priya, (await check.Customers.SingleAsync(c => c.Id == olivia)).OwnerAgentId);
        var audit = await check.AuditEntries.SingleAsync(a => a.Action == AuditActions.CustomerOwnerChanged);
        Assert.Equal("demo-olivia-brooks", audit.Target);
        Assert.Contains("marcus.okafor", audit.ActorName);
    }

    [Fact]
    public async Task TheConsoleRefusesAnUnknownCustomerOrAnAgentAndATeamAtOnceAndStoresNothing()
    {
        var (priya, billingTeam) = await IdsAsync();
        Guid olivia;
        await using (var db = Factory.CreateDbContext()) olivia = (await db.Customers.SingleAsync(c => c.ExternalId == "demo-olivia-brooks")).Id;
        using var lead = await CookieLogin.SignInAsync(Factory, "marcus.okafor@agentconsole.demo", DemoUsers.LeadPassword);

        using var unknownCustomer = await lead.PutAsJsonAsync($"/api/v1/console/customers/{Guid.NewGuid()}/owner", new { agentId = priya });
        using var both = await lead.PutAsJsonAsync($"/api/v1/console/customers/{olivia}/owner", new { agentId = priya, teamId = billingTeam });

        Assert.Equal(HttpStatusCode.NotFound, unknownCustomer.StatusCode);
        Assert.Equal("application/problem+json", unknownCustomer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal("application/problem+json", both.Content.Headers.ContentType?.MediaType);
        await using var check = Factory.CreateDbContext();
        Assert.Null((await check.Customers.SingleAsync(c => c.Id == olivia)).OwnerAgentId);
        Assert.False(await check.AuditEntries.AnyAsync(a => a.Action == AuditActions.CustomerOwnerChanged));
    }

    [Fact]
    public async Task PutWithCompanyScopeSetsTheOwnerOfTheCustomersCompanyThenClearsItAuditingEachChange()
    {
        var (priya, _) = await IdsAsync();

        using var set = await Bot.PutAsJsonAsync("/api/v1/customers/cus-acme-1",
            new { name = "Ann", company = "Acme Ltd", accountOwner = new { agentId = priya, scope = "company" } });
        using var other = await Bot.PutAsJsonAsync("/api/v1/customers/cus-acme-2", new { name = "Bob", company = " ACME ltd " });
        await using (var db = Factory.CreateDbContext())
        {
            var row = await db.CompanyOwners.SingleAsync();
            Assert.Equal(("acme ltd", "Acme Ltd", priya), (row.Key, row.Company, row.OwnerAgentId));
            Assert.True((await db.Customers.SingleAsync(c => c.ExternalId == "cus-acme-1")).Owner.IsNone);
            var view = await Factory.Services.GetRequiredService<AccountOwners>().FindAsync((await db.Customers.SingleAsync(c => c.ExternalId == "cus-acme-2")).Id);
            Assert.True(view!.FromCompany);
            Assert.Equal("Priya Raman (Billing & Accounts), owner of Acme Ltd", view.Label);
        }

        using var cleared = await Bot.PutAsync("/api/v1/customers/cus-acme-2", Json("""{"accountOwner":{"scope":"Company"}}"""));

        Assert.Equal(HttpStatusCode.Created, set.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await ReadJsonAsync(set)).GetProperty("accountOwner").ValueKind);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        await using var check = Factory.CreateDbContext();
        Assert.False(await check.CompanyOwners.AnyAsync());
        var audits = await check.AuditEntries.Where(a => a.Action == AuditActions.CompanyOwnerChanged).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["Acme Ltd", "ACME ltd"], audits.Select(a => a.Target));
        Assert.StartsWith("integration:", audits[0].ActorId);
        Assert.False(await check.AuditEntries.AnyAsync(a => a.Action == AuditActions.CustomerOwnerChanged));
    }

    [Theory]
    [InlineData("""{"company":"Acme Ltd","accountOwner":{"agentId":"00000000-0000-0000-0000-00000000abcd","scope":"company"}}""", "accountOwner.agentId")]
    [InlineData("""{"company":"Acme Ltd","accountOwner":{"teamId":"00000000-0000-0000-0000-00000000abcd","scope":"company"}}""", "accountOwner.teamId")]
    [InlineData("""{"company":"Acme Ltd","accountOwner":{"agentId":"{priya}","scope":"team"}}""", "accountOwner.scope")]
    [InlineData("""{"name":"Ann","accountOwner":{"agentId":"{priya}","scope":"company"}}""", "accountOwner.scope")]
    [InlineData("""{"company":"  ","accountOwner":{"agentId":"{priya}","scope":"company"}}""", "accountOwner.scope")]
    public async Task ABadCompanyOwnerGets400NamingTheFieldAndStoresNothing(string body, string field)
    {
        var (priya, _) = await IdsAsync();

        using var response = await Bot.PutAsync("/api/v1/customers/cus-bad-company", Json(body.Replace("{priya}", priya.ToString())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        await using var db = Factory.CreateDbContext();
        Assert.False(await db.Customers.AnyAsync(c => c.ExternalId == "cus-bad-company"));
        Assert.False(await db.CompanyOwners.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.CompanyOwnerChanged));
    }

    [Fact]
    public async Task ACompanyOwnerForAStoredCustomerWithoutACompanyIsRefusedAndTheProfileIsNotHalfStored()
    {
        var (priya, _) = await IdsAsync();
        using var created = await Bot.PutAsJsonAsync("/api/v1/customers/cus-no-company", new { name = "Ann" });

        using var response = await Bot.PutAsJsonAsync("/api/v1/customers/cus-no-company", new { name = "Changed", accountOwner = new { agentId = priya, scope = "company" } });
        // The store refuses it too, should a caller skip the API's check: the customer's change rolls back with it.
        var ingestor = Factory.Services.GetRequiredService<AgentConsole.Core.Conversations.Ingestion.ConversationIngestor>();
        await Assert.ThrowsAsync<AgentConsole.Core.Common.DomainException>(() =>
            ingestor.UpsertCustomerAsync("cus-no-company", new CustomerProfile { Name = "Changed", CompanyOwner = AccountOwner.Agent(priya) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("accountOwner.scope", out _));
        await using var db = Factory.CreateDbContext();
        Assert.Equal("Ann", (await db.Customers.SingleAsync(c => c.ExternalId == "cus-no-company")).Name);
        Assert.False(await db.CompanyOwners.AnyAsync());
    }

    [Fact]
    public async Task ALeadSetsACompanysOwnerInTheConsoleAuditedAndAnAgentIsRefused()
    {
        var (priya, billingTeam) = await IdsAsync();
        using var lead = await CookieLogin.SignInAsync(Factory, "marcus.okafor@agentconsole.demo", DemoUsers.LeadPassword);
        using var agent = await CookieLogin.SignInAsync(Factory, "priya.raman@agentconsole.demo", DemoUsers.AgentPassword);

        using var refused = await agent.PutAsJsonAsync("/api/v1/console/companies/owner", new { company = "Fernhill Studio", teamId = billingTeam });
        using var noCompany = await lead.PutAsJsonAsync("/api/v1/console/companies/owner", new { company = " ", agentId = priya });
        using var unknown = await lead.PutAsJsonAsync("/api/v1/console/companies/owner", new { company = "Fernhill Studio", agentId = Guid.NewGuid() });
        using var both = await lead.PutAsJsonAsync("/api/v1/console/companies/owner", new { company = "Fernhill Studio", agentId = priya, teamId = billingTeam });
        await using (var db = Factory.CreateDbContext()) Assert.False(await db.CompanyOwners.AnyAsync());
        using var set = await lead.PutAsJsonAsync("/api/v1/console/companies/owner", new { company = " Fernhill Studio ", agentId = priya });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (noCompany.StatusCode, unknown.StatusCode, both.StatusCode));
        Assert.True((await ReadJsonAsync(noCompany)).GetProperty("errors").TryGetProperty("company", out _));
        Assert.True((await ReadJsonAsync(unknown)).GetProperty("errors").TryGetProperty("agentId", out _));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("Priya Raman (Billing & Accounts)", (await ReadJsonAsync(set)).GetProperty("label").GetString());
        await using var check = Factory.CreateDbContext();
        Assert.Equal(priya, (await check.CompanyOwners.SingleAsync(o => o.Key == "fernhill studio")).OwnerAgentId);
        var audit = await check.AuditEntries.SingleAsync(a => a.Action == AuditActions.CompanyOwnerChanged);
        Assert.Equal("Fernhill Studio", audit.Target);
        Assert.Contains("marcus.okafor", audit.ActorName);
        var olivia = await check.Customers.SingleAsync(c => c.ExternalId == "demo-olivia-brooks");
        Assert.Equal("Priya Raman (Billing & Accounts), owner of Fernhill Studio",
            (await Factory.Services.GetRequiredService<AccountOwners>().FindAsync(olivia.Id))!.Label);
    }

    private async Task<(Guid Priya, Guid BillingTeam)> IdsAsync()
    {
        await using var db = Factory.CreateDbContext();
        var priya = await db.Agents.SingleAsync(a => a.Email.StartsWith("priya."));
        return (priya.Id, priya.TeamId);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
