using Microsoft.AspNetCore.Components;
using AgentConsole.Components.Pages.Staffing;
using AgentConsole.Core.Audit;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Staffing;
using AgentConsole.Hosting;
using AgentConsole.Tests.Components.Team;
using AgentConsole.Tests.Core.Staffing;
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

    /// <summary>
    /// The two-team desk with a history written before the engine starts: each Billing case held by
    /// <paramref name="billing"/>'s agent, each Technical case by Lena (today is Saturday 14 March 2026).
    /// </summary>
    private async Task<TeamDesk> ArrangeWithHistoryAsync(Func<TeamDesk, StaffingStore, Task> history)
    {
        var desk = await TeamDesk.ArrangeAsync(H);
        await history(desk, new StaffingStore(H, new StaffingOptions()));
        await StartEngineAsync();
        await desk.ConnectAsync(H);
        Services.AddStaffing();
        Services.AddSingleton(Options.Create(H.Options));
        return desk;
    }

    /// <summary>
    /// Tomorrow is Sunday 15 March. Billing had a case on Sunday 1 and Sunday 8 March at 10:00, each handled for
    /// 20 minutes: 0.5 arrivals an hour, A = 0.5 × 1200 / 3600 = 1/6 Erlang; one agent answers
    /// 1 − (1/6)·e^(−(5/6)·60/1200) = 84% within 60 s, so Sunday 10:00 needs one agent and nobody is scheduled.
    /// </summary>
    [Fact]
    public async Task ALeadSeesTomorrowsGapAndItsRowInTheHeatMap()
    {
        var desk = await ArrangeWithHistoryAsync(async (d, store) =>
        {
            await store.CaseAsync(d.Marcus, StaffingStore.At(1, 10), TimeSpan.FromMinutes(20));
            await store.CaseAsync(d.Marcus, StaffingStore.At(8, 10), TimeSpan.FromMinutes(20));
        });
        SignInAs(desk.MarcusAsLead);

        var page = Render<StaffingPage>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=tomorrow-gap]").GetAttribute("data-short-hours")), Patience);
        Assert.Equal("1", page.Find("[data-testid=tomorrow-gap]").GetAttribute("data-missing"));
        Assert.Contains("Tomorrow, Sunday 2026-03-15:", page.Find("[data-testid=tomorrow-gap]").TextContent);
        Assert.Contains("worst at 10:00 (needed 1, scheduled 0)", page.Find("[data-testid=tomorrow-gap]").TextContent);
        Assert.Contains("Sun (tomorrow)", page.Find("[data-testid=tomorrow-row]").TextContent);
        Assert.Equal("-1", page.Find($"[data-testid=gap-cell][data-hour='{6 * 24 + 10}']").GetAttribute("data-gap"));
    }

    /// <summary>
    /// Friday 13 March: Billing's two cases (09:00 and 09:30, 10 minutes each) and Technical's three (10:00, 10:10, 10:20).
    /// The lead schedules two Billing agents on Friday 09:00–11:00 in the draft and simulates the stored day: Billing's
    /// two cases are answered at once. The lead sees Billing's figures and chart only; a supervisor also sees the whole desk's.
    /// </summary>
    [Fact]
    public async Task ALeadSimulatesTheirOwnTeamsFiguresAndASupervisorAlsoTheDesks()
    {
        var desk = await ArrangeWithHistoryAsync(async (d, store) =>
        {
            await store.CaseAsync(d.Marcus, StaffingStore.At(13, 9, 0), TimeSpan.FromMinutes(10));
            await store.CaseAsync(d.Marcus, StaffingStore.At(13, 9, 30), TimeSpan.FromMinutes(10));
            foreach (var minute in new[] { 0, 10, 20 })
                await store.CaseAsync(d.Lena, StaffingStore.At(13, 10, minute), TimeSpan.FromMinutes(10), AgentConsole.Core.Triggers.IssueCategory.Technical, AgentConsole.Core.Routing.Skill.Technical);
        });
        SignInAs(desk.MarcusAsLead);
        var page = Render<StaffingPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=roster-editor]"), Patience);
        const int friday9 = 4 * 24 + 9;

        await page.Find($"[data-testid=roster-cell][data-hour='{friday9}']").ChangeAsync(new ChangeEventArgs { Value = "2" });
        await page.Find($"[data-testid=roster-cell][data-hour='{friday9 + 1}']").ChangeAsync(new ChangeEventArgs { Value = "2" });
        await page.Find("input[data-testid=sim-date]").ChangeAsync(new ChangeEventArgs { Value = "2026-03-13" });
        await page.FindAll("[data-testid=simulation-panel] input[type=checkbox]")[0].ChangeAsync(new ChangeEventArgs { Value = false });
        page.Find("[data-testid=sim-run]").Click();

        page.WaitForAssertion(() => Assert.Contains("Billing & Accounts: 2 cases, 2 answered, 0 abandoned", page.Find("[data-testid=sim-summary]").TextContent), Patience);
        Assert.Empty(page.FindAll("[data-testid=sim-desk-summary]"));
        var panel = page.FindComponent<SimulationPanel>().Instance;
        Assert.Equal(5, panel.Report!.Result.Cases);
        // The chart is Billing's day: its SLA series is 100% at 09:00 and nothing at 10:00, when only Technical's cases arrived.
        var sla = panel.Series.Single(x => x.Name == "SLA %").Data.Values;
        Assert.Equal(24, sla.Count);
        Assert.Equal((100d, 0d), (sla[9], sla[10]));
        Assert.Equal(0, panel.Report.Result.Team(desk.Billing).Hours[10].Arrivals);
        Assert.Equal(3, panel.Report.Result.Team(desk.Technical).Hours[10].Arrivals);
    }

    [Fact]
    public async Task ASupervisorSeesTheWholeDesksSimulatedFiguresBesideTheTeams()
    {
        var desk = await ArrangeWithHistoryAsync(async (d, store) =>
        {
            await store.CaseAsync(d.Marcus, StaffingStore.At(13, 9, 0), TimeSpan.FromMinutes(10));
            await store.CaseAsync(d.Lena, StaffingStore.At(13, 10, 0), TimeSpan.FromMinutes(10), AgentConsole.Core.Triggers.IssueCategory.Technical, AgentConsole.Core.Routing.Skill.Technical);
        });
        SignInAs(RoutingActor.ForSupervisor("Sofia"));
        var page = Render<StaffingPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=simulation-panel]"), Patience);

        await page.Find("input[data-testid=sim-date]").ChangeAsync(new ChangeEventArgs { Value = "2026-03-13" });
        await page.FindAll("[data-testid=simulation-panel] input[type=checkbox]")[0].ChangeAsync(new ChangeEventArgs { Value = false });
        await page.Find("[data-testid=sim-run]").ClickAsync(new());

        // Nobody is rostered: every case is given up on. The team picker opens on Billing & Accounts.
        page.WaitForAssertion(() => Assert.Contains("Billing & Accounts: 1 cases, 0 answered, 1 abandoned", page.Find("[data-testid=sim-summary]").TextContent), Patience);
        Assert.Contains("The whole desk: 2 cases, 2 abandoned", page.Find("[data-testid=sim-desk-summary]").TextContent);
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
        await page.Find("[data-testid=roster-publish]").ClickAsync(new());

        var rosters = Services.GetRequiredService<Rosters>();
        // Polled from the test, not inside the renderer's check: blocking on the store there would hold the renderer the store's answer returns to.
        await Support.Eventually.HoldsAsync(async () => (await rosters.GetAsync(desk.Billing, RosterVersion.Published))[Monday9] == 2, Patience, "the published roster holds the edit");
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

        await page.Find("input[data-testid=sim-date]").ChangeAsync(new ChangeEventArgs { Value = "14/03/2026" });
        page.Find("[data-testid=sim-run]").Click();
        page.WaitForAssertion(() => Assert.Contains("yyyy-MM-dd", page.Find("[data-testid=sim-error]").TextContent), Patience);
    }
}
