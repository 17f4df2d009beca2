using Microsoft.AspNetCore.Components;
using AgentConsole.Components.Pages.Team;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentConsole.Tests.Components.Team;

public sealed class ReassignDialogTests : BoardTestBase
{
    private async Task<long> WaitingSecurityCaseAsync() => await H.OpenCaseAsync(IssueCategory.Security, Skill.Security);

    [Fact]
    public async Task WarnsWhenTheAgentIsAtCapacityAndReassignsOnlyWithTheOverride()
    {
        // Arrange: Priya (capacity 1) already holds a case; another waits.
        var desk = await StartDeskAsync();
        var first = await WaitingSecurityCaseAsync();
        var second = await WaitingSecurityCaseAsync();
        await H.Engine.ReassignAsync(first, desk.Priya.Id, null, overrideCapacity: false, desk.MarcusAsLead);
        SignInAs(desk.MarcusAsLead);
        // The board hosts its own dialogs.
        var board = Render<TeamBoard>();
        board.WaitForAssertion(() => Assert.NotNull(board.Find($"[data-testid=reassign-{second}]")), Patience);
        board.Find($"[data-testid=reassign-{second}]").Click();
        board.WaitForAssertion(() => Assert.NotNull(board.Find($"[data-testid=target-{desk.Priya.Id}]")), Patience);

        // Act: pick Priya.
        await board.Find($"[data-testid=target-{desk.Priya.Id}]").ClickAsync(new());

        // Assert: warned, and the button waits for the explicit override.
        board.WaitForAssertion(() => Assert.Contains("Priya Raman holds 1 of 1 cases", board.Find("[data-testid=capacity-warning]").TextContent), Patience);
        Assert.True(board.Find("[data-testid=reassign-submit]").HasAttribute("disabled"));

        board.Find("[data-testid=override-capacity]").Change(true);
        board.WaitForAssertion(() => Assert.False(board.Find("[data-testid=reassign-submit]").HasAttribute("disabled")), Patience);
        board.Find("[data-testid=reassign-submit]").Click();

        board.WaitForAssertion(() => Assert.Contains("Assigned to Priya Raman (over capacity)", board.Find($"[data-testid=status-{second}]").TextContent), Patience);
        board.WaitForAssertion(() => Assert.Empty(board.FindAll("[data-testid=reassign-dialog]")), Patience);
        var stored = await H.CaseAsync(second);
        Assert.Contains(stored.Events, e => e.Type == CaseEventType.CapacityOverride);
        await H.AssertInvariantsAsync();
    }

    [Fact]
    public async Task ShowsTheCapacityWarningWhenTheEngineFindsTheAgentFullMeanwhile()
    {
        // Arrange: the dialog opens on a board that still shows Priya free...
        var desk = await StartDeskAsync();
        var first = await WaitingSecurityCaseAsync();
        var second = await WaitingSecurityCaseAsync();
        SignInAs(desk.MarcusAsLead);
        var dialogs = Render<MudDialogProvider>();
        await OpenDialogAsync(dialogs, desk.MarcusAsLead, second, desk.Billing);
        // ...then she fills up before the lead confirms.
        await H.Engine.ReassignAsync(first, desk.Priya.Id, null, overrideCapacity: false, desk.MarcusAsLead);
        await dialogs.Find($"[data-testid=target-{desk.Priya.Id}]").ClickAsync(new());
        Assert.Empty(dialogs.FindAll("[data-testid=capacity-warning]"));

        // Act
        await dialogs.Find("[data-testid=reassign-submit]").ClickAsync(new());

        // Assert: the engine refused; the dialog now asks for the override.
        dialogs.WaitForAssertion(() => Assert.Contains("holds 1 of 1 cases", dialogs.Find("[data-testid=capacity-warning]").TextContent), Patience);
        Assert.True(dialogs.Find("[data-testid=reassign-submit]").HasAttribute("disabled"));
        Assert.Equal(CaseStatus.Queued, (await H.CaseAsync(second)).Status);

        dialogs.Find("[data-testid=override-capacity]").Change(true);
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid=reassign-submit]").HasAttribute("disabled")), Patience);
        dialogs.Find("[data-testid=reassign-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=reassign-dialog]")), Patience);
        var stored = await H.CaseAsync(second);
        Assert.Equal((CaseStatus.Assigned, desk.Priya.Id, true), (stored.Status, stored.AssignedAgentId!.Value, stored.CapacityOverride));
    }

    [Fact]
    public async Task ALeadOfAnotherTeamCannotReassignTheCase()
    {
        // Arrange: a billing case is offered to Marcus; Lena leads Technical Support.
        var desk = await StartDeskAsync();
        var billing = await H.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);
        SignInAs(desk.LenaAsLead);
        var dialogs = Render<MudDialogProvider>();
        await OpenDialogAsync(dialogs, desk.LenaAsLead, billing, desk.Billing);

        // Act: she tries to move it to Priya anyway.
        await dialogs.Find($"[data-testid=target-{desk.Priya.Id}]").ClickAsync(new());
        await dialogs.Find("[data-testid=reassign-submit]").ClickAsync(new());

        // Assert: the engine refuses, whatever the UI offered.
        dialogs.WaitForAssertion(() => Assert.Contains("your own team", dialogs.Find("[data-testid=reassign-error]").TextContent), Patience);
        var stored = await H.CaseAsync(billing);
        Assert.Equal((CaseStatus.Offered, desk.Marcus.Id), (stored.Status, stored.OfferedAgentId!.Value));
        await Assert.ThrowsAsync<RoutingForbiddenException>(() => H.Engine.ReassignAsync(billing, null, "mine now", false, desk.LenaAsLead));
        await Assert.ThrowsAsync<RoutingForbiddenException>(() => H.Engine.ReassignAsync(billing, desk.Lena.Id, null, false, desk.LenaAsLead));
    }

    [Fact]
    public async Task SendsACaseBackToTheQueueWithANote()
    {
        // Arrange
        var desk = await StartDeskAsync();
        var billing = await H.OpenCaseAsync(IssueCategory.Billing, Skill.Billing);
        SignInAs(desk.MarcusAsLead);
        var dialogs = Render<MudDialogProvider>();
        await OpenDialogAsync(dialogs, desk.MarcusAsLead, billing, desk.Billing);

        // Act
        await dialogs.Find("[data-testid=target-queue]").ClickAsync(new());
        await dialogs.Find("[data-testid=reassign-note]").ChangeAsync(new ChangeEventArgs { Value = "Needs a second look" });
        await dialogs.Find("[data-testid=reassign-submit]").ClickAsync(new());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=reassign-dialog]")), Patience);
        var stored = await H.CaseAsync(billing);
        Assert.Contains(stored.Events, e => e.Type == CaseEventType.Reassigned && e.Comment == "Needs a second look");
        Assert.NotEqual(desk.Marcus.Id, stored.OfferedAgentId);
    }

    // Opens the dialog as the board would, for the case as the board of teamId shows it now.
    private async Task OpenDialogAsync(IRenderedComponent<MudDialogProvider> dialogs, RoutingActor actor, long caseId, Guid teamId)
    {
        var snapshot = await H.Engine.SnapshotAsync();
        var row = TeamBoardView.Build(snapshot, teamId, H.Now, new SlaRiskOptions()).Cases.Single(c => c.Id == caseId);
        var parameters = new DialogParameters<ReassignDialog>
        {
            { d => d.Case, row },
            { d => d.Agents, snapshot.Agents.Where(a => a.TeamId == teamId).ToList() },
            { d => d.Actor, actor },
        };
        var service = Services.GetRequiredService<IDialogService>();
        await dialogs.DispatchAsync(() => service.ShowAsync<ReassignDialog>("Reassign", parameters));
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=reassign-submit]")), Patience);
    }
}
