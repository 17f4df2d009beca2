using AgentConsole.Components.Pages.Dashboard;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Components.Team;
using AgentConsole.Tests.Core.Routing.Engine;
using Bunit;
using static AgentConsole.Tests.Core.Metrics.CaseHistory;

namespace AgentConsole.Tests.Components.Dashboard;

public sealed class SupervisorDashboardTests : BoardTestBase
{
    // Earlier today: one case whose offer was declined and then timed out, and whose agent then
    // missed the first-reply deadline; it was resolved since, so routing no longer holds it.
    private async Task SeedMorningAsync(TeamDesk desk) =>
        await SeedAsync(H, At(14, 7, 0), [ReasonCategory.Sentiment], (c, a) =>
        {
            c.Queue(At(14, 7, 0));
            c.Offer(a!.Id, At(14, 7, 1), At(14, 7, 1, 30));
            c.Decline(a.Id, "Busy", At(14, 7, 1, 10));
            c.Offer(a.Id, At(14, 7, 2), At(14, 7, 2, 30));
            c.ReturnToQueue(CaseEventReason.TimedOut, At(14, 7, 2, 30), ActorKind.System, null, "No answer", exclude: false);
            c.Offer(a.Id, At(14, 7, 3), At(14, 7, 3, 30));
            c.Accept(a, At(14, 7, 3, 10), At(14, 7, 13, 10));
            c.ReturnToQueue(CaseEventReason.Reclaimed, At(14, 7, 13, 10), ActorKind.System, null, "No first reply", exclude: true);
            c.Resolve("Sorted by phone", At(14, 7, 30), ActorKind.User, "supervisor");
        }, desk.Priya.Id);

    private string Figure(IRenderedComponent<SupervisorDashboard> page, string id) => page.Find($"[data-testid={id}-value]").TextContent.Trim();

    private string Caption(IRenderedComponent<SupervisorDashboard> page, string id) => page.Find($"[data-testid={id}-caption]").TextContent.Trim();

    [Fact]
    public async Task ShowsTheLiveFiguresAndTodaysFromTheStore()
    {
        // Arrange
        var desk = await TeamDesk.ArrangeAsync(H);
        await SeedMorningAsync(desk);
        await StartEngineAsync();
        await desk.ConnectAsync(H);
        await H.Engine.SetPresenceAsync(desk.Lena.Id, Presence.Busy, RoutingActor.ForSupervisor());
        var first = await H.OpenCaseAsync(IssueCategory.Security, Skill.Security, priority: CasePriority.High);
        await H.AdvanceAsync(TimeSpan.FromMinutes(3));
        await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);
        await H.OpenCaseAsync(IssueCategory.Billing, Skill.Billing); // offered to Marcus
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));

        // Act
        var page = Render<SupervisorDashboard>();

        // Assert
        page.WaitForAssertion(() => Assert.Equal("2", Figure(page, "queue-depth")), Patience);
        Assert.Equal("1 offered · 0 in work", Caption(page, "queue-depth"));
        Assert.Equal("3 min", Figure(page, "longest-wait"));
        Assert.Equal($"case #{first}", Caption(page, "longest-wait"));
        Assert.Equal("3", Figure(page, "agents-online"));
        Assert.Equal("2 available · 1 busy · 0 away · 3 in all", Caption(page, "agents-online"));
        Assert.Equal("3", Figure(page, "escalations-last-hour"));
        Assert.Equal("1", Figure(page, "sla-breaches"));
        Assert.Equal("2", Figure(page, "offers-missed"));
        Assert.Equal("1 declined · 1 timed out", Caption(page, "offers-missed"));
        Assert.Equal("2", page.Find("[data-testid=breakdown-Security-Specialist]").TextContent);
        var escalations = page.FindComponent<EscalationsChart>().Instance.Series;
        Assert.Equal(["Asked for a human", "Sentiment"], escalations.Select(s => s.Name)); // the fixed reason order
        var depth = page.FindComponent<QueueDepthChart>().Instance.Series;
        Assert.Equal(2, depth.Single(s => s.Name == "At end of hour").Data.Values[^1]);
    }

    [Fact]
    public async Task UpdatesLiveWhenTheEngineQueuesACase()
    {
        // Arrange
        await StartDeskAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));
        var page = Render<SupervisorDashboard>();
        page.WaitForAssertion(() => Assert.Equal("0", Figure(page, "queue-depth")), Patience);

        // Act: the engine stores the case and publishes on the real notifier.
        await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);

        // Assert
        page.WaitForAssertion(() =>
        {
            Assert.Equal("1", Figure(page, "queue-depth"));
            Assert.Equal("1", Figure(page, "escalations-last-hour"));
        }, Patience);
    }

    [Fact]
    public async Task ReloadsTheStoresFiguresOnAnyPublishedEvent()
    {
        // Arrange
        var desk = await StartDeskAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));
        var page = Render<SupervisorDashboard>();
        page.WaitForAssertion(() => Assert.Equal("0", Figure(page, "sla-breaches")), Patience);
        // History the page has not seen: written to the store behind the engine's back.
        await SeedMorningAsync(desk);

        // Act
        await H.Notifier.PublishAsync(new QueueChanged(H.Now, 0, null, [], []));

        // Assert
        page.WaitForAssertion(() =>
        {
            Assert.Equal("1", Figure(page, "sla-breaches"));
            Assert.Equal("1 declined · 1 timed out", Caption(page, "offers-missed"));
        }, Patience);
    }

    [Fact]
    public async Task ATeamLeadGetsNoDashboard()
    {
        // Arrange
        var desk = await StartDeskAsync();
        SignInAs(desk.MarcusAsLead);

        // Act
        var page = Render<SupervisorDashboard>();

        // Assert
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=dashboard-denied]")), Patience);
        Assert.Empty(page.FindAll("[data-testid=dashboard-figures]"));
    }
}
