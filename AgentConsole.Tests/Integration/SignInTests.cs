using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration;

/// <summary>The console's cookie sign-in: the login form, lockout, sign-out, and the cookie's use by the API.</summary>
public sealed class SignInTests : ApiTestBase
{
    private const string Priya = "priya.raman@agentconsole.demo";

    [Fact]
    public async Task AnonymousVisitorsAreSentToTheLoginPage()
    {
        using var client = CookieLogin.Client(Factory);

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task ADemoAgentSignsInAndIsBackAtTheConsole()
    {
        using var client = CookieLogin.Client(Factory);

        using var response = await CookieLogin.PostAsync(client, Priya, DemoUsers.AgentPassword);
        using var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CookieLogin.BaseAddress, new Uri(CookieLogin.BaseAddress, response.Headers.Location!));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Priya Raman", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWithAMessage()
    {
        using var client = CookieLogin.Client(Factory);

        using var response = await CookieLogin.PostAsync(client, Priya, "Wrong-password-1!");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is wrong.", await response.Content.ReadAsStringAsync());
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task FiveFailedAttemptsLockTheAccountEvenAgainstTheRightPassword()
    {
        using var client = CookieLogin.Client(Factory);
        for (var i = 0; i < 5; i++) (await CookieLogin.PostAsync(client, Priya, $"Wrong-password-{i}!")).Dispose();

        using var response = await CookieLogin.PostAsync(client, Priya, DemoUsers.AgentPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AReturnUrlToAnotherSiteIsIgnored()
    {
        using var client = CookieLogin.Client(Factory);

        using var response = await CookieLogin.PostAsync(client, Priya, DemoUsers.AgentPassword, returnUrl: "https://evil.example/");

        Assert.Equal(CookieLogin.BaseAddress, new Uri(CookieLogin.BaseAddress, response.Headers.Location!));
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        using var client = await CookieLogin.SignInAsync(Factory, Priya, DemoUsers.AgentPassword);
        var page = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        using var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
        using var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task TheCookieOpensTheConsoleApiWithTheUsersRole()
    {
        using var agent = await CookieLogin.SignInAsync(Factory, Priya, DemoUsers.AgentPassword);
        using var supervisor = await CookieLogin.SignInAsync(Factory, DemoUsers.SupervisorEmail, DemoUsers.SupervisorPassword);
        using var anonymous = CookieLogin.Client(Factory);

        var mine = await agent.GetFromJsonAsync<JsonElement>("/api/v1/console/routing");
        var all = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/console/routing");
        using var none = await anonymous.GetAsync("/api/v1/console/routing");

        Assert.Single(mine.GetProperty("agents").EnumerateArray());
        Assert.Equal(6, all.GetProperty("agents").GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }

    [Fact]
    public async Task ThePasswordPolicyRefusesWeakPasswords()
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AgentConsole.Core.Identity.ConsoleUser>>();

        var result = await users.CreateAsync(new AgentConsole.Core.Identity.ConsoleUser { UserName = "new@example.com", Email = "new@example.com", DisplayName = "New" }, "password");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == "PasswordTooShort");
        Assert.Contains(result.Errors, e => e.Code == "PasswordRequiresUpper");
    }
}
