using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AgentConsole.Tests.Integration;

/// <summary>The test login for scripts: Development with demo mode only, and never an Admin token.</summary>
public sealed class TestLoginInDevelopmentTests() : ApiTestBase(environment: "Development")
{
    private const string Path = "/api/v1/auth/test-token";

    [Fact]
    public async Task IssuesASupervisorTokenThatTheConsoleApiAccepts()
    {
        using var client = Factory.CreateClient();

        using var login = await client.PostAsJsonAsync(Path, new { role = "Supervisor" });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var routing = await client.GetAsync("/api/v1/console/routing");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, routing.StatusCode);
        Assert.Equal(6, (await routing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("agents").GetArrayLength());
    }

    [Fact]
    public async Task IssuesATeamLeadsTokenForTheLeadsEmail()
    {
        using var client = Factory.CreateClient();

        using var login = await client.PostAsJsonAsync(Path, new { email = "marcus.okafor@agentconsole.demo" });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var routing = await client.GetAsync("/api/v1/console/routing");

        Assert.Equal(HttpStatusCode.OK, routing.StatusCode);
    }

    [Fact]
    public async Task RefusesToIssueAnAdminToken()
    {
        using var client = Factory.CreateClient();

        using var response = await client.PostAsJsonAsync(Path, new { role = "Admin" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(problem.TryGetProperty("accessToken", out _));
        Assert.Equal("The test login does not issue Admin tokens.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task KnowsOnlySeededAgents()
    {
        using var client = Factory.CreateClient();

        using var unknown = await client.PostAsync(Path, Json("""{"email":"nobody@example.com"}"""));
        using var empty = await client.PostAsync(Path, Json("{}"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public void DemoModeInDevelopmentLogsNoWarning()
    {
        // Start-up has finished once the factory hands out its services: everything it logs is in.
        _ = Factory.Services;

        Assert.Contains(Factory.Logs.Entries, e => e.Message.StartsWith("Routing rebuilt", StringComparison.Ordinal));
        Assert.DoesNotContain(Factory.Logs.Entries, e => e.Message.StartsWith("Demo mode is on", StringComparison.Ordinal));
    }

    internal static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

public sealed class TestLoginInProductionTests() : ApiTestBase(environment: "Production")
{
    [Fact]
    public async Task IsNotMappedEvenWithDemoModeOn()
    {
        using var client = Factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/auth/test-token", TestLoginInDevelopmentTests.Json("""{"role":"Supervisor"}"""));

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }

    [Fact]
    public void DemoModeLogsAWarningAtStartUp()
    {
        _ = Factory.Services;

        var warning = Assert.Single(Factory.Logs.Entries, e => e.Message.StartsWith("Demo mode is on", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Production environment", warning.Message);
    }
}

public sealed class TestLoginInDevelopmentWithoutDemoTests() : ApiTestBase(demoEnabled: false, environment: "Development")
{
    [Fact]
    public async Task IsNotMapped()
    {
        using var client = Factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/auth/test-token", TestLoginInDevelopmentTests.Json("""{"role":"Supervisor"}"""));

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }
}
