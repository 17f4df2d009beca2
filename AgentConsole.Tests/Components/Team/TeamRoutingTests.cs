using AgentConsole.Components.Pages.Team;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Components.Team;

/// <summary>A lead switches their team between offering cases and assigning them outright, from the board.</summary>
public sealed class TeamRoutingTests : BoardTestBase
{
    [Fact]
    public async Task ALeadTurnsOnAutoAssignAndTheNextCaseIsAssignedWithoutAnOffer()
    {
        // Arrange
        var desk = await StartDeskAsync();
        SignInAs(desk.MarcusAsLead);
        var board = Render<TeamBoard>();
        board.WaitForAssertion(() => Assert.NotNull(board.Find("input[data-testid=auto-assign]")), Patience);
        Assert.False(board.Find("input[data-testid=auto-assign]").HasAttribute("checked"));

        // Act: the lead flips the switch, then a billing case arrives.
        await board.Find("input[data-testid=auto-assign]").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        board.WaitForAssertion(() => Assert.Contains("straight to the best agent", board.Find("[data-testid=team-routing]").TextContent), Patience);
        var caseId = await H.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);

        // Assert: stored, and routing assigned the case outright.
        await using var db = await H.DbFactory.CreateDbContextAsync();
        Assert.True((await db.Teams.SingleAsync(t => t.Id == desk.Billing)).AutoAssign);
        Assert.False((await db.Teams.SingleAsync(t => t.Id == desk.Technical)).AutoAssign);
        var stored = await H.CaseAsync(caseId);
        Assert.Equal(CaseStatus.Assigned, stored.Status);
        Assert.DoesNotContain(H.EventsOf<CaseOffered>(), e => e.Case.CaseId == caseId);
        Assert.Single(H.EventsOf<CaseAssigned>(), e => e.Case.CaseId == caseId);
    }

    [Fact]
    public async Task OnlyTheTeamsLeadOrASupervisorMayChangeIt()
    {
        // Arrange
        var desk = await StartDeskAsync();
        var editor = Services.GetRequiredService<AgentEditor>();

        // Act
        var otherLead = await Record.ExceptionAsync(() => editor.SetAutoAssignAsync(desk.Billing, true, desk.LenaAsLead));
        var agent = await Record.ExceptionAsync(() => editor.SetAutoAssignAsync(desk.Billing, true, EngineHarness.As(desk.Priya)));
        var unknown = await Record.ExceptionAsync(() => editor.SetAutoAssignAsync(Guid.NewGuid(), true, RoutingActor.ForSupervisor()));
        await editor.SetAutoAssignAsync(desk.Technical, true, RoutingActor.ForSupervisor());

        // Assert
        Assert.IsType<RoutingForbiddenException>(otherLead);
        Assert.IsType<RoutingForbiddenException>(agent);
        Assert.IsType<RoutingNotFoundException>(unknown);
        await using var db = await H.DbFactory.CreateDbContextAsync();
        Assert.Equal([(desk.Billing, false), (desk.Technical, true)],
            (await db.Teams.OrderBy(t => t.Name).Select(t => new { t.Id, t.AutoAssign }).ToListAsync()).Select(t => (t.Id, t.AutoAssign)));
    }

    [Fact]
    public async Task AnotherTeamsBoardShowsASupervisorTheSwitchButAnAgentNever()
    {
        // Arrange
        await StartDeskAsync();
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));

        // Act
        var board = Render<TeamBoard>();

        // Assert
        board.WaitForAssertion(() => Assert.NotNull(board.Find("[data-testid=auto-assign]")), Patience);
    }
}
