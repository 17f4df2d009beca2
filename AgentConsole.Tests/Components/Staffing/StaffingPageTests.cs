using AgentConsole.Components.Pages.Staffing;
using AgentConsole.Core.Audit;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Staffing;
using AgentConsole.Hosting;
using AgentConsole.Tests.Components.Team;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentConsole.Tests.Components.Staffing;

/// <summary>The staffing page over the two-team desk: who sees which team, the draft roster's edits reaching the store, and the simulator.</summary>
public sealed class StaffingPageTests : BoardTestBase
{
    private const int Monday9 = 9;

    private async Task<TeamDesk> ArrangeAsync()
    {
        var desk = await StartDeskAsync();
        Services.AddStaffing();
        Services.AddSingleton(Options.Create(H.Options));
        return desk;
    }

    [Fact]
    public async Task ALeadSeesTheirOwnTeamOnlyWithItsHeatMap()
    {
        var desk = await ArrangeAsync();
        SignInAs(desk.MarcusAsLead);

        var page = Render<StaffingPage>();

        page.WaitForAssertion(() => Assert.Equal(WeekHours.Count, page.FindAll("[data-testid=gap-cell]").Count), Patience);
        Assert.Equal("Billing & Accounts", page.Find("[data-testid=staffing-team]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=team-picker]"));
        Assert.Contains($"team={desk.Billing}", page.Find("[data-testid=staffing-csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task AnAgentSeesNoStaffing()
    {
        var desk = await ArrangeAsync();
        SignInAs(RoutingActor.ForAgent(desk.Priya.Id, desk.Billing, "Priya Raman"));

        var page = Render<StaffingPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=staffing-denied]"), Patience);
        Assert.Empty(page.FindAll("[data-testid=roster-editor]"));
    }

    [Fact]
    public async Task PublishingStoresTheRosterAsEditedAndAuditsIt()
    {
        var desk = await ArrangeAsync();
        SignInAs(desk.MarcusAsLead);
        var page = Render<StaffingPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=roster-editor]"), Patience);

        page.Find($"[data-testid=roster-cell][data-hour='{Monday9}']").Change("2");
        page.WaitForAssertion(() => page.Find("[data-testid=roster-unsaved]"), Patience);
        page.Find("[data-testid=roster-publish]").Click();

        var rosters = Services.GetRequiredService<Rosters>();
        page.WaitForAssertion(() => Assert.Equal(2, rosters.GetAsync(desk.Billing, RosterVersion.Published).GetAwaiter().GetResult()[Monday9]), Patience);
        Assert.Equal(2, (await rosters.GetAsync(desk.Billing, RosterVersion.Draft))[Monday9]);
        // The heat map now compares with the published roster: two scheduled and nobody needed on Monday at 9.
        page.WaitForAssertion(() => Assert.Equal("2", page.Find($"[data-testid=gap-cell][data-hour='{Monday9}']").GetAttribute("data-gap")), Patience);
        await using var db = await H.DbFactory.CreateDbContextAsync();
        Assert.Equal([AuditActions.RosterDraftSaved, AuditActions.RosterPublished], await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task SimulatingADayShowsItsWaitsAndABadDayIsExplained()
    {
        var desk = await ArrangeAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia"));
        var page = Render<StaffingPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=simulation-panel]"), Patience);

        page.Find("[data-testid=sim-run]").Click();
        page.WaitForAssertion(() => Assert.Contains("0 cases", page.Find("[data-testid=sim-summary]").TextContent), Patience);

        page.Find("input[data-testid=sim-date]").Change("14/03/2026");
        page.Find("[data-testid=sim-run]").Click();
        page.WaitForAssertion(() => Assert.Contains("yyyy-MM-dd", page.Find("[data-testid=sim-error]").TextContent), Patience);
    }
}
