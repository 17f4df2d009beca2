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
        using var client = Factory.CreateClient();

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
    public async Task SeedsNothingWhenDemoModeIsOff()
    {
        using var client = Factory.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("""data-testid="customers">0<""", html);
    }
}
