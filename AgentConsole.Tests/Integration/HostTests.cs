using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AgentConsole.Tests.Integration;

public sealed class HostTests : ApiTestBase
{
    [Fact]
    public async Task ServesTheOpenApiDocumentForTheBotApi()
    {
        using var client = Factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/customers/{externalId}", out var customer) && customer.TryGetProperty("put", out _));
        Assert.True(paths.TryGetProperty("/api/v1/conversations/{externalId}/events", out var events) && events.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/conversations/{externalId}", out var conversation) && conversation.TryGetProperty("get", out _));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("EventBatchRequest", out _));
    }

    [Fact]
    public async Task HomePageShowsTheDeskIsRunningWithTheDemoData()
    {
        using var client = await CookieLogin.SignInAsync(Factory, AgentConsole.Hosting.DemoUsers.SupervisorEmail, AgentConsole.Hosting.DemoUsers.SupervisorPassword);

        var html = await client.GetStringAsync("/");

        Assert.Contains("AgentConsole is running", html);
        Assert.Contains("""data-testid="customers">5<""", html);
        Assert.Contains("""data-testid="open-cases">3<""", html);
    }

    [Fact]
    public async Task HealthCheckReportsTheStoreIsReachable()
    {
        using var client = Factory.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class HostWithoutDemoTests : ApiTestBase
{
    public HostWithoutDemoTests() : base(demoEnabled: false) { }

    [Fact]
    public async Task SeedsNothingButTheRolesWhenDemoModeIsOff()
    {
        using var client = Factory.CreateClient();
        using var home = await client.GetAsync("/");

        await using var db = Factory.CreateDbContext();
        Assert.Equal(0, await db.Customers.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(["Admin", "Agent", "Supervisor", "TeamLead"], (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
        // The test login does not exist outside demo mode.
        using var login = await client.PostAsync("/api/v1/auth/test-token", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains(login.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }
}
