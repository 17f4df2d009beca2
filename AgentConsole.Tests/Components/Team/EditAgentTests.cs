using Microsoft.AspNetCore.Components;
using AgentConsole.Components.Pages.Team;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentConsole.Tests.Components.Team;

public sealed class EditAgentTests : BoardTestBase
{
    [Fact]
    public async Task GivingAnAgentTheMissingSkillGetsTheWaitingCaseOfferedToThem()
    {
        // Arrange: a security case waits because nobody has the skill.
        var desk = await StartDeskAsync();
        var security = await H.OpenCaseAsync(IssueCategory.Security, Skill.Security, priority: CasePriority.High);
        SignInAs(desk.MarcusAsLead);
        // The board hosts its own dialogs.
        var board = Render<TeamBoard>();
        board.WaitForAssertion(() => Assert.Contains("Queued", board.Find($"[data-testid=status-{security}]").TextContent), Patience);
        board.Find($"[data-testid=edit-{desk.Marcus.Id}]").Click();
        board.WaitForAssertion(() => Assert.NotNull(board.Find("[data-testid=skill-Security]")), Patience);

        // Act: the lead gives Marcus the skill and saves.
        await board.Find("[data-testid=skill-Security]").ChangeAsync(new ChangeEventArgs { Value = true });
        await board.Find("[data-testid=edit-save]").ClickAsync(new());

        // Assert: stored, applied by routing at once, and shown live.
        board.WaitForAssertion(() => Assert.Empty(board.FindAll("[data-testid=edit-agent-dialog]")), Patience);
        board.WaitForAssertion(() => Assert.Contains("Offered to Marcus Okafor", board.Find($"[data-testid=status-{security}]").TextContent), Patience);
        var stored = await H.StoredAgentAsync(desk.Marcus.Id);
        Assert.Equal(3, stored.ProficiencyIn(Skill.Security));
        Assert.Equal(5, stored.ProficiencyIn(Skill.Billing));
        Assert.Contains(H.EventsOf<CaseOffered>(), e => e.Case.CaseId == security && e.AgentId == desk.Marcus.Id);
        await H.AssertInvariantsAsync();
    }

    [Fact]
    public async Task TheDialogRefusesAnAgentWithoutSkillsAndSavesNothing()
    {
        // Arrange
        var desk = await StartDeskAsync();
        SignInAs(desk.MarcusAsLead);
        var dialogs = Render<MudDialogProvider>();
        await OpenAsync(dialogs, desk.Priya.Id, desk.MarcusAsLead);

        // Act: remove Priya's only skill.
        await dialogs.Find("[data-testid=skill-Billing]").ChangeAsync(new ChangeEventArgs { Value = false });
        await dialogs.Find("[data-testid=edit-save]").ClickAsync(new());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Contains("at least one skill", dialogs.Find("[data-testid=edit-errors]").TextContent), Patience);
        Assert.NotEmpty(dialogs.FindAll("[data-testid=edit-agent-dialog]"));
        Assert.Equal(3, (await H.StoredAgentAsync(desk.Priya.Id)).ProficiencyIn(Skill.Billing));
    }

    [Fact]
    public async Task TheDialogOfALeadOfAnotherTeamShowsNothingToEdit()
    {
        // Arrange
        var desk = await StartDeskAsync();
        SignInAs(desk.LenaAsLead);
        var dialogs = Render<MudDialogProvider>();

        // Act
        await OpenAsync(dialogs, desk.Priya.Id, desk.LenaAsLead, waitForForm: false);

        // Assert
        dialogs.WaitForAssertion(() => Assert.Contains("your own team", dialogs.Find("[data-testid=edit-load-error]").TextContent), Patience);
        Assert.Empty(dialogs.FindAll("[data-testid=edit-skills]"));
    }

    [Fact]
    public async Task TheEditorRefusesALeadOfAnotherTeamAndStoresNothing()
    {
        // Arrange
        var desk = await StartDeskAsync();
        var editor = Services.GetRequiredService<AgentEditor>();
        var edit = new AgentEdit(desk.Priya.Id, [new SkillLevel(Skill.Technical, 5)], AgentTier.Senior, 4);

        // Act
        var refused = await Assert.ThrowsAsync<RoutingForbiddenException>(() => editor.SaveAsync(edit, desk.LenaAsLead));

        // Assert
        Assert.Contains("your own team", refused.Message);
        var stored = await H.StoredAgentAsync(desk.Priya.Id);
        Assert.Equal((AgentTier.Frontline, 1, 0), (stored.Tier, stored.Capacity, stored.ProficiencyIn(Skill.Technical)));
        await Assert.ThrowsAsync<RoutingForbiddenException>(() => editor.SaveAsync(edit, EngineHarness.As(desk.Priya)));
    }

    [Fact]
    public async Task TheEditorLetsASupervisorEditAnyAgentAndRoutingSeesTheNewCapacity()
    {
        // Arrange
        var desk = await StartDeskAsync();
        var editor = Services.GetRequiredService<AgentEditor>();

        // Act
        var saved = await editor.SaveAsync(new AgentEdit(desk.Lena.Id, [new SkillLevel(Skill.Technical, 4), new SkillLevel(Skill.Security, 2)],
            AgentTier.Senior, 5), RoutingActor.ForSupervisor());

        // Assert
        Assert.Equal((AgentTier.Senior, 5), (saved.Tier, saved.Capacity));
        var state = (await H.Engine.SnapshotAsync()).Agents.Single(a => a.Id == desk.Lena.Id);
        Assert.Equal((AgentTier.Senior, 5), (state.Tier, state.Capacity));
    }

    [Theory]
    [InlineData(-1, 3, "Capacity must be between 0 and 100.")]
    [InlineData(101, 3, "Capacity must be between 0 and 100.")]
    [InlineData(2, 0, "Billing: proficiency must be between 1 and 5.")]
    [InlineData(2, 6, "Billing: proficiency must be between 1 and 5.")]
    public async Task TheEditorRefusesAnInvalidEditAndStoresNothing(int capacity, int proficiency, string error)
    {
        // Arrange
        var desk = await StartDeskAsync();
        var editor = Services.GetRequiredService<AgentEditor>();

        // Act
        var refused = await Assert.ThrowsAsync<AgentEditInvalidException>(() =>
            editor.SaveAsync(new AgentEdit(desk.Priya.Id, [new SkillLevel(Skill.Billing, proficiency)], AgentTier.Frontline, capacity), desk.MarcusAsLead));

        // Assert
        Assert.Equal([error], refused.Errors);
        Assert.Equal(1, (await H.StoredAgentAsync(desk.Priya.Id)).Capacity);
    }

    [Fact]
    public void AnEditListingASkillTwiceIsInvalid()
    {
        var edit = new AgentEdit(Guid.NewGuid(), [new SkillLevel(Skill.Billing, 2), new SkillLevel(Skill.Billing, 4)], AgentTier.Frontline, 2);

        Assert.Equal(["Billing is listed more than once."], edit.Validate());
    }

    private async Task OpenAsync(IRenderedComponent<MudDialogProvider> dialogs, Guid agentId, RoutingActor actor, bool waitForForm = true)
    {
        var service = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<EditAgentDialog> { { d => d.AgentId, agentId }, { d => d.Actor, actor } };
        await dialogs.DispatchAsync(() => service.ShowAsync<EditAgentDialog>("Edit", parameters));
        if (waitForForm) dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=edit-skills]")), Patience);
    }
}
