using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration;

public sealed class CustomerProfileTests : ApiTestBase
{
    [Fact]
    public async Task PutCreatesTheProfileThenMergesUpdates()
    {
        using var created = await Bot.PutAsJsonAsync("/api/v1/customers/cus-100", new
        {
            name = "Grace Hopper", email = "grace@navy.example", company = "Navy", plan = "Enterprise Annual", tier = "Enterprise",
            annualContractValue = 50000, customerSince = "2024-03-01", lifetimeValue = 120000.5, usageTrend = "declining",
            recentDowngrade = false, lastFeedbackScore = 4, products = new[] { "Analytics", "SSO", "analytics" },
        });
        using var updated = await Bot.PutAsJsonAsync("/api/v1/customers/cus-100", new { recentDowngrade = true, lastFeedbackScore = 2 });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/customers/cus-100", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var profile = await ReadJsonAsync(updated);
        Assert.Equal("Grace Hopper", profile.GetProperty("name").GetString());
        Assert.Equal("Enterprise", profile.GetProperty("tier").GetString());
        Assert.Equal(50000m, profile.GetProperty("annualContractValue").GetDecimal());
        Assert.Equal("Declining", profile.GetProperty("usageTrend").GetString());
        Assert.True(profile.GetProperty("recentDowngrade").GetBoolean());
        Assert.Equal(2, profile.GetProperty("lastFeedbackScore").GetInt32());
        Assert.Equal(["Analytics", "SSO"], profile.GetProperty("products").EnumerateArray().Select(p => p.GetString()));

        await using var db = Factory.CreateDbContext();
        var stored = await db.Customers.SingleAsync(c => c.ExternalId == "cus-100");
        Assert.Equal(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), stored.CustomerSince);
        Assert.Equal(DateTimeKind.Utc, stored.CustomerSince!.Value.Kind);
        Assert.Equal(120000.5m, stored.LifetimeValue);
    }

    [Theory]
    [InlineData("""{"annualContractValue":-5}""", "annualContractValue")]
    [InlineData("""{"customerSince":"2030-01-01"}""", "customerSince")]
    [InlineData("""{"products":"SSO"}""", "products")]
    [InlineData("""{"products":["ok",""]}""", "products[1]")]
    [InlineData("""{"recentDowngrade":"yes"}""", "recentDowngrade")]
    [InlineData("""{"usageTrend":2}""", "usageTrend")]
    public async Task InvalidProfileGets400AndChangesNothing(string body, string field)
    {
        using var response = await Bot.PutAsync("/api/v1/customers/cus-200", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
        await using var db = Factory.CreateDbContext();
        Assert.False(await db.Customers.AnyAsync(c => c.ExternalId == "cus-200"));
    }

    [Fact]
    public async Task ABatchUpdatesTheProfileOfItsCustomer()
    {
        await Bot.PutAsJsonAsync("/api/v1/customers/cus-300", new { name = "Lin", tier = "Pro" });
        var body = Batch(CustomerMessage("e1", "hello", 1));
        body["customer"] = new System.Text.Json.Nodes.JsonObject { ["externalId"] = "cus-300", ["tier"] = "Business" };

        await PostEventsAsync("conv-300", body);

        await using var db = Factory.CreateDbContext();
        var customer = await db.Customers.SingleAsync(c => c.ExternalId == "cus-300");
        Assert.Equal(("Lin", global::AgentConsole.Core.Conversations.CustomerTier.Business), (customer.Name, customer.Tier));
    }
}
