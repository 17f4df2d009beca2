using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration;

/// <summary>
/// The console's routing actions over HTTP, against each role. At start-up the engine offered the
/// demo's High billing case to Marcus (who leads Billing) and he holds the cancellation case.
/// </summary>
public sealed class ConsoleApiTests : ApiTestBase
{
    private const string Marcus = "marcus.okafor@agentconsole.demo";
    private const string Priya = "priya.raman@agentconsole.demo";
    private const string Lena = "lena.fischer@agentconsole.demo";

    [Theory]
    [InlineData("GET", "/api/v1/console/routing")]
    [InlineData("POST", "/api/v1/console/cases/1/accept")]
    [InlineData("POST", "/api/v1/console/cases/1/reassign")]
    [InlineData("PUT", "/api/v1/console/agents/00000000-0000-0000-0000-000000000001/presence")]
    public async Task AnonymousCallsGet401(string method, string path)
    {
        using var client = Factory.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json("{}") });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheBotsApiKeyDoesNotOpenTheConsole()
    {
        using var response = await Bot.GetAsync("/api/v1/console/routing");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnAgentSeesOnlyThemselvesAndTheirCasesWhileASupervisorSeesEveryone()
    {
        using var priya = await ClientAsync(Priya);
        using var supervisor = await ClientAsync(role: "Supervisor");

        var mine = await (await priya.GetAsync("/api/v1/console/routing")).Content.ReadFromJsonAsync<JsonElement>();
        var all = await (await supervisor.GetAsync("/api/v1/console/routing")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Priya Raman", Assert.Single(mine.GetProperty("agents").EnumerateArray()).GetProperty("name").GetString());
        Assert.Empty(mine.GetProperty("cases").EnumerateArray());
        Assert.Equal(6, all.GetProperty("agents").GetArrayLength());
        Assert.Equal(3, all.GetProperty("cases").GetArrayLength());
    }

    [Fact]
    public async Task OnlyTheTeamsLeadOrASupervisorReassignsACase()
    {
        var cancel = await CaseIdAsync("demo-conv-1003");
        string briefing;
        await using (var before = Factory.CreateDbContext()) briefing = (await before.Cases.SingleAsync(c => c.Id == cancel)).BriefingMarkdown;
        var ids = await AgentIdsAsync();
        using var priya = await ClientAsync(Priya);
        using var lena = await ClientAsync(Lena);
        using var marcus = await ClientAsync(Marcus);

        using var asAgent = await priya.PostAsJsonAsync($"/api/v1/console/cases/{cancel}/reassign", new { agentId = ids[Priya], note = "mine now" });
        using var asOtherLead = await lena.PostAsJsonAsync($"/api/v1/console/cases/{cancel}/reassign", new { agentId = ids[Lena], note = "ours now" });
        using var asLead = await marcus.PostAsJsonAsync($"/api/v1/console/cases/{cancel}/reassign", new { agentId = ids[Priya], note = "Priya knows this account" });

        Assert.Equal(HttpStatusCode.Forbidden, asAgent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asOtherLead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asLead.StatusCode);
        await using var db = Factory.CreateDbContext();
        var @case = await db.Cases.Include(c => c.Events).SingleAsync(c => c.Id == cancel);
        Assert.Equal(ids[Priya], @case.AssignedAgentId);
        Assert.Contains(@case.Events, e => e.Type == CaseEventType.Reassigned && e.Comment == "Priya knows this account" && e.ActorId == ids[Marcus].ToString());
        // The context goes with the case: the same briefing, the same conversation.
        Assert.Equal(briefing, @case.BriefingMarkdown);
    }

    [Fact]
    public async Task AssigningAboveCapacityNeedsAnExplicitOverrideWhichIsLogged()
    {
        var ids = await AgentIdsAsync();
        using var supervisor = await ClientAsync(role: "Supervisor");
        var engine = Factory.Services.GetRequiredService<IRoutingDesk>();
        await engine.SetPresenceAsync(ids[Lena], Presence.Offline, RoutingActor.ForSupervisor());
        // Tom (Senior, capacity 2) takes two cases, then a third needs the override.
        var queued = new List<long>();
        foreach (var n in new[] { "demo-conv-1001", "demo-conv-1002", "demo-conv-1003" }) queued.Add(await CaseIdAsync(n));
        var tom = ids["tom.alvarez@agentconsole.demo"];
        foreach (var caseId in queued.Take(2))
            (await supervisor.PostAsJsonAsync($"/api/v1/console/cases/{caseId}/reassign", new { agentId = tom, note = "senior cover" })).EnsureSuccessStatusCode();

        using var refused = await supervisor.PostAsJsonAsync($"/api/v1/console/cases/{queued[2]}/reassign", new { agentId = tom, note = "one more" });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        using var overridden = await supervisor.PostAsJsonAsync($"/api/v1/console/cases/{queued[2]}/reassign", new { agentId = tom, note = "one more", overrideCapacity = true });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(2, problem.GetProperty("load").GetInt32());
        Assert.Equal(2, problem.GetProperty("capacity").GetInt32());
        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        await using var db = Factory.CreateDbContext();
        var third = await db.Cases.Include(c => c.Events).SingleAsync(c => c.Id == queued[2]);
        Assert.True(third.CapacityOverride);
        Assert.Contains(third.Events, e => e.Type == CaseEventType.CapacityOverride);
        Assert.Equal(3, (await engine.SnapshotAsync()).Agents.Single(a => a.Id == tom).Load);
    }

    [Fact]
    public async Task PresenceIsYourOwnYourTeamsAsItsLeadOrAnyonesAsASupervisor()
    {
        var ids = await AgentIdsAsync();
        using var priya = await ClientAsync(Priya);
        using var marcus = await ClientAsync(Marcus);
        using var lena = await ClientAsync(Lena);

        using var own = await priya.PutAsJsonAsync($"/api/v1/console/agents/{ids[Priya]}/presence", new { presence = "Busy" });
        using var someoneElses = await priya.PutAsJsonAsync($"/api/v1/console/agents/{ids[Marcus]}/presence", new { presence = "Away" });
        using var byLead = await marcus.PutAsJsonAsync($"/api/v1/console/agents/{ids[Priya]}/presence", new { presence = "Available" });
        using var byOtherLead = await lena.PutAsJsonAsync($"/api/v1/console/agents/{ids[Priya]}/presence", new { presence = "Offline" });
        using var unknown = await priya.PutAsJsonAsync($"/api/v1/console/agents/{ids[Priya]}/presence", new { presence = (string?)null });

        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, someoneElses.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byLead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOtherLead.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        await using var db = Factory.CreateDbContext();
        Assert.Equal(Presence.Available, (await db.Agents.SingleAsync(a => a.Id == ids[Priya])).Presence);
    }

    [Fact]
    public async Task AnAgentAcceptsRepliesEscalatesToEngineeringAndTheCaseLeavesThem()
    {
        var billing = await CaseIdAsync("demo-conv-1001");
        using var marcus = await ClientAsync(Marcus);

        using var accepted = await marcus.PostAsync($"/api/v1/console/cases/{billing}/accept", null);
        using var acceptedAgain = await marcus.PostAsync($"/api/v1/console/cases/{billing}/accept", null);
        using var reply = await marcus.PostAsJsonAsync($"/api/v1/console/cases/{billing}/reply", new { text = "Hi Sarah, I can see the double charge." });
        using var noSteps = await marcus.PostAsJsonAsync($"/api/v1/console/cases/{billing}/engineering", new { title = "Invoice charged twice", stepsToReproduce = Array.Empty<string>() });
        using var escalated = await marcus.PostAsJsonAsync($"/api/v1/console/cases/{billing}/engineering",
            new { title = "Invoice charged twice", stepsToReproduce = new[] { "Upgrade mid-cycle", "Open the March invoice" }, expected = "One charge", actual = "Two charges" });

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, acceptedAgain.StatusCode);
        Assert.Contains("no longer pending", (await acceptedAgain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noSteps.StatusCode);
        Assert.Equal(HttpStatusCode.OK, escalated.StatusCode);
        var report = await escalated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, report.GetProperty("stepsToReproduce").GetArrayLength());
        Assert.Contains(report.GetProperty("transcriptExcerpt").EnumerateArray(), l => l.GetProperty("author").GetString() == "Agent");
        await using var db = Factory.CreateDbContext();
        var @case = await db.Cases.SingleAsync(c => c.Id == billing);
        Assert.Equal(AgentTier.Engineering, @case.Tier);
        Assert.NotEqual(Guid.Parse(await AgentIdAsync(Marcus)), @case.HolderId ?? Guid.Empty);
        Assert.NotNull(@case.FirstRepliedAt);
    }

    [Fact]
    public async Task TheRoutingExplanationIsForTheTeamsLeadAndTheHolderNotForOtherAgents()
    {
        var webhook = await CaseIdAsync("demo-conv-1002");
        using var lena = await ClientAsync(Lena);
        using var priya = await ClientAsync(Priya);
        using var supervisor = await ClientAsync(role: "Supervisor");

        using var forHolder = await lena.GetAsync($"/api/v1/console/cases/{webhook}/routing");
        using var forOther = await priya.GetAsync($"/api/v1/console/cases/{webhook}/routing");
        using var forSupervisor = await supervisor.GetAsync($"/api/v1/console/cases/{webhook}/routing");

        Assert.Equal(HttpStatusCode.OK, forHolder.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forSupervisor.StatusCode);
        var explanation = await forHolder.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Offer", explanation.GetProperty("outcome").GetString());
        Assert.Equal("Lena Fischer", explanation.GetProperty("agentName").GetString());
        Assert.NotEmpty(explanation.GetProperty("steps").EnumerateArray());
        Assert.NotEmpty(explanation.GetProperty("terms").EnumerateArray());
    }

    [Fact]
    public async Task ResolvingNeedsANoteAndFreesTheAgent()
    {
        var cancel = await CaseIdAsync("demo-conv-1003");
        using var marcus = await ClientAsync(Marcus);

        using var noNote = await marcus.PostAsJsonAsync($"/api/v1/console/cases/{cancel}/resolve", new { note = "" });
        using var resolved = await marcus.PostAsJsonAsync($"/api/v1/console/cases/{cancel}/resolve", new { note = "Kept on the annual plan with a discount" });
        using var again = await marcus.PostAsJsonAsync($"/api/v1/console/cases/{cancel}/resolve", new { note = "again" });

        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, resolved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        await using var db = Factory.CreateDbContext();
        Assert.Equal(CaseStatus.Resolved, (await db.Cases.SingleAsync(c => c.Id == cancel)).Status);
    }

    private async Task<HttpClient> ClientAsync(string? email = null, string? role = null)
    {
        var client = Factory.CreateClient();
        var token = await ConsoleTokens.IssueAsync(Factory.Services, email, role);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<long> CaseIdAsync(string conversation)
    {
        await Factory.Services.GetRequiredService<IRoutingDesk>().FlushAsync();
        await using var db = Factory.CreateDbContext();
        return await db.Cases.Where(c => c.Conversation!.ExternalId == conversation).Select(c => c.Id).SingleAsync();
    }

    private async Task<Dictionary<string, Guid>> AgentIdsAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.Agents.ToDictionaryAsync(a => a.Email, a => a.Id);
    }

    private async Task<string> AgentIdAsync(string email) => (await AgentIdsAsync())[email].ToString();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
