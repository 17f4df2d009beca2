using AgentConsole.Components.Pages.Dashboard;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Components.Team;
using AgentConsole.Tests.Core.Metrics;
using AgentConsole.Tests.Core.Routing.Engine;
using AgentConsole.Core.Metrics;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Components.Dashboard;

/// <summary>
/// The history page over a known desk history in the store (the desk's zone is UTC, the clock
/// 14 March 09:00, so the default range is 13 February to 14 March).
/// </summary>
public sealed class HistoryDashboardTests : BoardTestBase
{
    /// <summary>
    /// C1 (web, Enterprise) 10 March 08:00, bot first, escalated 08:05 (Billing, to Marcus's team): declined once,
    /// accepted 08:10, resolved 08:40, rated 2.
    /// C2 (web, Pro) 10 March 09:00, bot first, escalated 09:20 (Technical, to Lena's team): accepted 09:30, resolved 10:30, rated 4.
    /// C3 (web, Free) 11 March 07:00, the bot kept it (Billing), rated 5.
    /// C4 (widget, Enterprise) 11 March 10:00, the bot kept it (Technical), rated 3.
    /// </summary>
    private async Task<TeamDesk> SeedAsync()
    {
        var desk = await TeamDesk.ArrangeAsync(H);
        var history = new DeskHistory(H);
        var (marcus, lena) = (desk.Marcus, desk.Lena);

        var c1 = await history.ConversationAsync(U(10, 8, 0), tier: CustomerTier.Enterprise, botGuess: IssueCategory.Billing,
            messages: [(MessageAuthor.Customer, U(10, 8, 0)), (MessageAuthor.Bot, U(10, 8, 1))]);
        var k1 = await history.CaseAsync(c1, U(10, 8, 5), IssueCategory.Billing, Skill.Billing, (c, a) =>
        {
            c.Queue(U(10, 8, 5));
            c.Offer(marcus.Id, U(10, 8, 6), U(10, 8, 7));
            c.Decline(marcus.Id, "busy", U(10, 8, 7));
            c.Offer(marcus.Id, U(10, 8, 8), U(10, 8, 11));
            c.Accept(a(marcus), U(10, 8, 10), null);
            c.Resolve("done", U(10, 8, 40), ActorKind.Agent, marcus.Id.ToString());
        });
        await history.RatingAsync(c1, k1, 2, U(10, 8, 41));

        var c2 = await history.ConversationAsync(U(10, 9, 0), tier: CustomerTier.Pro, botGuess: IssueCategory.Technical,
            messages: [(MessageAuthor.Customer, U(10, 9, 0)), (MessageAuthor.Bot, U(10, 9, 2))]);
        var k2 = await history.CaseAsync(c2, U(10, 9, 20), IssueCategory.Technical, Skill.Technical, (c, a) =>
        {
            c.Queue(U(10, 9, 20));
            c.Offer(lena.Id, U(10, 9, 21), U(10, 9, 31));
            c.Accept(a(lena), U(10, 9, 30), null);
            c.Resolve("fixed", U(10, 10, 30), ActorKind.Agent, lena.Id.ToString());
        });
        await history.RatingAsync(c2, k2, 4, U(10, 10, 31));

        var c3 = await history.ConversationAsync(U(11, 7, 0), botGuess: IssueCategory.Billing,
            messages: [(MessageAuthor.Customer, U(11, 7, 0)), (MessageAuthor.Bot, U(11, 7, 1))]);
        await history.RatingAsync(c3, null, 5, U(11, 7, 5));

        var c4 = await history.ConversationAsync(U(11, 10, 0), channel: "widget", tier: CustomerTier.Enterprise, botGuess: IssueCategory.Technical,
            messages: [(MessageAuthor.Customer, U(11, 10, 0)), (MessageAuthor.Bot, U(11, 10, 1))]);
        await history.RatingAsync(c4, null, 3, U(11, 10, 5));
        return desk;
    }

    private static DateTime U(int day, int hour, int minute) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);

    private static string Figure(IRenderedComponent<HistoryDashboard> page, string id) => page.Find($"[data-testid={id}-value]").TextContent.Trim();

    private static string Caption(IRenderedComponent<HistoryDashboard> page, string id) => page.Find($"[data-testid={id}-caption]").TextContent.Trim();

    private static IReadOnlyList<string> Row(IRenderedComponent<HistoryDashboard> page, string table, string first) =>
        page.FindAll($"[data-testid={table}] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .Single(cells => cells[0] == first);

    private static string Csv(IRenderedComponent<HistoryDashboard> page, string table)
    {
        var href = page.Find($"[data-testid={table}-csv]").GetAttribute("href")!;
        const string prefix = "data:text/csv;charset=utf-8,";
        Assert.StartsWith(prefix, href);
        return Uri.UnescapeDataString(href[prefix.Length..]);
    }

    private static Task ApplyAsync(IRenderedComponent<HistoryDashboard> page, HistoryQuery query) =>
        page.InvokeAsync(() => page.FindComponent<HistoryFilters>().Instance.OnApply.InvokeAsync(query));

    private static HistoryQuery LastThirtyDays => new(new DateOnly(2026, 2, 13), new DateOnly(2026, 3, 14));

    [Fact]
    public async Task ShowsTheLastThirtyDaysFiguresFromTheStore()
    {
        // Arrange
        await SeedAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));

        // Act
        var page = Render<HistoryDashboard>();

        // Assert
        page.WaitForAssertion(() => Assert.Equal("50%", Figure(page, "escalation-rate")), Patience);
        Assert.Equal("2 of 4 conversations escalated", Caption(page, "escalation-rate"));
        Assert.Equal("5 min", Figure(page, "time-to-escalate"));
        Assert.Equal("p90 20 min · 2 escalations the bot had first", Caption(page, "time-to-escalate"));
        Assert.Equal("50%", Figure(page, "over-automation-loop"));
        Assert.Equal("30 min", Figure(page, "resolution-escalated"));
        Assert.Equal("no data", Figure(page, "resolution-human"));
        Assert.Equal("4.0", Figure(page, "csat-bot"));
        Assert.Equal("3.0", Figure(page, "csat-escalated"));
        Assert.Equal("2 ratings · delta -1.0", Caption(page, "csat-escalated"));
        Assert.Equal("100%", Figure(page, "share-rated"));
        Assert.Equal("5 min", Figure(page, "queue-wait"));
        Assert.Contains("2026-02-13 to 2026-03-14", page.Find("[data-testid=history-scope]").TextContent);
        Assert.Equal(["Billing", "5.0", "1", "2.0", "1", "-3.0"], Row(page, "csat-table", "Billing"));
        Assert.Equal(["Technical", "3.0", "1", "4.0", "1", "+1.0"], Row(page, "csat-table", "Technical"));
        Assert.Equal(["Bounces per case", "0.50", "1", "2 cases · 1 declined, 0 timed out, 0 reclaimed"], Row(page, "bottleneck-table", "Bounces per case"));
        var trend = page.FindComponent<EscalationTrendChart>().Instance.Series.Single().Data.Values;
        Assert.Equal(30, trend.Count);
        Assert.Equal(100, trend[25]); // 10 March: both escalated
        Assert.Equal(0, trend[26]); // 11 March: neither
        var hours = page.FindComponent<EscalationHourChart>().Instance.Series.Single(s => s.Name == "Escalated").Data.Values;
        Assert.Equal([8, 9], Enumerable.Range(0, 24).Where(h => hours[h] > 0));
    }

    [Fact]
    public async Task AppliedFiltersChangeTheFigures()
    {
        // Arrange
        await SeedAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));
        var page = Render<HistoryDashboard>();
        page.WaitForAssertion(() => Assert.Equal("2 of 4 conversations escalated", Caption(page, "escalation-rate")), Patience);

        // Act
        await ApplyAsync(page, LastThirtyDays with { Category = IssueCategory.Technical });

        // Assert
        page.WaitForAssertion(() => Assert.Equal("1 of 2 conversations escalated", Caption(page, "escalation-rate")), Patience);
        Assert.Equal("20 min", Figure(page, "time-to-escalate"));
        Assert.Equal("3.0", Figure(page, "csat-bot"));
        Assert.Contains("Technical", page.Find("[data-testid=history-scope]").TextContent);

        // Act: a channel with no escalations, then a range with nothing in it.
        await ApplyAsync(page, LastThirtyDays with { Channel = "widget" });
        page.WaitForAssertion(() => Assert.Equal("0 of 1 conversations escalated", Caption(page, "escalation-rate")), Patience);
        Assert.Equal("0%", Figure(page, "escalation-rate"));
        await ApplyAsync(page, new HistoryQuery(new DateOnly(2026, 3, 12), new DateOnly(2026, 3, 14)));

        // Assert
        page.WaitForAssertion(() => Assert.Equal("no data", Figure(page, "escalation-rate")), Patience);
        Assert.Equal("no data", Figure(page, "time-to-escalate"));
        Assert.Equal("no data", Figure(page, "csat-bot"));
        Assert.NotNull(page.Find("[data-testid=escalation-trend-empty]"));
    }

    [Fact]
    public async Task TheFilterFormAppliesWhatIsTypedIntoIt()
    {
        // Arrange
        await SeedAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));
        var page = Render<HistoryDashboard>();
        page.WaitForAssertion(() => Assert.Equal("2 of 4 conversations escalated", Caption(page, "escalation-rate")), Patience);

        // Act
        await page.Find("input[data-testid=filter-channel]").ChangeAsync(new ChangeEventArgs { Value = "widget" });
        await page.Find("[data-testid=filter-apply]").ClickAsync(new());

        // Assert
        page.WaitForAssertion(() => Assert.Equal("0 of 1 conversations escalated", Caption(page, "escalation-rate")), Patience);
        Assert.Equal(new DateOnly(2026, 2, 13), page.FindComponent<HistoryCards>().Instance.Report.Filter.From);
        Assert.Equal("widget", page.FindComponent<HistoryCards>().Instance.Report.Filter.Channel);
    }

    [Fact]
    public async Task ATeamLeadSeesOnlyTheirOwnTeamWhateverTheFiltersAsk()
    {
        // Arrange
        var desk = await SeedAsync();
        SignInAs(desk.MarcusAsLead);

        // Act
        var page = Render<HistoryDashboard>();

        // Assert: Billing's one escalation of the four conversations, and no team to pick.
        page.WaitForAssertion(() => Assert.Equal("1 of 4 conversations escalated", Caption(page, "escalation-rate")), Patience);
        Assert.Equal("5 min", Figure(page, "time-to-escalate"));
        Assert.Contains("Billing & Accounts", page.Find("[data-testid=history-scope]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=filter-team]"));
        Assert.NotEmpty(page.FindAll("[data-testid=filter-team-locked]"));
        Assert.Empty(page.FindAll("[data-testid=history-live-link]"));

        // Act: ask for the other team, and for all teams.
        await ApplyAsync(page, LastThirtyDays with { TeamId = desk.Technical });

        // Assert
        page.WaitForAssertion(() => Assert.Equal(desk.Billing, page.FindComponent<HistoryCards>().Instance.Report.Filter.TeamId), Patience);
        Assert.Equal("1 of 4 conversations escalated", Caption(page, "escalation-rate"));
        Assert.Equal("5 min", Figure(page, "time-to-escalate"));
        await ApplyAsync(page, LastThirtyDays with { TeamId = null, Channel = "web" });
        page.WaitForAssertion(() => Assert.Contains("channel web", page.Find("[data-testid=history-scope]").TextContent), Patience);
        Assert.Equal(desk.Billing, page.FindComponent<HistoryCards>().Instance.Report.Filter.TeamId);
        Assert.Equal("1 of 3 conversations escalated", Caption(page, "escalation-rate"));
    }

    [Fact]
    public async Task ASupervisorMayPickAnyTeam()
    {
        // Arrange
        var desk = await SeedAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));
        var page = Render<HistoryDashboard>();
        page.WaitForAssertion(() => Assert.Equal("2 of 4 conversations escalated", Caption(page, "escalation-rate")), Patience);
        Assert.NotEmpty(page.FindAll("[data-testid=filter-team]"));

        // Act
        await ApplyAsync(page, LastThirtyDays with { TeamId = desk.Technical });

        // Assert
        page.WaitForAssertion(() => Assert.Equal("1 of 4 conversations escalated", Caption(page, "escalation-rate")), Patience);
        Assert.Equal("20 min", Figure(page, "time-to-escalate"));
    }

    [Fact]
    public async Task AnAgentGetsNoHistory()
    {
        // Arrange
        var desk = await SeedAsync();
        SignInAs(EngineHarness.As(desk.Priya));

        // Act
        var page = Render<HistoryDashboard>();

        // Assert
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=history-denied]")), Patience);
        Assert.Empty(page.FindAll("[data-testid=history-figures]"));
    }

    [Fact]
    public async Task TheCsvDownloadsAreTheTablesAsShown()
    {
        // Arrange
        await SeedAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));

        // Act
        var page = Render<HistoryDashboard>();

        // Assert
        page.WaitForAssertion(() => Assert.Equal("50%", Figure(page, "escalation-rate")), Patience);
        Assert.Equal(
            "Category,Bot only (mean),Bot-only ratings,Escalated (mean),Escalated ratings,Delta\r\n" +
            "All categories,4.0,2,3.0,2,-1.0\r\n" +
            "Billing,5.0,1,2.0,1,-3.0\r\n" +
            "Technical,3.0,1,4.0,1,+1.0\r\n",
            Csv(page, "csat-table"));
        Assert.Equal("csat-by-category-2026-02-13-to-2026-03-14.csv", page.Find("[data-testid=csat-table-csv]").GetAttribute("download"));
        // A cell with commas is quoted.
        Assert.Contains("Bounces per case,0.50,1,\"2 cases · 1 declined, 0 timed out, 0 reclaimed\"\r\n", Csv(page, "bottleneck-table"));
        Assert.Contains("2026-03-10,100%,2,2\r\n", Csv(page, "trend-table"));
        Assert.Contains("08:00,100%,1,1\r\n", Csv(page, "hours-table"));
    }

    [Fact]
    public async Task ShowsTheFunnelTheReasonHeatMapAndTheHotspotTablesEachLinkedToItsCases()
    {
        // Arrange: both cases escalated because the customer asked for a human.
        await SeedAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));

        // Act
        var page = Render<HistoryDashboard>();

        // Assert
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=funnel-stage]")), Patience);
        Assert.Equal(["Conversations 4", "Kept by the bot 2 (50% of conversations)", "Escalated 2 (50% of conversations)",
                "Resolved at first contact 2 (100% of escalated)", "Rated 2 (100% of those)"],
            page.FindAll("[data-testid=funnel-stage]").Select(s => System.Text.RegularExpressions.Regex.Replace(s.TextContent, @"\s+", " ").Trim()));
        var cells = page.FindAll("[data-testid=heatmap-cell]").Where(c => c.GetAttribute("data-count") != "0")
            .Select(c => (c.GetAttribute("data-reason"), c.GetAttribute("data-category"), c.TextContent.Trim())).ToList();
        Assert.Equal([("CustomerRequest", "Billing", "1"), ("CustomerRequest", "Technical", "1")], cells);
        Assert.Equal(["Asked for a human", "100%", "2", "2"], Row(page, "reason-table", "Asked for a human"));
        Assert.Equal(["Unresolved too long", "0%", "0", "2"], Row(page, "reason-table", "Unresolved too long"));
        Assert.Equal(8, page.FindAll("[data-testid=reason-table] tbody tr").Count);
        Assert.Equal(["Billing", "50%", "1", "2", "Asked for a human"], Row(page, "category-topics-table", "Billing"));

        var reasonLink = page.Find("[data-testid=reason-table] tbody tr a[data-testid=drill-down]").GetAttribute("href")!;
        Assert.Equal("/dashboard/history/cases?from=2026-02-13&to=2026-03-14&reason=CustomerRequest", reasonLink);
        var heatLink = page.Find("[data-testid=heatmap-cell][data-category=Technical] a").GetAttribute("href")!;
        Assert.Equal("/dashboard/history/cases?from=2026-02-13&to=2026-03-14&reason=CustomerRequest&of=Technical", heatLink);
        Assert.Contains("figure=Bounced", page.FindAll("[data-testid=bottleneck-table] a[data-testid=drill-down]").Select(a => a.GetAttribute("href")).First());
        Assert.Equal("Stage,Conversations,Share of the stage before\r\nConversations,4,\r\nKept by the bot,2,50%\r\nEscalated,2,50%\r\n" +
            "Resolved at first contact,2,100%\r\nRated,2,100%\r\n", Csv(page, "funnel-table"));
        Assert.Contains("Asked for a human,100%,2,2\r\n", Csv(page, "reason-table"));
    }

    [Fact]
    public async Task ADrillDownListsTheCasesBehindAFigureWithLinksAndACsv()
    {
        // Arrange
        await SeedAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/dashboard/history/cases?from=2026-02-13&to=2026-03-14&reason=CustomerRequest&of=Technical");

        // Act
        var page = Render<HistoryCases>();

        // Assert
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=drill-down-table] tbody tr")), Patience);
        var link = page.Find("[data-testid=drill-down-table] a[data-testid=case-link]");
        Assert.Matches(@"^/cases/\d+$", link.GetAttribute("href"));
        Assert.Contains("reason Asked for a human, category Technical", page.Find("[data-testid=drill-down-slice]").TextContent);
        var csv = Uri.UnescapeDataString(page.Find("[data-testid=drill-down-table-csv]").GetAttribute("href")!["data:text/csv;charset=utf-8,".Length..]);
        Assert.StartsWith("Case,Opened (UTC),Customer,Category,Status,Reasons,Agent\r\n", csv);
        Assert.Contains(",2026-03-10 09:20,", csv);
        Assert.Contains(",Technical,Resolved,Asked for a human,", csv);
    }

    [Fact]
    public async Task ALeadsDrillDownIsTheirOwnTeamsWhateverTheLinkSays()
    {
        // Arrange
        var desk = await SeedAsync();
        SignInAs(desk.MarcusAsLead);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/dashboard/history/cases?from=2026-02-13&to=2026-03-14&team={desk.Technical}");

        // Act
        var page = Render<HistoryCases>();

        // Assert: Billing's one case, not Technical's.
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=drill-down-table] tbody tr")), Patience);
        Assert.Contains("Billing", page.Find("[data-testid=drill-down-table] tbody tr").TextContent);
    }

    [Theory]
    [InlineData("/dashboard/history/cases")]
    [InlineData("/dashboard/history/cases?from=2026-03-14&to=2026-02-13")]
    [InlineData("/dashboard/history/cases?from=2026-02-13&to=2026-03-14&figure=Everything")]
    [InlineData("/dashboard/history/cases?from=2026-02-13&to=2026-03-14&reason=7")]
    [InlineData("/dashboard/history/cases?from=2026-02-13&to=2026-03-14&hour=24")]
    [InlineData("/dashboard/history/cases?from=2026-02-13&to=2026-03-14&team=not-a-team")]
    public async Task ALinkThatDoesNotParseSaysSoAndListsNothing(string url)
    {
        // Arrange
        await SeedAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);

        // Act
        var page = Render<HistoryCases>();

        // Assert
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=drill-down-invalid]")), Patience);
        Assert.Empty(page.FindAll("[data-testid=drill-down-table]"));
    }

    [Fact]
    public void ALinkRoundTripsEveryFilterAndSliceValue()
    {
        var query = new HistoryQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31))
        {
            Category = IssueCategory.Billing, Tier = CustomerTier.Pro, Channel = "web & chat", TeamId = Guid.NewGuid(), Skill = Skill.Technical, HourOfDay = 0,
        };
        var slice = new CaseSlice
        {
            Figure = CaseFigure.Misrouted, Reason = ReasonCategory.Timeout, Category = IssueCategory.Security,
            Page = "https://shop.example/a?b=c", Product = "API & SDK", BotReply = "Try again, please?",
        };

        var link = HistoryLink.To(query, slice);
        var parsed = HistoryLink.TryParse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query), out var q, out var s);

        Assert.True(parsed);
        Assert.Equal(query, q);
        Assert.Equal(slice, s);
    }
}
