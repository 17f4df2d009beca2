using System.Net;
using System.Security.Cryptography;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Security;

/// <summary>
/// The data-protection keys (the sign-in cookie, antiforgery tokens, circuits) are kept in the store:
/// two apps on one store read each other's cookies, as the nodes of a cluster must, and an app on
/// another store does not.
/// </summary>
public sealed class DataProtectionKeysTests
{
    private const string Priya = "priya.raman@agentconsole.demo";

    [Fact]
    public async Task ACookieOneAppIssuedOpensTheConsoleApiOnAnotherAppOnTheSameStoreAndNowhereElse()
    {
        // Arrange: two apps on one store, and a third on a store of its own.
        using var database = new TempDatabase();
        using var elsewhere = new TempDatabase();
        using var first = new AgentConsoleFactory(database);
        using var second = new AgentConsoleFactory(database);
        using var other = new AgentConsoleFactory(elsewhere);

        // Act: Priya signs in on the first.
        var cookie = await CookieLogin.SignInCookieAsync(first, Priya, DemoUsers.AgentPassword);

        // Assert: the second app takes the cookie as hers; the app on the other store does not.
        using var onSecond = await GetRoutingAsync(second, cookie);
        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Contains("Priya Raman", await onSecond.Content.ReadAsStringAsync());
        using var onOther = await GetRoutingAsync(other, cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, onOther.StatusCode);
    }

    [Fact]
    public async Task TheKeyRingIsInTheStoreFromStartUpAndOnlyAppsOnThatStoreUnprotectWithIt()
    {
        using var database = new TempDatabase();
        using var elsewhere = new TempDatabase();
        using var first = new AgentConsoleFactory(database);
        using var second = new AgentConsoleFactory(database);
        using var other = new AgentConsoleFactory(elsewhere);
        _ = first.Services;
        _ = second.Services;
        _ = other.Services;

        // Written at start-up, before any request, and read by the second app rather than made again.
        await using (var db = first.CreateDbContext())
            Assert.Single(await db.DataProtectionKeys.AsNoTracking().ToListAsync());
        var secret = Protector(first).Protect("a cookie's worth of claims");

        Assert.Equal("a cookie's worth of claims", Protector(second).Unprotect(secret));
        Assert.ThrowsAny<CryptographicException>(() => Protector(other).Unprotect(secret));
    }

    private static IDataProtector Protector(AgentConsoleFactory app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("DataProtectionKeysTests");

    private static async Task<HttpResponseMessage> GetRoutingAsync(AgentConsoleFactory app, string cookie)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = CookieLogin.BaseAddress });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/console/routing");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
