using System.Net;
using AgentConsole.Hosting;
using AgentConsole.Security;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AgentConsole.Tests.Integration.Security;

/// <summary>
/// The headers of each kind of response (console pages, the widget's pages, the widget's scripts
/// loaded by other sites, the APIs) and the attributes of every cookie, in Development and Production.
/// </summary>
public sealed class SecurityHeadersTests
{
    private const string Shop = "https://shop.example.com";

    public static TheoryData<string> Environments => new() { "Development", "Production" };

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task ConsolePagesAreNeverFramedAndRunOnlyTheDesksOwnScripts(string environment)
    {
        using var host = new Host(environment);

        using var response = await host.Client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ContentSecurityPolicies.Console, Header(response, "Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Contains("script-src 'self';", Header(response, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task TheWidgetsPagesMayBeFramedOnlyByTheDeskAndAllowedOrigins(string environment)
    {
        using var host = new Host(environment);

        foreach (var path in new[] { "/chat/", "/chat/demo.html" })
        {
            using var response = await host.Client.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var csp = Header(response, "Content-Security-Policy");
            Assert.EndsWith($"frame-ancestors 'self' {Shop}", csp);
            Assert.Contains("script-src 'self';", csp);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
            Assert.False(response.Headers.Contains("X-Frame-Options"));
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task TheWidgetsScriptsAndStylesLoadOnOtherSitesWithTheirRealTypes(string environment)
    {
        using var host = new Host(environment);

        foreach (var (path, type) in new[] { ("/chat/widget.js", "text/javascript"), ("/chat/panel.js", "text/javascript"), ("/chat/panel.css", "text/css") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Referrer = new Uri(Shop + "/billing");
            using var response = await host.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("cross-origin", Header(response, "Cross-Origin-Resource-Policy"));
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.False(response.Headers.Contains("X-Frame-Options"));
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task ApiAnswersAreNeverRenderedOrFramed(string environment)
    {
        using var host = new Host(environment);

        foreach (var path in new[] { "/healthz", "/api/chat/transcript", "/api/v1/console/routing" })
        {
            using var response = await host.Client.GetAsync(path);

            Assert.Equal(ContentSecurityPolicies.Api, Header(response, "Content-Security-Policy"));
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task EveryCookieIsHttpOnlyAndSameSiteAndSecureOutsideDevelopment(string environment)
    {
        using var host = new Host(environment);

        using var page = await host.Client.GetAsync("/account/login");
        var antiforgery = Assert.Single(Cookies(page), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        using var signIn = await CookieLogin.PostAsync(host.Client, DemoUsers.AdminEmail, DemoUsers.AdminPassword);
        var auth = Assert.Single(Cookies(signIn), c => c.StartsWith("AgentConsole.Auth=", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        foreach (var cookie in new[] { antiforgery, auth })
        {
            var attributes = Attributes(cookie);
            Assert.Contains("httponly", attributes);
            Assert.Contains(attributes, a => a is "samesite=lax" or "samesite=strict");
            Assert.Equal(environment != "Development", attributes.Contains("secure"));
        }
        Assert.Contains("samesite=lax", Attributes(auth));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    private static IReadOnlyList<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];

    private static HashSet<string> Attributes(string cookie) =>
        cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToHashSet();

    /// <summary>The app in <c>environment</c>, with a shop allowed to embed the widget. Development is reached over http, as it is served; Production over https.</summary>
    private sealed class Host : IDisposable
    {
        private readonly TempDatabase _database = new();
        private readonly AgentConsoleFactory _factory;

        public Host(string environment)
        {
            _factory = new AgentConsoleFactory(_database) { Environment = environment, Settings = new Dictionary<string, string?> { ["Channel:AllowedOrigins:0"] = Shop } };
            Client = _factory.CreateClient(new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                HandleCookies = true,
                BaseAddress = environment == "Development" ? new Uri("http://localhost/") : CookieLogin.BaseAddress,
            });
        }

        public HttpClient Client { get; }

        public void Dispose()
        {
            Client.Dispose();
            _factory.Dispose();
            _database.Dispose();
        }
    }
}
