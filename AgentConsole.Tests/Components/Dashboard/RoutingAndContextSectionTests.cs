using AgentConsole.Components.Pages.Dashboard;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Components.Team;
using AgentConsole.Tests.Core.Metrics;
using AgentConsole.Tests.Support;
using Bunit;

namespace AgentConsole.Tests.Components.Dashboard;

/// <summary>
/// The history page's routing-accuracy and context-use tables over a known desk history (zone UTC,
/// clock 14 March 09:00, so the default range is 13 February to 14 March).
/// </summary>
public sealed class RoutingAndContextSectionTests : BoardTestBase
{
    private sealed record Seeded(TeamDesk Desk, long K1, long K2, long K3);

    /// <summary>
    /// K1 Billing, 10 March: Priya accepts, opens the customer profile, replies and resolves it. First agent, first contact.
    /// K2 Technical, 10 March: Lena accepts and replies, transfers it to Billing, a lead gives it to Marcus, who replies and resolves it (Billing's).
    /// K3 Technical, 11 March: Lena is assigned, opens the page, replies and resolves it. First agent, first contact (Technical's).
    /// Worked cases: (K1, Priya), (K2, Lena), (K2, Marcus), (K3, Lena).
    /// </summary>
    private async Task<Seeded> SeedAsync()
    {
        var desk = await TeamDesk.ArrangeAsync(H);
        var history = new DeskHistory(H);
        var (marcus, priya, lena) = (desk.Marcus, desk.Priya, desk.Lena);

        var c1 = await history.ConversationAsync(U(10, 8, 0), messages: [(MessageAuthor.Customer, U(10, 8, 0))]);
        var k1 = await history.CaseAsync(c1, U(10, 8, 5), IssueCategory.Billing, Skill.Billing, (c, a) =>
        {
            c.Queue(U(10, 8, 5));
            c.Offer(priya.Id, U(10, 8, 6), U(10, 8, 9));
            c.Accept(a(priya), U(10, 8, 7), null);
            c.RecordReply(priya.Id, U(10, 8, 15));
            c.Resolve("done", U(10, 8, 40), ActorKind.Agent, priya.Id.ToString());
        });
        await OpenAsync(k1, priya, ContextElements.CustomerProfile, U(10, 8, 10));

        var c2 = await history.ConversationAsync(U(10, 9, 0), messages: [(MessageAuthor.Customer, U(10, 9, 0))]);
        var k2 = await history.CaseAsync(c2, U(10, 9, 20), IssueCategory.Technical, Skill.Technical, (c, a) =>
        {
            c.Queue(U(10, 9, 20));
            c.Offer(lena.Id, U(10, 9, 21), U(10, 9, 31));
            c.Accept(a(lena), U(10, 9, 30), null);
            c.RecordReply(lena.Id, U(10, 9, 35));
            c.Transfer(Skill.Billing, desk.Billing, "a billing question after all", U(10, 9, 40), ActorKind.Agent, lena.Id.ToString());
            c.Assign(a(marcus), U(10, 9, 45), ActorKind.User, "lead", CaseEventReason.Reassigned);
            c.RecordReply(marcus.Id, U(10, 9, 50));
            c.Resolve("fixed", U(10, 10, 30), ActorKind.Agent, marcus.Id.ToString());
        });

        var c3 = await history.ConversationAsync(U(11, 9, 0), messages: [(MessageAuthor.Customer, U(11, 9, 0))]);
        var k3 = await history.CaseAsync(c3, U(11, 9, 5), IssueCategory.Technical, Skill.Technical, (c, a) =>
        {
            c.Queue(U(11, 9, 5));
            c.Assign(a(lena), U(11, 9, 6), reason: CaseEventReason.AutoAssigned);
            c.RecordReply(lena.Id, U(11, 9, 20));
            c.Resolve("fixed", U(11, 9, 50), ActorKind.Agent, lena.Id.ToString());
        });
        await OpenAsync(k3, lena, ContextElements.PageCurrent, U(11, 9, 10));
        return new Seeded(desk, k1, k2, k3);
    }

    private async Task OpenAsync(long caseId, Agent agent, ContextElement element, DateTime at)
    {
        await using var db = await H.DbFactory.CreateDbContextAsync();
        db.ContextOpenings.Add(new ContextOpening(caseId, agent.Id, element, at));
        await db.SaveChangesAsync();
    }

    private static DateTime U(int day, int hour, int minute) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);

    private static List<List<string>> Rows(IRenderedComponent<HistoryDashboard> page, string table) =>
        [.. page.FindAll($"[data-testid={table}] tbody tr").Select(r => r.QuerySelectorAll("td").SkipLast(1).Select(td => td.TextContent.Trim()).ToList())];

    private static IReadOnlyList<string> Row(IRenderedComponent<HistoryDashboard> page, string table, string first) =>
        Rows(page, table).Single(cells => cells[0] == first);

    private static string Csv(IRenderedComponent<HistoryDashboard> page, string table)
    {
        var href = page.Find($"[data-testid={table}-csv]").GetAttribute("href")!;
        const string prefix = "data:text/csv;charset=utf-8,";
        Assert.StartsWith(prefix, href);
        return Uri.UnescapeDataString(href[prefix.Length..]);
    }

    private static async Task DrillAsync(IRenderedComponent<HistoryDashboard> page, string table, string first)
    {
        var index = Rows(page, table).FindIndex(cells => cells[0] == first);
        Assert.True(index >= 0, $"No row {first} in {table}.");
        await page.DispatchAsync(() => page.Find($"[data-testid={table}-drill-{index}]").Click());
    }

    private static IReadOnlyList<(string Href, string Text)> Drilled(IRenderedComponent<HistoryDashboard> page, string table) =>
        [.. page.FindAll($"[data-testid={table}-cases] [data-testid=drilled-case]").Select(li => (li.QuerySelector("a")!.GetAttribute("href")!, li.TextContent.Trim()))];

    [Fact]
    public async Task ShowsRoutingAccuracyByCategoryAndAgentAndTheContextAgentsOpened()
    {
        // Arrange
        await SeedAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));

        // Act
        var page = Render<HistoryDashboard>();

        // Assert
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=routing-category-table] tbody tr")), Patience);
        Assert.Equal(["All categories", "3", "2", "67%", "2", "67%"], Row(page, "routing-category-table", "All categories"));
        Assert.Equal(["Billing", "1", "1", "100%", "1", "100%"], Row(page, "routing-category-table", "Billing"));
        Assert.Equal(["Technical", "2", "1", "50%", "1", "50%"], Row(page, "routing-category-table", "Technical"));
        Assert.Equal([["Lena Fischer", "2", "1", "50%", "1", "50%"], ["Priya Raman", "1", "1", "100%", "1", "100%"]], Rows(page, "routing-agent-table"));
        Assert.Equal(["Customer profile (tier, value, tenure)", "25%", "1", "25%", "1", "4"], Row(page, "context-use-table", "Customer profile (tier, value, tenure)"));
        Assert.Equal(["Page the customer was on", "25%", "1", "25%", "1", "4"], Row(page, "context-use-table", "Page the customer was on"));
        Assert.Equal(["Products in use", "0%", "0", "0%", "0", "4"], Row(page, "context-use-table", "Products in use"));
        Assert.Equal(ContextElements.All.Count, Rows(page, "context-use-table").Count);
    }

    [Fact]
    public async Task EveryTableDownloadsAsTheCsvOfWhatItShows()
    {
        // Arrange
        await SeedAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));

        // Act
        var page = Render<HistoryDashboard>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=routing-category-table] tbody tr")), Patience);

        // Assert
        Assert.Equal(
            "Category,Resolved,By first agent,Share,First contact,Share\r\nAll categories,3,2,67%,2,67%\r\nBilling,1,1,100%,1,100%\r\nTechnical,2,1,50%,1,50%\r\n",
            Csv(page, "routing-category-table"));
        Assert.Equal(
            "First assigned agent,Resolved,By first agent,Share,First contact,Share\r\nLena Fischer,2,1,50%,1,50%\r\nPriya Raman,1,1,100%,1,100%\r\n",
            Csv(page, "routing-agent-table"));
        var contextCsv = Csv(page, "context-use-table").Split("\r\n");
        Assert.Equal("Part of the case,Before first reply,Cases,At all,Cases,Worked cases", contextCsv[0]);
        Assert.Contains("\"Customer profile (tier, value, tenure)\",25%,1,25%,1,4", contextCsv);
        Assert.Equal("routing-by-category-2026-02-13-to-2026-03-14.csv", page.Find("[data-testid=routing-category-table-csv]").GetAttribute("download"));
    }

    [Fact]
    public async Task EachRowDrillsDownToTheCasesBehindIt()
    {
        // Arrange
        var s = await SeedAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));
        var page = Render<HistoryDashboard>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=routing-category-table] tbody tr")), Patience);

        // Act
        await DrillAsync(page, "routing-category-table", "Technical");
        await DrillAsync(page, "routing-agent-table", "Priya Raman");
        await DrillAsync(page, "context-use-table", "Page the customer was on");

        // Assert
        page.WaitForAssertion(() => Assert.Equal(
            [($"cases/{s.K3}", $"#{s.K3} first agent, first contact"), ($"cases/{s.K2}", $"#{s.K2} changed hands")],
            Drilled(page, "routing-category-table")), Patience);
        // Each drill-down loads on its own: wait for each.
        page.WaitForAssertion(() => Assert.Equal([($"cases/{s.K1}", $"#{s.K1} first agent, first contact")], Drilled(page, "routing-agent-table")), Patience);
        page.WaitForAssertion(() => Assert.Equal([($"cases/{s.K3}", $"#{s.K3} opened before the first reply")], Drilled(page, "context-use-table")), Patience);
    }

    [Fact]
    public async Task ATeamLeadSeesTheirOwnTeamsCasesOnly()
    {
        // Arrange: K3 alone ended with Technical; K2 was resolved by Billing's Marcus.
        var s = await SeedAsync();
        SignInAs(s.Desk.LenaAsLead);

        // Act
        var page = Render<HistoryDashboard>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=routing-category-table] tbody tr")), Patience);
        await DrillAsync(page, "routing-category-table", "All categories");

        // Assert
        Assert.Equal(["All categories", "1", "1", "100%", "1", "100%"], Row(page, "routing-category-table", "All categories"));
        Assert.Equal([["Lena Fischer", "1", "1", "100%", "1", "100%"]], Rows(page, "routing-agent-table"));
        Assert.Equal(["Page the customer was on", "100%", "1", "100%", "1", "1"], Row(page, "context-use-table", "Page the customer was on"));
        Assert.Equal(["Customer profile (tier, value, tenure)", "0%", "0", "0%", "0", "1"], Row(page, "context-use-table", "Customer profile (tier, value, tenure)"));
        page.WaitForAssertion(() => Assert.Equal([$"cases/{s.K3}"], Drilled(page, "routing-category-table").Select(c => c.Href)), Patience);
    }

    [Fact]
    public async Task AnEmptyRangeShowsNoDataAndEveryContextPartAtNoData()
    {
        // Arrange
        await SeedAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));
        var page = Render<HistoryDashboard>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=routing-category-table] tbody tr")), Patience);
        // The section's reads can finish before the page's own; the form takes a new filter once the page's load is done.
        page.WaitForAssertion(() => Assert.False(page.FindComponent<HistoryFilters>().Instance.Busy), Patience);

        // Act
        await page.DispatchAsync(() => page.FindComponent<HistoryFilters>().Instance.OnApply.InvokeAsync(new HistoryQuery(new DateOnly(2026, 3, 12), new DateOnly(2026, 3, 14))));

        // Assert
        page.WaitForAssertion(() => Assert.Equal([["All categories", "0", "0", "no data", "0", "no data"]], Rows(page, "routing-category-table")), Patience);
        Assert.Empty(Rows(page, "routing-agent-table"));
        Assert.All(Rows(page, "context-use-table"), r => Assert.Equal("no data", r[1]));
    }
}
