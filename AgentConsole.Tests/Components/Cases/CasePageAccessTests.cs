using System.Net;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;
using AgentConsole.Tests.Integration;
using AgentConsole.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Components.Cases;

/// <summary>
/// The case view and the queue as the server renders them for a signed-in user of the real app
/// (demo data, cookie sign-in): an agent sees their own case, and nothing of anybody else's.
/// </summary>
public sealed class CasePageAccessTests : ApiTestBase
{
    private const string Priya = "priya.raman@agentconsole.demo";

    [Fact]
    public async Task AnAgentSeesTheirOwnCaseButNothingOfAnotherAgentsCase()
    {
        // Arrange: a supervisor gives one demo case to Priya and another to Marcus.
        var engine = Factory.Services.GetRequiredService<IRoutingDesk>();
        using var agent = await CookieLogin.SignInAsync(Factory, Priya, DemoUsers.AgentPassword);
        var before = await engine.SnapshotAsync();
        var priya = before.Agents.Single(a => a.Name == "Priya Raman");
        var marcus = before.Agents.Single(a => a.Name == "Marcus Okafor");
        var supervisor = RoutingActor.ForSupervisor();
        var forPriya = before.Cases.First(c => !(c.Status == AgentConsole.Core.Cases.CaseStatus.Assigned && c.Holder == priya.Id)).Id;
        var forMarcus = before.Cases.First(c => c.Id != forPriya && !(c.Status == AgentConsole.Core.Cases.CaseStatus.Assigned && c.Holder == marcus.Id)).Id;
        var mine = await engine.ReassignAsync(forPriya, priya.Id, null, overrideCapacity: true, supervisor);
        var other = await engine.ReassignAsync(forMarcus, marcus.Id, null, overrideCapacity: true, supervisor);

        // Act
        var own = await agent.GetStringAsync($"/cases/{mine.CaseId}");
        using var response = await agent.GetAsync($"/cases/{other.CaseId}");
        var foreign = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Contains("data-testid=\"briefing\"", own);
        Assert.Contains(mine.CustomerName, own);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"forbidden\"", foreign);
        Assert.DoesNotContain(other.CustomerName, foreign);
        Assert.DoesNotContain("data-testid=\"briefing\"", foreign);
    }

    [Fact]
    public async Task TheQueueListsTheAgentsOwnCasesOnly()
    {
        // Arrange: Priya holds one demo case, the others are elsewhere.
        var engine = Factory.Services.GetRequiredService<IRoutingDesk>();
        using var agent = await CookieLogin.SignInAsync(Factory, Priya, DemoUsers.AgentPassword);
        var priya = (await engine.SnapshotAsync()).Agents.Single(a => a.Name == "Priya Raman");
        var first = (await engine.SnapshotAsync()).Cases.First(c => !(c.Status == AgentConsole.Core.Cases.CaseStatus.Assigned && c.Holder == priya.Id)).Id;
        await engine.ReassignAsync(first, priya.Id, null, overrideCapacity: true, RoutingActor.ForSupervisor());
        var snapshot = await engine.SnapshotAsync();

        // Act
        var html = await agent.GetStringAsync("/queue");

        // Assert
        Assert.Contains("My queue", html);
        Assert.Contains($"data-case-id=\"{first}\"", html);
        foreach (var held in snapshot.Cases.Where(c => c.Holder == priya.Id)) Assert.Contains($"data-case-id=\"{held.Id}\"", html);
        foreach (var notMine in snapshot.Cases.Where(c => c.Holder != priya.Id)) Assert.DoesNotContain($"data-case-id=\"{notMine.Id}\"", html);
    }
}
