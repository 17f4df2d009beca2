using Microsoft.Extensions.DependencyInjection;
using System.Net;
using AgentConsole.Core.Integrations;
using BotIntegration = AgentConsole.Core.Integrations.Integration;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Integration;

public sealed class ApiAuthenticationTests : ApiTestBase
{
    [Theory]
    [InlineData("GET", "/api/v1/conversations/demo-conv-1001")]
    [InlineData("POST", "/api/v1/conversations/c-1/events")]
    [InlineData("PUT", "/api/v1/customers/cus-1")]
    [InlineData("POST", "/api/v1/cases")]
    public async Task RejectsRequestsWithoutAKey(string method, string path)
    {
        using var client = Factory.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "GET" ? null : new StringContent("{\"events\":[]}", System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("wrong-key-0123456789")]
    [InlineData("test-demo-key-012345678")]   // the real key less its last character
    [InlineData("test-demo-key-01234567890")] // the real key with one more
    public async Task RejectsAWrongKey(string key)
    {
        using var client = Factory.CreateBotClient(key);

        using var response = await client.GetAsync("/api/v1/conversations/demo-conv-1001");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("The API key is not valid.", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AcceptsTheDemoKeyInDemoMode()
    {
        using var response = await Bot.GetAsync("/api/v1/conversations/demo-conv-1001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AcceptsAnyActiveIntegrationsKeyAndRejectsARevokedOne()
    {
        var key = ApiKeys.Generate();
        var revokedKey = ApiKeys.Generate();
        using (var db = Factory.CreateDbContext())
        {
            var revoked = new BotIntegration("Old bot", revokedKey, AgentConsoleFactory.Start.UtcDateTime);
            revoked.Revoke(AgentConsoleFactory.Start.UtcDateTime);
            db.Integrations.AddRange(new BotIntegration("Web chat bot", key, AgentConsoleFactory.Start.UtcDateTime), revoked);
            await db.SaveChangesAsync();
        }
        Factory.Services.GetRequiredService<AgentConsole.Core.Integrations.IntegrationKeyStore>().Invalidate();

        using var active = Factory.CreateBotClient(key);
        using var old = Factory.CreateBotClient(revokedKey);
        using var okResponse = await PostEventsAsync("c-1", Batch(CustomerMessage("e1", "hello")), active);
        using var revokedResponse = await PostEventsAsync("c-1", Batch(CustomerMessage("e1", "hello")), old);

        Assert.Equal(HttpStatusCode.OK, okResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revokedResponse.StatusCode);
    }
}

public sealed class DemoKeyLifecycleTests
{
    [Fact]
    public async Task DemoKeyStopsWorkingWhenDemoModeIsSwitchedOff()
    {
        using var database = new TempDatabase();
        using (var demoOn = new AgentConsoleFactory(database, demoEnabled: true))
        using (var client = demoOn.CreateBotClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/conversations/demo-conv-1001")).StatusCode);
        }

        using var demoOff = new AgentConsoleFactory(database, demoEnabled: false);
        using var afterRestart = demoOff.CreateBotClient();
        using var response = await afterRestart.GetAsync("/api/v1/conversations/demo-conv-1001");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
