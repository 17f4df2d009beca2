using AgentConsole.Components.Pages.Team;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Schedules;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentConsole.Tests.Components.Team;

public sealed class TeamBoardTests : BoardTestBase
{
    [Fact]
    public async Task ShowsTheTeamsQueueAndAgentsButNotAnotherTeamsCases()
    {
        // Arrange
        var desk = await StartDeskAsync();
        var security = await H.OpenCaseAsync(IssueCategory.Security, Skill.Security, priority: CasePriority.High);
        var billing = await H.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);
        var technical = await H.OpenCaseAsync(IssueCategory.Technical, Skill.Technical);
        SignInAs(desk.MarcusAsLead);

        // Act
        var board = Render<TeamBoard>();

        // Assert
        board.WaitForAssertion(() => Assert.Contains("Queued", board.Find($"[data-testid=status-{security}]").TextContent), Patience);
        Assert.Equal("Billing & Accounts", board.Find("[data-testid=team-name]").TextContent);
        Assert.Equal("High", board.Find($"[data-testid=priority-{security}]").TextContent.Trim());
        Assert.Contains("Offered to Marcus Okafor", board.Find($"[data-testid=status-{billing}]").TextContent);
        Assert.Empty(board.FindAll($"[data-testid=case-row-{technical}]"));
        Assert.Contains("1 / 2", board.Find($"[data-testid=load-{desk.Marcus.Id}]").TextContent);
        Assert.Contains($"#{billing}", board.Find($"[data-testid=oldest-{desk.Marcus.Id}]").TextContent);
        Assert.Contains("0 / 1", board.Find($"[data-testid=load-{desk.Priya.Id}]").TextContent);
        Assert.Empty(board.FindAll($"[data-testid=agent-row-{desk.Lena.Id}]"));
    }

    [Fact]
    public async Task MarksAWaitingCaseAtRiskAndThenBreachedAsTheClockRuns()
    {
        // Arrange
        var desk = await StartDeskAsync();
        var security = await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);
        SignInAs(desk.MarcusAsLead);
        var board = Render<TeamBoard>();
        board.WaitForAssertion(() => Assert.Equal("Ok", board.Find($"[data-testid=sla-{security}]").GetAttribute("data-level")), Patience);

        // Act: the board's clock ticks with the fake clock; no routing event is needed.
        H.Clock.Advance(TimeSpan.FromMinutes(6));

        // Assert
        board.WaitForAssertion(() => Assert.Equal("AtRisk", board.Find($"[data-testid=sla-{security}]").GetAttribute("data-level")), Patience);
        H.Clock.Advance(TimeSpan.FromMinutes(10));
        board.WaitForAssertion(() =>
        {
            Assert.Equal("Breached", board.Find($"[data-testid=sla-{security}]").GetAttribute("data-level"));
            Assert.Equal("16 min", board.Find($"[data-testid=wait-{security}]").TextContent);
        }, Patience);
    }

    [Fact]
    public async Task UpdatesLiveWhenTheEngineRoutesACase()
    {
        // Arrange
        var desk = await StartDeskAsync();
        SignInAs(desk.MarcusAsLead);
        var board = Render<TeamBoard>();
        board.WaitForAssertion(() => Assert.NotNull(board.Find("[data-testid=queue-empty]")), Patience);

        // Act: the engine publishes on the real notifier, off the renderer's thread.
        var billing = await H.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);

        // Assert
        board.WaitForAssertion(() =>
        {
            Assert.Contains("Offered to Marcus Okafor", board.Find($"[data-testid=status-{billing}]").TextContent);
            Assert.Contains("1 / 2", board.Find($"[data-testid=load-{desk.Marcus.Id}]").TextContent);
        }, Patience);
        await H.Engine.AcceptOfferAsync(billing, EngineHarness.As(desk.Marcus));
        board.WaitForAssertion(() => Assert.Contains("Assigned to Marcus Okafor", board.Find($"[data-testid=status-{billing}]").TextContent), Patience);
    }

    [Fact]
    public async Task ExpandsTheRoutingExplanationOfACase()
    {
        // Arrange
        var desk = await StartDeskAsync();
        var security = await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);
        var expected = await new TeamBoardQueries(H.DbFactory).ExplanationAsync(security, desk.MarcusAsLead, await H.Engine.SnapshotAsync());
        SignInAs(desk.MarcusAsLead);
        var board = Render<TeamBoard>();
        board.WaitForAssertion(() => Assert.NotNull(board.Find($"[data-testid=explain-{security}]")), Patience);

        // Act
        await board.Find($"[data-testid=explain-{security}]").ClickAsync(new());

        // Assert
        board.WaitForAssertion(() =>
        {
            var text = board.Find($"[data-testid=explanation-{security}]").TextContent;
            Assert.Contains(expected!.Summary, text);
            Assert.Contains(expected.Reason, text);
            Assert.All(expected.Steps, step => Assert.Contains(step.Result, text));
        }, Patience);
    }

    [Fact]
    public async Task ALeadSeesOnlyTheirOwnTeamWhateverTheAddressSays()
    {
        // Arrange
        var desk = await StartDeskAsync();
        SignInAs(desk.MarcusAsLead);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/team?team={desk.Technical}");

        // Act
        var board = Render<TeamBoard>();

        // Assert
        board.WaitForAssertion(() => Assert.NotNull(board.Find($"[data-testid=agent-row-{desk.Marcus.Id}]")), Patience);
        Assert.Equal("Billing & Accounts", board.Find("[data-testid=team-name]").TextContent);
        Assert.Empty(board.FindAll("[data-testid=team-picker]"));
        Assert.Empty(board.FindAll($"[data-testid=agent-row-{desk.Lena.Id}]"));
    }

    [Fact]
    public async Task ASupervisorPicksAnyTeam()
    {
        // Arrange
        var desk = await StartDeskAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));
        var board = Render<TeamBoard>();
        board.WaitForAssertion(() => Assert.NotNull(board.Find($"[data-testid=agent-row-{desk.Marcus.Id}]")), Patience);

        // Act
        var picker = board.FindComponent<TeamPicker>();
        await board.DispatchAsync(() => picker.Instance.SelectedChanged.InvokeAsync(desk.Technical));

        // Assert
        board.WaitForAssertion(() =>
        {
            Assert.NotNull(board.Find($"[data-testid=agent-row-{desk.Lena.Id}]"));
            Assert.Empty(board.FindAll($"[data-testid=agent-row-{desk.Marcus.Id}]"));
        }, Patience);
    }

    [Fact]
    public async Task AnAgentGetsNoBoard()
    {
        // Arrange
        var desk = await StartDeskAsync();
        SignInAs(EngineHarness.As(desk.Priya));

        // Act
        var board = Render<TeamBoard>();

        // Assert
        board.WaitForAssertion(() => Assert.NotNull(board.Find("[data-testid=board-denied]")), Patience);
        Assert.Empty(board.FindAll("[data-testid=team-queue]"));
    }

    [Fact]
    public async Task ShowsWhoIsOnCallNowAndNextAndMovesOnAtTheHandOver()
    {
        // Arrange: it is Saturday 14 March, 10:00 Berlin time; the Billing rotation hands over daily at 10:05 Berlin time,
        // Marcus from Friday, then Priya.
        var desk = await TeamDesk.ArrangeAsync(H);
        await using (var db = await H.DbFactory.CreateDbContextAsync())
        {
            db.OnCallRotations.Add(new OnCallRotation(new RotationDefinition("Billing on call", null, desk.Billing, "Europe/Berlin", new TimeOnly(10, 5), 1,
                new DateOnly(2026, 3, 13), [desk.Marcus.Id, desk.Priya.Id], [])));
            await db.SaveChangesAsync();
        }
        await StartEngineAsync();
        await desk.ConnectAsync(H);
        SignInAs(desk.MarcusAsLead);

        // Act
        var board = Render<TeamBoard>();

        // Assert
        board.WaitForAssertion(() =>
        {
            Assert.Equal("Marcus Okafor", board.Find("[data-testid=on-call-now]").TextContent);
            Assert.Equal("Priya Raman", board.Find("[data-testid=on-call-next]").TextContent);
            Assert.Contains("Sat 14 Mar 09:05 UTC", board.Find("[data-testid=on-call-row]").TextContent);
        }, Patience);

        // Act: the board's clock passes the hand-over.
        H.Clock.Advance(TimeSpan.FromMinutes(5));

        // Assert
        board.WaitForAssertion(() =>
        {
            Assert.Equal("Priya Raman", board.Find("[data-testid=on-call-now]").TextContent);
            Assert.Equal("Marcus Okafor", board.Find("[data-testid=on-call-next]").TextContent);
            Assert.Contains("Sun 15 Mar 09:05 UTC", board.Find("[data-testid=on-call-row]").TextContent);
        }, Patience);
    }

    [Fact]
    public async Task AWaitOutOfTheTeamsHoursDoesNotCountTowardsItsSlaButASecurityCaseStillDoes()
    {
        // Arrange: Billing keeps office hours and it is Saturday, so its Billing case waits for Monday; the security case
        // (which nobody here can take) is answered at any hour.
        var desk = await TeamDesk.ArrangeAsync(H);
        await using (var db = await H.DbFactory.CreateDbContextAsync())
        {
            db.TeamHours.Add(new TeamHours(desk.Billing, "Europe/Berlin", OpeningHoursText.ParseSpans("Mon-Fri 09:00-17:00"), []));
            await db.SaveChangesAsync();
        }
        await StartEngineAsync();
        await desk.ConnectAsync(H);
        var billing = await H.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);
        var security = await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);
        SignInAs(desk.MarcusAsLead);
        var board = Render<TeamBoard>();
        board.WaitForAssertion(() => Assert.Equal("Ok", board.Find($"[data-testid=sla-{billing}]").GetAttribute("data-level")), Patience);

        // Act
        H.Clock.Advance(TimeSpan.FromMinutes(16));

        // Assert: once the security case shows its 16 minutes, the Billing case still stands at no business time waited.
        board.WaitForAssertion(() =>
        {
            Assert.Equal("Breached", board.Find($"[data-testid=sla-{security}]").GetAttribute("data-level"));
            Assert.Equal("16 min", board.Find($"[data-testid=wait-{security}]").TextContent);
            Assert.Equal("Ok", board.Find($"[data-testid=sla-{billing}]").GetAttribute("data-level"));
        }, Patience);
        Assert.Contains("Queued", board.Find($"[data-testid=status-{billing}]").TextContent);
    }

    [Fact]
    public async Task AnAdminsSwapShowsOnTheOpenBoardWithinAMinute()
    {
        // Arrange: Marcus holds the Billing rotation's shift until tomorrow.
        var desk = await TeamDesk.ArrangeAsync(H);
        await using (var db = await H.DbFactory.CreateDbContextAsync())
        {
            db.OnCallRotations.Add(new OnCallRotation(new RotationDefinition("Billing on call", null, desk.Billing, "Europe/Berlin", new TimeOnly(8, 0), 1,
                new DateOnly(2026, 3, 13), [desk.Priya.Id, desk.Marcus.Id], [])));
            await db.SaveChangesAsync();
        }
        await StartEngineAsync();
        await desk.ConnectAsync(H);
        SignInAs(desk.MarcusAsLead);
        var board = Render<TeamBoard>();
        board.WaitForAssertion(() => Assert.Equal("Marcus Okafor", board.Find("[data-testid=on-call-now]").TextContent), Patience);

        // Act: Priya covers Marcus for the next two hours; the board's clock moves on a minute.
        await using (var db = await H.DbFactory.CreateDbContextAsync())
        {
            var rotation = db.OnCallRotations.Single();
            rotation.Define(rotation.Definition with { Overrides = [new RotationOverride(OverrideKind.Swap, desk.Marcus.Id, H.Now, H.Now.AddHours(2), desk.Priya.Id)] });
            await db.SaveChangesAsync();
        }
        await H.Engine.SchedulesChangedAsync();
        H.Clock.Advance(TimeSpan.FromMinutes(1));

        // Assert
        board.WaitForAssertion(() =>
        {
            Assert.Equal("Priya Raman", board.Find("[data-testid=on-call-now]").TextContent);
            Assert.Equal("Marcus Okafor", board.Find("[data-testid=on-call-next]").TextContent);
            Assert.Contains("Sat 14 Mar 11:00 UTC", board.Find("[data-testid=on-call-row]").TextContent);
        }, Patience);
    }
}
