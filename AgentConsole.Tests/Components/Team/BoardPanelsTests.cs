using AgentConsole.Components.Pages.Team;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;
using Bunit;

namespace AgentConsole.Tests.Components.Team;

/// <summary>The team board's panels: the summary figures above the board, and the agents' rows.</summary>
public sealed class BoardPanelsTests : BoardTestBase
{
    /// <summary>
    /// Billing &amp; Accounts as Marcus leads it, at 09:06: two Security cases nobody can take have
    /// waited six minutes (at risk); Marcus has one Billing case assigned since 09:00 (replied to)
    /// and one offered at 09:06, which fills his two slots. Priya is connected but in a meeting;
    /// Nina, on call, never connected and went Away after the grace. Lena's Technical case is
    /// another team's.
    /// </summary>
    private sealed record Desk(Agent Marcus, Agent Priya, Agent Nina, long Assigned, long Offered)
    {
        public RoutingActor MarcusAsLead => EngineHarness.AsLead(Marcus);
    }

    private async Task<Desk> ArrangeDeskAsync()
    {
        var billing = await H.TeamAsync("Billing & Accounts");
        var technical = await H.TeamAsync("Technical Support");
        var marcus = await H.AgentAsync("Marcus Okafor", billing, AgentTier.Specialist, capacity: 2, skills: (Skill.Billing, 5));
        var priya = await H.AgentAsync("Priya Raman", billing, AgentTier.Frontline, capacity: 1, skills: (Skill.Billing, 3));
        var nina = await H.AgentAsync("Nina Alvarez", billing, AgentTier.Senior, capacity: 3, onCall: true, skills: (Skill.Retention, 4));
        var lena = await H.AgentAsync("Lena Fischer", technical, AgentTier.Specialist, capacity: 3, skills: (Skill.Technical, 5));
        await H.SetLeadAsync(billing, marcus);
        await H.SetLeadAsync(technical, lena);
        await StartEngineAsync();
        foreach (var agent in new[] { marcus, priya, lena }) await H.Engine.ConnectionOpenedAsync(agent.Id);
        await H.Engine.SetPresenceAsync(priya.Id, Presence.InMeeting, EngineHarness.As(priya));

        await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);
        await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);
        var assigned = await H.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);
        await H.Engine.AcceptOfferAsync(assigned, EngineHarness.As(marcus));
        await H.Engine.ReplyAsync(assigned, "Looking into it now", EngineHarness.As(marcus));
        await H.AdvanceAsync(TimeSpan.FromMinutes(6));
        var offered = await H.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);
        await H.OpenCaseAsync(IssueCategory.Technical, Skill.Technical);
        return new Desk(marcus, priya, nina, assigned, offered);
    }

    private static string Chip(IRenderedComponent<TeamBoard> board, string id) => board.Find($"[data-testid=summary-{id}]").TextContent.Trim();

    [Fact]
    public async Task TheSummaryCountsTheTeamsQueuedOfferedAssignedAtRiskAndOnlineFigures()
    {
        // Arrange
        var desk = await ArrangeDeskAsync();
        SignInAs(desk.MarcusAsLead);

        // Act
        var board = Render<TeamBoard>();

        // Assert
        board.WaitForAssertion(() => Assert.Equal("2 queued", Chip(board, "queued")), Patience);
        Assert.Equal("1 offered", Chip(board, "offered"));
        Assert.Equal("1 assigned", Chip(board, "assigned"));
        Assert.Equal("2 at risk", Chip(board, "at-risk"));
        Assert.Contains("mud-chip-color-warning", board.Find("[data-testid=summary-at-risk]").ClassList);
        Assert.Equal("2 of 3 agents online", Chip(board, "online"));
    }

    [Fact]
    public async Task TheSummaryFollowsTheEngineLiveAsItRoutesACase()
    {
        // Arrange: an empty desk.
        var desk = await TeamDesk.ArrangeAsync(H);
        await StartEngineAsync();
        await desk.ConnectAsync(H);
        SignInAs(desk.MarcusAsLead);
        var board = Render<TeamBoard>();
        board.WaitForAssertion(() => Assert.Equal("0 offered", Chip(board, "offered")), Patience);
        Assert.Equal("0 at risk", Chip(board, "at-risk"));
        Assert.DoesNotContain("mud-chip-color-warning", board.Find("[data-testid=summary-at-risk]").ClassList);

        // Act 1: the engine routes a Billing case to Marcus, and queues a Security case nobody can take.
        var billing = await H.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);
        await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);

        // Assert 1
        board.WaitForAssertion(() => Assert.Equal(("1 queued", "1 offered", "0 assigned"), (Chip(board, "queued"), Chip(board, "offered"), Chip(board, "assigned"))), Patience);

        // Act 2
        await H.Engine.AcceptOfferAsync(billing, EngineHarness.As(desk.Marcus));

        // Assert 2
        board.WaitForAssertion(() => Assert.Equal(("1 queued", "0 offered", "1 assigned"), (Chip(board, "queued"), Chip(board, "offered"), Chip(board, "assigned"))), Patience);
    }

    [Fact]
    public async Task TheAtRiskFigureRisesAsAWaitingCasePassesTheWarningWithoutAnyRoutingEvent()
    {
        // Arrange
        var desk = await TeamDesk.ArrangeAsync(H);
        await StartEngineAsync();
        await desk.ConnectAsync(H);
        await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);
        SignInAs(desk.MarcusAsLead);
        var board = Render<TeamBoard>();
        board.WaitForAssertion(() => Assert.Equal("1 queued", Chip(board, "queued")), Patience);
        Assert.Equal("0 at risk", Chip(board, "at-risk"));

        // Act: five minutes is the warning; the board's clock ticks with the fake clock.
        H.Clock.Advance(TimeSpan.FromMinutes(5));

        // Assert
        board.WaitForAssertion(() => Assert.Equal("1 at risk", Chip(board, "at-risk")), Patience);
        Assert.Contains("mud-chip-color-warning", board.Find("[data-testid=summary-at-risk]").ClassList);
    }

    [Fact]
    public async Task EachAgentRowShowsPresenceConnectionLoadOnCallAndOldestCase()
    {
        // Arrange
        var desk = await ArrangeDeskAsync();
        SignInAs(desk.MarcusAsLead);

        // Act
        var board = Render<TeamBoard>();

        // Assert: Marcus is full, with one of his two cases still an offer; his oldest waited six minutes.
        board.WaitForAssertion(() => Assert.Equal("2 / 2 (1 offered)", Text(board, "load", desk.Marcus)), Patience);
        Assert.NotNull(board.Find($"[data-testid=load-{desk.Marcus.Id}] .full"));
        Assert.Equal($"#{desk.Assigned} · 6 min", Text(board, "oldest", desk.Marcus));
        Assert.Equal(("Available", "online"), (Text(board, "presence", desk.Marcus), Dot(board, desk.Marcus)));
        Assert.Empty(board.FindAll($"[data-testid=on-call-{desk.Marcus.Id}]"));
        // Priya: connected, in a meeting, nothing held.
        Assert.Equal(("In a meeting", "online"), (Text(board, "presence", desk.Priya), Dot(board, desk.Priya)));
        Assert.Equal("0 / 1", Text(board, "load", desk.Priya));
        Assert.Empty(board.FindAll($"[data-testid=load-{desk.Priya.Id}] .full"));
        Assert.Equal("none", Text(board, "oldest", desk.Priya));
        // Nina: on call, but never connected, so Away after the grace.
        Assert.Equal(("Away", "offline"), (Text(board, "presence", desk.Nina), Dot(board, desk.Nina)));
        Assert.Equal("· on call", Text(board, "on-call", desk.Nina));
        Assert.Equal("0 / 3", Text(board, "load", desk.Nina));
    }

    [Fact]
    public async Task AnAgentsRowFollowsTheEngineWhenTheyTakeACase()
    {
        // Arrange
        var desk = await TeamDesk.ArrangeAsync(H);
        await StartEngineAsync();
        await desk.ConnectAsync(H);
        SignInAs(desk.MarcusAsLead);
        var board = Render<TeamBoard>();
        board.WaitForAssertion(() => Assert.Equal("none", Text(board, "oldest", desk.Marcus)), Patience);

        // Act
        var billing = await H.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);
        await H.Engine.AcceptOfferAsync(billing, EngineHarness.As(desk.Marcus));
        await H.AdvanceAsync(TimeSpan.FromMinutes(2));
        await H.Engine.SetPresenceAsync(desk.Marcus.Id, Presence.Busy, desk.MarcusAsLead);

        // Assert
        board.WaitForAssertion(() =>
        {
            Assert.Equal("Busy", Text(board, "presence", desk.Marcus));
            Assert.Equal("1 / 2", Text(board, "load", desk.Marcus));
            Assert.Equal($"#{billing} · 2 min", Text(board, "oldest", desk.Marcus));
        }, Patience);
    }

    [Fact]
    public async Task AnAgentWhoIsOfflineWithTheConsoleOpenShowsOfflineNotAGreenPresence()
    {
        // Arrange: Priya's console is open, and she has set herself Offline.
        var desk = await StartDeskAsync();
        await H.Engine.SetPresenceAsync(desk.Priya.Id, Presence.Offline, EngineHarness.As(desk.Priya));
        SignInAs(desk.MarcusAsLead);

        // Act
        var board = Render<TeamBoard>();

        // Assert: the presence reads Offline in Offline's own look; the open console is shown apart from it.
        board.WaitForAssertion(() => Assert.Equal("Offline", Text(board, "presence", desk.Priya)), Patience);
        var badge = board.Find($"[data-testid=presence-{desk.Priya.Id}] .presence-badge");
        Assert.Equal("Offline", badge.GetAttribute("data-presence"));
        Assert.DoesNotContain("mud-success-text", badge.QuerySelector("svg")!.ClassList);
        Assert.Equal("online", Dot(board, desk.Priya));
        Assert.Equal("Console open", board.Find($"[data-testid=presence-{desk.Priya.Id}] .connection").GetAttribute("aria-label"));
        Assert.Contains("mud-success-text", board.Find($"[data-testid=presence-{desk.Marcus.Id}] .presence-badge svg").ClassList);
    }

    private static string Text(IRenderedComponent<TeamBoard> board, string cell, Agent agent) =>
        System.Text.RegularExpressions.Regex.Replace(board.Find($"[data-testid={cell}-{agent.Id}]").TextContent, @"\s+", " ").Trim();

    private static string Dot(IRenderedComponent<TeamBoard> board, Agent agent) =>
        board.Find($"[data-testid=presence-{agent.Id}] .connection").ClassList.Single(c => c is "online" or "offline");
}
