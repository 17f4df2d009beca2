using System.Net;
using System.Security.Claims;
using AgentConsole.Auth;
using AgentConsole.Core.Identity;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AgentConsole.Tests.Integration;

/// <summary>
/// The cookie's security stamp: checked against the store once Identity's validation interval has
/// passed, and only then are Identity's services built for it.
/// </summary>
public sealed class SecurityStampTests : ApiTestBase
{
    private const string Priya = "priya.raman@agentconsole.demo";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task AChangedStampSignsTheUserOutOnceACheckIsDue()
    {
        // Arrange: signed in; then the stamp changes, as a password reset or an admin's sign-out-everywhere changes it.
        using var factory = WithShortInterval();
        using var client = await CookieLogin.SignInAsync(factory, Priya, DemoUsers.AgentPassword);
        await ChangeStampAsync(factory, Priya);

        // Act: within the interval the cookie is still taken as it is; after it, the stamp is checked.
        using var beforeDue = await client.GetAsync("/");
        factory.Clock().Advance(Interval + TimeSpan.FromSeconds(1));
        using var afterDue = await client.GetAsync("/");

        // Assert
        Assert.Equal(HttpStatusCode.OK, beforeDue.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterDue.StatusCode);
        Assert.StartsWith("/account/login", afterDue.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task AnUnchangedStampKeepsTheUserSignedInAfterACheck()
    {
        // Arrange
        using var factory = WithShortInterval();
        using var client = await CookieLogin.SignInAsync(factory, Priya, DemoUsers.AgentPassword);

        // Act
        factory.Clock().Advance(Interval + TimeSpan.FromSeconds(1));
        using var afterDue = await client.GetAsync("/");

        // Assert
        Assert.Equal(HttpStatusCode.OK, afterDue.StatusCode);
        Assert.Contains("Priya Raman", await afterDue.Content.ReadAsStringAsync());
    }

    [Fact]
    public void TheConsoleCookieIsCheckedThroughTheDueCheck()
    {
        using var scope = Factory.Services.CreateScope();

        var validator = scope.ServiceProvider.GetRequiredService<ISecurityStampValidator>();

        Assert.IsType<DueSecurityStampValidator>(validator);
    }

    [Fact]
    public async Task AsksForIdentitysValidatorOnlyWhenACheckIsDue()
    {
        // Arrange: no Identity services at all, so asking for them fails.
        var clock = new FakeTimeProvider(AgentConsoleFactory.Start);
        var options = Options.Create(new SecurityStampValidatorOptions { ValidationInterval = Interval, TimeProvider = clock });
        await using var empty = new ServiceCollection().BuildServiceProvider();
        var validator = new DueSecurityStampValidator(empty, options);

        // Act
        var fresh = validator.ValidateAsync(Context(issued: clock.GetUtcNow() - Interval));
        var due = () => validator.ValidateAsync(Context(issued: clock.GetUtcNow() - Interval - TimeSpan.FromSeconds(1)));

        // Assert
        await fresh;
        Assert.True(fresh.IsCompletedSuccessfully);
        await Assert.ThrowsAsync<InvalidOperationException>(due);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithShortInterval() =>
        Factory.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = Interval)));

    private static async Task ChangeStampAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string email)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        Assert.True((await users.UpdateSecurityStampAsync(user)).Succeeded);
    }

    private static CookieValidatePrincipalContext Context(DateTimeOffset issued)
    {
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity("test")), new AuthenticationProperties { IssuedUtc = issued }, scheme.Name);
        return new CookieValidatePrincipalContext(new DefaultHttpContext(), scheme, new CookieAuthenticationOptions(), ticket);
    }
}

internal static class FactoryClock
{
    /// <summary>The fake clock the app runs on.</summary>
    public static FakeTimeProvider Clock(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory) =>
        (FakeTimeProvider)factory.Services.GetRequiredService<TimeProvider>();
}
