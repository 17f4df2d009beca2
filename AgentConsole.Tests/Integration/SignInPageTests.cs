using System.Net;
using System.Text.RegularExpressions;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Integration;

/// <summary>The sign-in page's HTML in demo mode: the demo logins by role, and a pick that fills in the form.</summary>
public sealed partial class SignInPageTests : ApiTestBase
{
    [Fact]
    public async Task ListsTheDemoLoginsByRoleWithTheirEmails()
    {
        using var client = CookieLogin.Client(Factory);

        var html = await client.GetStringAsync("/account/login");

        Assert.Contains("data-testid=\"demo-logins\"", html);
        var roles = RoleSection().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["Agent", "TeamLead", "Supervisor", "Admin"], roles);
        Assert.Equal(["Agent", "Team lead", "Supervisor", "Admin"], RoleHeading().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Equal(
            ["aiko.tanaka@agentconsole.demo", "priya.raman@agentconsole.demo", "sam.patel@agentconsole.demo", "tom.alvarez@agentconsole.demo",
             "lena.fischer@agentconsole.demo", "marcus.okafor@agentconsole.demo", DemoUsers.SupervisorEmail, DemoUsers.AdminEmail],
            DemoEmail().Matches(html).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task PickingADemoLoginFillsInItsEmailAndPasswordAndTheFormSignsIn()
    {
        using var client = CookieLogin.Client(Factory);

        var html = await client.GetStringAsync("/account/login?demo=marcus.okafor%40agentconsole.demo");
        var (email, password) = (FieldValue(html, "Input.Email"), FieldValue(html, "Input.Password"));
        using var signedIn = await CookieLogin.PostAsync(client, email, password);

        Assert.Equal(("marcus.okafor@agentconsole.demo", DemoUsers.LeadPassword), (email, password));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task TheDemoLinksKeepWhereTheVisitorWasGoing()
    {
        using var client = CookieLogin.Client(Factory);

        var html = await client.GetStringAsync("/account/login?returnUrl=%2Fteam");

        Assert.All(DemoLink().Matches(html), link => Assert.EndsWith("&amp;returnUrl=%2Fteam", link.Groups[1].Value));
        Assert.Equal(8, DemoLink().Matches(html).Count);
    }

    [Fact]
    public async Task AnUnknownDemoEmailFillsInNothing()
    {
        using var client = CookieLogin.Client(Factory);

        var html = await client.GetStringAsync("/account/login?demo=nobody%40example.com");

        Assert.Equal(("", ""), (FieldValue(html, "Input.Email"), FieldValue(html, "Input.Password")));
    }

    [Fact]
    public async Task AnEmptyFormShowsEachFieldsErrorUnderIt()
    {
        using var client = CookieLogin.Client(Factory);

        using var response = await CookieLogin.PostAsync(client, "", "");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The Email field is required.", html);
        Assert.Contains("The Password field is required.", html);
        Assert.Equal(2, Regex.Matches(html, "mud-input-helper-text mud-input-error").Count);
    }

    [Fact]
    public async Task TheNotAllowedPageSaysSoAndLeadsBackToTheConsole()
    {
        using var client = await CookieLogin.SignInAsync(Factory, "priya.raman@agentconsole.demo", DemoUsers.AgentPassword);

        using var response = await client.GetAsync("/account/denied");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("<h1[^>]*>Not allowed</h1>", html);
        Assert.Matches("<a[^>]*href=\"/\"[^>]*>Back to the console</a>", html);
    }

    internal static string FieldValue(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value);

    [GeneratedRegex("data-testid=\"demo-role-(\\w+)\"")]
    private static partial Regex RoleSection();

    [GeneratedRegex("<h3 class=\"[^\"]*role-name[^\"]*\"[^>]*>([^<]+)</h3>")]
    private static partial Regex RoleHeading();

    [GeneratedRegex("data-testid=\"demo-login\" data-email=\"([^\"]+)\"")]
    private static partial Regex DemoEmail();

    [GeneratedRegex("<a href=\"([^\"]+)\"[^>]*data-testid=\"demo-login\"")]
    private static partial Regex DemoLink();
}

/// <summary>Outside demo mode the sign-in page says nothing about demo logins.</summary>
public sealed class SignInPageWithoutDemoTests() : ApiTestBase(demoEnabled: false)
{
    [Fact]
    public async Task ShowsNoDemoLoginsAndAPickFillsInNothing()
    {
        using var client = CookieLogin.Client(Factory);

        var html = await client.GetStringAsync($"/account/login?demo={Uri.EscapeDataString(DemoUsers.AdminEmail)}");

        Assert.Contains("data-testid=\"sign-in\"", html);
        Assert.DoesNotContain("demo-login", html);
        Assert.DoesNotContain("@agentconsole.demo", html);
        Assert.DoesNotContain("Demo", html);
        Assert.Equal("", SignInPageTests.FieldValue(html, "Input.Email"));
    }
}
