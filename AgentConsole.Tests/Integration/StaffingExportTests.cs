using System.Net;
using AgentConsole.Core.Staffing;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Integration;

/// <summary>The staffing CSV through the real app: every team's hours for a supervisor, a lead's own team only, and bad input as problem details.</summary>
public sealed class StaffingExportTests : ApiTestBase
{
    [Fact]
    public async Task ASupervisorDownloadsEveryTeamsWeekAndALeadOnlyTheirOwn()
    {
        using var supervisor = await CookieLogin.SignInAsync(Factory, DemoUsers.SupervisorEmail, DemoUsers.SupervisorPassword);
        using var lead = await CookieLogin.SignInAsync(Factory, "marcus.okafor@agentconsole.demo", DemoUsers.LeadPassword);

        var all = await supervisor.GetAsync("/staffing/export");
        var own = (await (await lead.GetAsync("/staffing/export")).Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("text/csv", all.Content.Headers.ContentType?.MediaType);
        var lines = (await all.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ForecastCsv.Header, lines[0]);
        // The demo's two teams, 168 hours each.
        Assert.Equal(1 + 2 * WeekHours.Count, lines.Length);
        Assert.Equal(1 + WeekHours.Count, own.Length);
        Assert.All(own.Skip(1), line => Assert.StartsWith("Billing & Accounts,", line));
    }

    [Theory]
    [InlineData("/staffing/export?team=billing", "team")]
    [InlineData("/staffing/export?roster=monthly", "roster")]
    public async Task BadInputIsAProblemNamingTheField(string path, string field)
    {
        using var supervisor = await CookieLogin.SignInAsync(Factory, DemoUsers.SupervisorEmail, DemoUsers.SupervisorPassword);

        var response = await supervisor.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task AnUnknownTeamIsNotFound()
    {
        using var supervisor = await CookieLogin.SignInAsync(Factory, DemoUsers.SupervisorEmail, DemoUsers.SupervisorPassword);

        var response = await supervisor.GetAsync($"/staffing/export?team={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("does not exist", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
    }
}
