using AgentConsole.Components.Pages.Dashboard;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Components.Team;
using Bunit;
using MudBlazor;
using static AgentConsole.Tests.Core.Metrics.CaseHistory;

namespace AgentConsole.Tests.Components.Dashboard;

/// <summary>The dashboard's panels: the queue broken down by category and tier, and the two hourly charts.</summary>
public sealed class DashboardPanelsTests : BoardTestBase
{
    private static readonly RoutingActor Sofia = RoutingActor.ForSupervisor("Sofia Mendes");

    private IRenderedComponent<SupervisorDashboard> RenderDashboard()
    {
        SignInAs(Sofia);
        var page = Render<SupervisorDashboard>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=dashboard-figures]")), Patience);
        return page;
    }

    // A case written straight to the store, opened at openedAt with these reasons, queued and resolved at once.
    private Task SeedResolvedAsync(DateTime openedAt, params ReasonCategory[] reasons) =>
        SeedAsync(H, openedAt, reasons, (c, _) =>
        {
            c.Queue(openedAt);
            c.Resolve("Answered", openedAt.AddMinutes(1), ActorKind.User, "supervisor");
        });

    // ----- Queue breakdown -----

    [Fact]
    public async Task TheBreakdownCountsQueuedCasesByCategoryAndTierWithTotals()
    {
        // Arrange: nobody has the Security or Integration skill, so those cases wait; the Billing one is offered to Marcus.
        await StartDeskAsync();
        await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);
        await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);
        await H.OpenCaseAsync(IssueCategory.Security, Skill.Security, AgentTier.Senior);
        await H.OpenCaseAsync(IssueCategory.Billing, Skill.Integration, AgentTier.Frontline);
        await H.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);

        // Act
        var page = RenderDashboard();

        // Assert
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=queue-breakdown]")), Patience);
        Assert.Equal(["Category", "Frontline", "Specialist", "Senior", "All"], page.FindAll("[data-testid=queue-breakdown] th").Select(th => th.TextContent));
        Assert.Equal(["breakdown-Billing", "breakdown-Security"], page.FindAll("[data-testid=queue-breakdown] tr[data-testid]").Select(tr => tr.GetAttribute("data-testid")));
        var cells = page.FindAll("[data-testid=queue-breakdown] td[data-testid]").ToDictionary(td => td.GetAttribute("data-testid")!, td => td.TextContent);
        Assert.Equal(new Dictionary<string, string>
        {
            ["breakdown-Billing-Frontline"] = "1", ["breakdown-Billing-Specialist"] = "0", ["breakdown-Billing-Senior"] = "0", ["breakdown-Billing-all"] = "1",
            ["breakdown-Security-Frontline"] = "0", ["breakdown-Security-Specialist"] = "2", ["breakdown-Security-Senior"] = "1", ["breakdown-Security-all"] = "3",
            ["breakdown-all-Frontline"] = "1", ["breakdown-all-Specialist"] = "2", ["breakdown-all-Senior"] = "1", ["breakdown-all"] = "4",
        }, cells);
        Assert.Contains("zero", page.Find("[data-testid=breakdown-Billing-Specialist]").ClassList);
        Assert.DoesNotContain("zero", page.Find("[data-testid=breakdown-Security-Specialist]").ClassList);
        Assert.Empty(page.FindAll("[data-testid=breakdown-empty]"));
    }

    [Fact]
    public async Task TheBreakdownSaysTheQueueIsEmptyWhenEveryCaseIsWithAnAgent()
    {
        // Arrange: the only open case is offered to Marcus.
        await StartDeskAsync();
        await H.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);

        // Act
        var page = RenderDashboard();

        // Assert
        Assert.Equal("The queue is empty.", page.Find("[data-testid=breakdown-empty]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=queue-breakdown]"));
        Assert.Equal("1 offered · 0 in work", page.Find("[data-testid=queue-depth-caption]").TextContent.Trim());
    }

    [Fact]
    public async Task TheBreakdownFollowsTheQueueLive()
    {
        // Arrange
        await StartDeskAsync();
        var page = RenderDashboard();
        Assert.NotNull(page.Find("[data-testid=breakdown-empty]"));

        // Act: the engine queues a case nobody can take and publishes it.
        await H.OpenCaseAsync(IssueCategory.Security, Skill.Security, AgentTier.Senior);

        // Assert
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=breakdown-Security-Senior]").TextContent), Patience);
        Assert.Equal("1", page.Find("[data-testid=breakdown-all]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=breakdown-empty]"));
    }

    // ----- Escalations chart -----

    [Fact]
    public async Task WithNoEscalationsInTheLastDayTheEscalationsChartSaysSoInsteadOfDrawing()
    {
        // Arrange: one escalation, but 25 hours ago.
        await SeedResolvedAsync(At(13, 8, 0), ReasonCategory.Sentiment);
        await StartDeskAsync();

        // Act
        var page = RenderDashboard();

        // Assert
        Assert.Equal("No escalations in the last 24 hours.", page.Find("[data-testid=escalations-chart-empty]").TextContent);
        var chart = page.FindComponent<EscalationsChart>();
        Assert.Empty(chart.FindComponents<MudChart<double>>());
        Assert.Empty(chart.Instance.Series);
    }

    [Fact]
    public async Task TheEscalationsChartStacksEachHoursEscalationsUnderTheirPrimaryReason()
    {
        // Arrange: the window runs from 10:00 yesterday to now, 09:00 on the 14th.
        await SeedResolvedAsync(At(13, 8, 0), ReasonCategory.Complexity); // before the window
        await SeedResolvedAsync(At(13, 12, 15), ReasonCategory.Sentiment); // hour 2
        await SeedResolvedAsync(At(14, 7, 30), ReasonCategory.Sentiment, ReasonCategory.CustomerRequest); // hour 21, counted once
        await SeedResolvedAsync(At(14, 7, 45), ReasonCategory.ProductDefect); // hour 21
        await StartDeskAsync();
        await H.OpenCaseAsync(IssueCategory.Security, Skill.Security); // CustomerRequest, hour 23

        // Act
        var page = RenderDashboard();

        // Assert
        Assert.Empty(page.FindAll("[data-testid=escalations-chart-empty]"));
        var chart = page.FindComponent<EscalationsChart>();
        Assert.Single(chart.FindComponents<MudChart<double>>());
        var series = chart.Instance.Series.ToDictionary(s => s.Name, s => s.Data.Values.ToArray());
        Assert.Equal(["Asked for a human", "Sentiment", "Suspected defect"], chart.Instance.Series.Select(s => s.Name)); // the fixed reason order
        Assert.Equal(Hours((23, 1)), series["Asked for a human"]);
        Assert.Equal(Hours((2, 1), (21, 1)), series["Sentiment"]);
        Assert.Equal(Hours((21, 1)), series["Suspected defect"]);
    }

    // ----- Queue depth chart -----

    [Fact]
    public async Task OnAQuietDayTheQueueDepthChartDrawsZeroForEveryHour()
    {
        // Arrange
        await StartDeskAsync();

        // Act
        var page = RenderDashboard();

        // Assert: this chart has no empty state; an empty queue is a depth of zero.
        var chart = page.FindComponent<QueueDepthChart>();
        Assert.Single(chart.FindComponents<MudChart<double>>());
        Assert.Equal(["Peak", "At end of hour"], chart.Instance.Series.Select(s => s.Name));
        Assert.All(chart.Instance.Series, s => Assert.Equal(Hours(), s.Data.Values.ToArray()));
    }

    [Fact]
    public async Task TheQueueDepthChartShowsEachHoursPeakAndTheDepthAsItEnded()
    {
        // Arrange: nobody works the desk. Two cases wait from 09:00; a supervisor closes one at 09:50;
        // a third arrives at 10:10, which is now.
        await StartEngineAsync();
        var first = await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);
        await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);
        await H.AdvanceAsync(TimeSpan.FromMinutes(50));
        await H.Engine.ResolveAsync(first, "Answered by email", Sofia);
        await H.AdvanceAsync(TimeSpan.FromMinutes(20));
        await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);

        // Act
        var page = RenderDashboard();

        // Assert: hour 22 is 09:00-10:00, hour 23 the current one.
        var chart = page.FindComponent<QueueDepthChart>();
        var series = chart.Instance.Series.ToDictionary(s => s.Name, s => s.Data.Values.ToArray());
        Assert.Equal(Hours((22, 2), (23, 2)), series["Peak"]);
        Assert.Equal(Hours((22, 1), (23, 2)), series["At end of hour"]);
        var labels = chart.FindComponent<MudChart<double>>().Instance.ChartLabels;
        Assert.Equal(24, labels.Length);
        Assert.Equal(("11:00", "", "14:00", "08:00", "", "10:00"), (labels[0], labels[1], labels[3], labels[21], labels[22], labels[23]));
    }

    /// <summary>24 hourly values, zero but for the given (hour, value) pairs.</summary>
    private static double[] Hours(params (int Hour, double Value)[] values)
    {
        var hours = new double[24];
        foreach (var (hour, value) in values) hours[hour] = value;
        return hours;
    }
}
