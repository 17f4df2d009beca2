using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Security;

/// <summary>Sign-in attempts counted per IP address (<c>Auth:SignInAttemptsPerIp</c>), alongside the per-account lockout.</summary>
public sealed class SignInThrottleTests : IDisposable
{
    private const string Priya = "priya.raman@agentconsole.demo";
    private const string Sam = "sam.patel@agentconsole.demo";
    private const int Limit = 3;

    private readonly TempDatabase _database = new();
    private readonly AgentConsoleFactory _factory;
    private readonly WebApplicationFactory<Program> _app;

    public SignInThrottleTests() : this("Testing") { }

    private SignInThrottleTests(string environment)
    {
        _factory = new AgentConsoleFactory(_database)
        {
            Environment = environment,
            Settings = new Dictionary<string, string?> { ["Auth:SignInAttemptsPerIp"] = Limit.ToString(), ["Auth:SignInWindowMinutes"] = "5" },
        };
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddress>()));
    }

    [Fact]
    public async Task RefusesAnAddressPastItsLimitWithAMessageEvenWithTheRightPassword()
    {
        using var client = ClientFrom("203.0.113.7");
        for (var i = 0; i < Limit; i++) (await CookieLogin.PostAsync(client, $"nobody{i}@example.com", "Wrong-password-1!")).Dispose();

        using var response = await CookieLogin.PostAsync(client, Priya, DemoUsers.AgentPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("Too many sign-in attempts from your network. Try again in 5 min.", await response.Content.ReadAsStringAsync());
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.RetryAfter!.Delta);
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task AnotherAddressStillSignsIn()
    {
        using var blocked = ClientFrom("203.0.113.7");
        for (var i = 0; i <= Limit; i++) (await CookieLogin.PostAsync(blocked, $"nobody{i}@example.com", "Wrong-password-1!")).Dispose();
        using var other = ClientFrom("198.51.100.20");

        using var response = await CookieLogin.PostAsync(other, Priya, DemoUsers.AgentPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task TheAddressMayTryAgainOnceItsWindowHasPassed()
    {
        using var client = ClientFrom("203.0.113.7");
        for (var i = 0; i <= Limit; i++) (await CookieLogin.PostAsync(client, $"nobody{i}@example.com", "Wrong-password-1!")).Dispose();

        _factory.Clock.Advance(TimeSpan.FromMinutes(5));
        using var response = await CookieLogin.PostAsync(client, Priya, DemoUsers.AgentPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task TheAccountIsStillLockedAfterFiveFailuresFromManyAddresses()
    {
        for (var i = 0; i < 5; i++)
        {
            using var attacker = ClientFrom($"203.0.113.{10 + i}");
            (await CookieLogin.PostAsync(attacker, Sam, $"Wrong-password-{i}!")).Dispose();
        }
        using var client = ClientFrom("198.51.100.20");

        using var response = await CookieLogin.PostAsync(client, Sam, DemoUsers.AgentPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheTestTokenApiAnswers429WithProblemDetailsAndRetryAfter()
    {
        using var development = new SignInThrottleTests("Development");
        using var client = development.ClientFrom("203.0.113.7");
        for (var i = 0; i < Limit; i++) (await client.PostAsJsonAsync("/api/v1/auth/test-token", new { email = Priya })).Dispose();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/test-token", new { email = Priya });
        using var elsewhere = await development.ClientFrom("198.51.100.20").PostAsJsonAsync("/api/v1/auth/test-token", new { email = Priya });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Too many sign-in attempts", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    private HttpClient ClientFrom(string address) =>
        ClientAddress.From(_app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = CookieLogin.BaseAddress }), address);

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
        _database.Dispose();
    }
}
