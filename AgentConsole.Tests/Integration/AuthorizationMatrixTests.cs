using System.Net;
using System.Text;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration;

/// <summary>
/// Every page route and API endpoint against every kind of user: anonymous, an agent, a team lead,
/// another team's lead, a supervisor and an admin, each with its expected answer. Users sign in
/// through the real login form. The demo's billing case (offered to Marcus at start-up) and its
/// cancellation case (assigned to Marcus) are the Billing team's; Lena leads Technical Support.
/// </summary>
public sealed class AuthorizationMatrixTests : ApiTestBase
{
    public enum Who { Anonymous, Agent, TeamLead, OtherLead, Supervisor, Admin }

    private const int Ok = 200, NoContent = 204, Redirect = 302, BadRequest = 400, Unauthorized = 401, Forbidden = 403, NotFound = 404, Conflict = 409;

    public static TheoryData<string, string, string?, Who, int> Matrix()
    {
        var rows = new TheoryData<string, string, string?, Who, int>();
        void Row(string method, string path, string? body, params (Who Who, int Status)[] expected)
        {
            foreach (var (who, status) in expected) rows.Add(method, path, body, who, status);
        }
        (Who, int)[] Each(int anonymous, int agent, int lead, int otherLead, int supervisor, int admin) =>
            [(Who.Anonymous, anonymous), (Who.Agent, agent), (Who.TeamLead, lead), (Who.OtherLead, otherLead), (Who.Supervisor, supervisor), (Who.Admin, admin)];

        // Pages: anonymous users go to the login page.
        Row("GET", "/", null, Each(Redirect, Ok, Ok, Ok, Ok, Ok));
        Row("GET", "/account/login", null, Each(Ok, Ok, Ok, Ok, Ok, Ok));
        Row("GET", "/queue", null, Each(Redirect, Ok, Ok, Ok, Ok, Ok));
        Row("GET", "/team", null, Each(Redirect, Redirect, Ok, Ok, Ok, Ok));
        Row("GET", "/dashboard", null, Each(Redirect, Redirect, Redirect, Redirect, Ok, Ok));
        // The history: a lead sees their own team's (HistoryDashboardTests shows the team is forced); its CSV downloads are data: links on the page, no endpoint.
        Row("GET", "/dashboard/history", null, Each(Redirect, Redirect, Ok, Ok, Ok, Ok));
        Row("GET", "/dashboard/history/cases?from=2026-01-01&to=2026-01-31", null, Each(Redirect, Redirect, Ok, Ok, Ok, Ok));
        // Staffing: a lead's forecast and roster are their own team's; the CSV is an endpoint with the same roles, refusing another team's to a lead.
        Row("GET", "/staffing", null, Each(Redirect, Redirect, Ok, Ok, Ok, Ok));
        Row("GET", "/staffing/export", null, Each(Redirect, Redirect, Ok, Ok, Ok, Ok));
        Row("GET", "/staffing/export?team={billingTeam}&roster=draft", null, Each(Redirect, Redirect, Ok, Forbidden, Ok, Ok));
        Row("GET", "/staffing/export?team=not-a-team", null, Each(Redirect, Redirect, BadRequest, BadRequest, BadRequest, BadRequest));
        Row("GET", "/staffing/export?roster=weekly", null, Each(Redirect, Redirect, BadRequest, BadRequest, BadRequest, BadRequest));
        Row("GET", "/staffing/export?team=00000000-0000-0000-0000-000000000001", null, Each(Redirect, Redirect, Forbidden, Forbidden, NotFound, NotFound));
        foreach (var admin in new[] { "/admin/triggers", "/admin/tuning", "/admin/examples", "/admin/learning", "/admin/knowledge", "/admin/bot-gaps", "/admin/integrations", "/admin/on-call", "/admin/users", "/admin/privacy", "/admin/audit", "/admin/audit/export" })
            Row("GET", admin, null, Each(Redirect, Redirect, Redirect, Redirect, Redirect, Ok));

        // The bot API answers only to an integration's key, never to a console user.
        Row("GET", "/api/v1/conversations/demo-conv-1001", null, Each(Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized));
        Row("POST", "/api/v1/conversations/c/events", "{}", Each(Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized));
        Row("POST", "/api/v1/cases", "{}", Each(Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized));
        Row("DELETE", "/api/v1/customers/cus-311", null, Each(Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized));

        // The console API.
        Row("GET", "/api/v1/console/routing", null, Each(Unauthorized, Ok, Ok, Ok, Ok, Ok));
        Row("GET", "/api/v1/console/cases/{billing}/routing", null, Each(Unauthorized, Forbidden, Ok, Forbidden, Ok, Ok));
        // Only the offered agent may answer an offer: Marcus (the lead) holds it; the others get "no longer pending" or no agent at all.
        Row("POST", "/api/v1/console/cases/{billing}/decline", """{"reason":"matrix"}""", Each(Unauthorized, Conflict, NoContent, Conflict, Forbidden, Forbidden));
        Row("POST", "/api/v1/console/cases/{cancel}/reassign", """{"agentId":"{priya}","note":"matrix"}""", Each(Unauthorized, Forbidden, Ok, Forbidden, Ok, Ok));
        Row("POST", "/api/v1/console/cases/{cancel}/reply", """{"text":"Hello"}""", Each(Unauthorized, Forbidden, Ok, Forbidden, Forbidden, Forbidden));
        Row("POST", "/api/v1/console/cases/{cancel}/resolve", """{"note":"done"}""", Each(Unauthorized, Forbidden, NoContent, Forbidden, NoContent, NoContent));
        Row("POST", "/api/v1/console/cases/{cancel}/transfer", """{"skill":"Billing","note":"matrix"}""", Each(Unauthorized, Forbidden, Ok, Forbidden, Ok, Ok));
        Row("POST", "/api/v1/console/cases/{cancel}/engineering", """{"title":"Bug","stepsToReproduce":["one"]}""", Each(Unauthorized, Forbidden, Ok, Forbidden, Ok, Ok));
        Row("PUT", "/api/v1/console/agents/{priya}/presence", """{"presence":"Busy"}""", Each(Unauthorized, NoContent, NoContent, Forbidden, NoContent, NoContent));
        Row("PUT", "/api/v1/console/agents/{marcus}/presence", """{"presence":"Busy"}""", Each(Unauthorized, Forbidden, NoContent, Forbidden, NoContent, NoContent));
        Row("POST", "/api/v1/console/cases/999999/accept", null, Each(Unauthorized, Conflict, Conflict, Conflict, Forbidden, Forbidden));
        Row("POST", "/api/v1/console/cases/{cancel}/resolve", """{"note":""}""", Each(Unauthorized, BadRequest, BadRequest, BadRequest, BadRequest, BadRequest));
        // Account owners: leads (of any team), supervisors and admins set them; agents only see them.
        Row("PUT", "/api/v1/console/customers/{olivia}/owner", """{"teamId":"{billingTeam}"}""", Each(Unauthorized, Forbidden, Ok, Ok, Ok, Ok));
        Row("PUT", "/api/v1/console/companies/owner", """{"company":"Fernhill Studio","teamId":"{billingTeam}"}""", Each(Unauthorized, Forbidden, Ok, Ok, Ok, Ok));

        // Metrics answer the scraper's network, never a sign-in. The test server's callers have no
        // address, so every user is refused (MetricsScrapeTests shows a scrape from an allowed network).
        Row("GET", "/metrics", null, Each(Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden));

        // The chat widget is public, and its conversations open only with their own token: a console sign-in opens none.
        Row("GET", "/chat/", null, Each(Ok, Ok, Ok, Ok, Ok, Ok));
        Row("GET", "/api/chat/transcript", null, Each(Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized));
        Row("POST", "/api/chat/messages", """{"clientId":"m1","text":"hello"}""", Each(Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized));
        return rows;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachUserGetsTheExpectedAnswer(string method, string path, string? body, Who who, int expected)
    {
        using var client = await ClientAsync(who);
        var ids = await IdsAsync();
        string Fill(string s) => ids.Aggregate(s, (text, id) => text.Replace("{" + id.Key + "}", id.Value));

        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path));
        if (body is not null) request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);

        Assert.True(expected == (int)response.StatusCode, $"{who} {method} {path}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        // Anonymous users are sent to sign in; signed-in users without the role to the access-denied page.
        if (expected == Redirect) Assert.Contains(who == Who.Anonymous ? "/account/login" : "/account/denied", response.Headers.Location!.ToString());
    }

    public static TheoryData<Who, string> CasePageMatrix() => new()
    {
        { Who.Agent, "forbidden" }, { Who.TeamLead, "briefing" }, { Who.OtherLead, "forbidden" }, { Who.Supervisor, "briefing" }, { Who.Admin, "briefing" },
    };

    [Theory]
    [MemberData(nameof(CasePageMatrix))]
    public async Task TheCasePageShowsACaseOnlyToThoseWhoMaySeeIt(Who who, string shows)
    {
        using var client = await ClientAsync(who);
        var cancel = (await IdsAsync())["cancel"];

        var html = await client.GetStringAsync($"/cases/{cancel}");

        // The demo's cancellation case is Marcus's (Billing): its customer is Olivia Brooks.
        Assert.Contains($"data-testid=\"{shows}\"", html);
        if (shows == "forbidden") Assert.DoesNotContain("Olivia Brooks", html);
        else Assert.Contains("Olivia Brooks", html);
    }

    public static TheoryData<string, Who, string> HubMatrix()
    {
        var rows = new TheoryData<string, Who, string>();
        void Row(string method, string anonymous, string agent, string lead, string otherLead, string supervisor, string admin)
        {
            rows.Add(method, Who.Anonymous, anonymous);
            rows.Add(method, Who.Agent, agent);
            rows.Add(method, Who.TeamLead, lead);
            rows.Add(method, Who.OtherLead, otherLead);
            rows.Add(method, Who.Supervisor, supervisor);
            rows.Add(method, Who.Admin, admin);
        }
        // "ok", "refused" (HubException), or "401" (no connection at all).
        Row("SetPresence", "401", "ok", "ok", "ok", "refused", "refused");
        Row("AcceptOffer", "401", "refused", "ok", "refused", "refused", "refused");
        Row("DeclineOffer", "401", "refused", "ok", "refused", "refused", "refused");
        return rows;
    }

    [Theory]
    [MemberData(nameof(HubMatrix))]
    public async Task EachUserGetsTheExpectedAnswerFromTheHub(string method, Who who, string expected)
    {
        var cookie = await AuthCookieAsync(who);
        var billing = long.Parse((await IdsAsync())["billing"]);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Factory.Server.BaseAddress, "/hubs/agents"), o =>
            {
                o.HttpMessageHandlerFactory = _ => Factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (cookie is not null) o.Headers["Cookie"] = cookie;
            }).Build();

        string outcome;
        try
        {
            await connection.StartAsync();
            Task call = method switch
            {
                "SetPresence" => connection.InvokeAsync("SetPresence", "Busy"),
                "AcceptOffer" => connection.InvokeAsync<System.Text.Json.JsonElement>("AcceptOffer", billing),
                _ => connection.InvokeAsync("DeclineOffer", billing, "matrix"),
            };
            await call;
            outcome = "ok";
        }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.Unauthorized) { outcome = "401"; }
        catch (HubException) { outcome = "refused"; }

        Assert.True(expected == outcome, $"{who} {method}: expected {expected}, got {outcome}");
    }

    // The auth cookie of a real sign-in through the login form, for a hub connection.
    private async Task<string?> AuthCookieAsync(Who who)
    {
        if (who == Who.Anonymous) return null;
        var (email, password) = who switch
        {
            Who.Agent => ("priya.raman@agentconsole.demo", DemoUsers.AgentPassword),
            Who.TeamLead => ("marcus.okafor@agentconsole.demo", DemoUsers.LeadPassword),
            Who.OtherLead => ("lena.fischer@agentconsole.demo", DemoUsers.LeadPassword),
            Who.Supervisor => (DemoUsers.SupervisorEmail, DemoUsers.SupervisorPassword),
            _ => (DemoUsers.AdminEmail, DemoUsers.AdminPassword),
        };
        using var client = CookieLogin.Client(Factory);
        using var response = await CookieLogin.PostAsync(client, email, password);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("AgentConsole.Auth")));
    }

    private async Task<HttpClient> ClientAsync(Who who) => who switch
    {
        Who.Anonymous => CookieLogin.Client(Factory),
        Who.Agent => await CookieLogin.SignInAsync(Factory, "priya.raman@agentconsole.demo", DemoUsers.AgentPassword),
        Who.TeamLead => await CookieLogin.SignInAsync(Factory, "marcus.okafor@agentconsole.demo", DemoUsers.LeadPassword),
        Who.OtherLead => await CookieLogin.SignInAsync(Factory, "lena.fischer@agentconsole.demo", DemoUsers.LeadPassword),
        Who.Supervisor => await CookieLogin.SignInAsync(Factory, DemoUsers.SupervisorEmail, DemoUsers.SupervisorPassword),
        Who.Admin => await CookieLogin.SignInAsync(Factory, DemoUsers.AdminEmail, DemoUsers.AdminPassword),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    private async Task<Dictionary<string, string>> IdsAsync()
    {
        await using var db = Factory.CreateDbContext();
        var agents = await db.Agents.ToDictionaryAsync(a => a.Email.Split('.')[0], a => a.Id.ToString());
        return new Dictionary<string, string>
        {
            ["billing"] = (await db.Cases.SingleAsync(c => c.Conversation!.ExternalId == "demo-conv-1001")).Id.ToString(),
            ["cancel"] = (await db.Cases.SingleAsync(c => c.Conversation!.ExternalId == "demo-conv-1003")).Id.ToString(),
            ["priya"] = agents["priya"],
            ["marcus"] = agents["marcus"],
            ["olivia"] = (await db.Customers.SingleAsync(c => c.ExternalId == "demo-olivia-brooks")).Id.ToString(),
            ["billingTeam"] = (await db.Agents.SingleAsync(a => a.Email.StartsWith("priya."))).TeamId.ToString(),
        };
    }
}
