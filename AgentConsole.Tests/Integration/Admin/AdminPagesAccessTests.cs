using System.Net;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Integration.Admin;

/// <summary>Only admins see the admin pages.</summary>
public sealed class AdminPagesAccessTests : ApiTestBase
{
    public static TheoryData<string, string> Pages => new()
    {
        { "/admin/triggers", "Trigger settings" },
        { "/admin/tuning", "Trigger tuning" },
        { "/admin/examples", "Example utterances" },
        { "/admin/knowledge", "Knowledge base" },
        { "/admin/bot-gaps", "Bot gaps" },
        { "/admin/integrations", "Bot integrations and API keys" },
        { "/admin/users", "Users and roles" },
        { "/admin/audit", "Audit log" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task AnAdminSeesThePage(string path, string heading)
    {
        using var client = await CookieLogin.SignInAsync(Factory, DemoUsers.AdminEmail, DemoUsers.AdminPassword);

        var html = await client.GetStringAsync(path);

        Assert.Contains(heading, html);
        Assert.DoesNotContain("Your role does not give access", html);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ASupervisorIsSentToAccessDenied(string path, string heading)
    {
        using var client = await CookieLogin.SignInAsync(Factory, DemoUsers.SupervisorEmail, DemoUsers.SupervisorPassword);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location?.ToString());
        Assert.DoesNotContain(heading, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task SomeoneSignedOutIsSentToSignIn(string path, string heading)
    {
        _ = heading;
        using var client = CookieLogin.Client(Factory);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location?.ToString());
    }
}
