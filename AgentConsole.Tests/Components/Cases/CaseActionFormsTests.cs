using System.Text.Json;
using AgentConsole.Components.Pages.Cases;
using AgentConsole.Components.Shared;
using AgentConsole.Core.Cases;
using Conversation = AgentConsole.Core.Conversations.Conversation;
using Customer = AgentConsole.Core.Conversations.Customer;
using MessageAuthor = AgentConsole.Core.Conversations.MessageAuthor;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentConsole.Tests.Components.Cases;

/// <summary>
/// The case view's action forms (transfer, engineering, the resolve form's category picker, the
/// offer's decline form) and its side panels (page context, escalation reasons, routing
/// explanation), rendered for the agent who holds the case, against a real engine and store.
/// </summary>
public sealed class CaseActionFormsTests : LiveEngineTestBase
{
    private const string Queue = "http://localhost/queue";

    private string Uri => Services.GetRequiredService<NavigationManager>().Uri;

    /// <summary>Renders the case for <paramref name="agent"/> while it is still offered to them.</summary>
    private async Task<(IRenderedComponent<CaseView> Cut, RichCase Case)> OfferedCaseViewAsync(Agent agent)
    {
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        SignInAs(agent);
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, @case.Id));
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=offer-response]")));
        return (cut, @case);
    }

    private static async Task ChooseTransferTargetAsync(IRenderedComponent<CaseView> cut, string label) =>
        await cut.FindAll("[data-testid=transfer-form] label").Single(l => l.TextContent.Trim() == label)
            .QuerySelector("input[type=radio]")!.ClickAsync(new());

    private async Task<CaseState?> EngineCaseAsync(long caseId) => (await Harness.Engine.SnapshotAsync()).Cases.SingleOrDefault(c => c.Id == caseId);

    private async Task<int> LoadOfAsync(Agent agent) => (await Harness.Engine.SnapshotAsync()).Agents.Single(a => a.Id == agent.Id).Load;

    // ----- Transfer -----

    [Fact]
    public async Task TransferringToASkillSendsTheCaseThroughRoutingToAnAgentWithThatSkill()
    {
        // Arrange: Omar, on Support, knows only Technical, so the Billing case first went to Priya.
        var (_, priya) = await BillingTeamAsync();
        var support = await Harness.TeamAsync("Support");
        var omar = await Harness.AgentAsync("Omar Haddad", support, skills: (Skill.Technical, 4));
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        await cut.Find("[data-testid=open-transfer]").ClickAsync(new());

        // Act
        await cut.DispatchAsync(() => cut.FindComponent<MudSelect<Skill>>().Instance.ValueChanged.InvokeAsync(Skill.Technical));
        await cut.Find("[data-testid=transfer-note]").InputAsync(new ChangeEventArgs { Value = "  The failing part is their API integration  " });
        await cut.Find("[data-testid=confirm-transfer]").ClickAsync(new());

        // Assert
        Assert.Equal(Queue, Uri);
        await Harness.Engine.FlushAsync();
        var stored = await Harness.CaseAsync(@case.Id);
        Assert.Equal((CaseStatus.Offered, Skill.Technical, (Guid?)omar.Id), (stored.Status, stored.RequiredSkill, stored.OfferedAgentId));
        Assert.Equal("The failing part is their API integration", Assert.Single(await LogAsync(@case.Id, CaseEventType.Transferred)).Comment);
        var moved = Assert.Single(Harness.EventsOf<CaseReassigned>());
        Assert.Equal((priya.Id, (Guid?)null, CaseEventReason.Transferred, Skill.Technical, "The failing part is their API integration"),
            (moved.FromAgentId!.Value, moved.ToAgentId, moved.Reason, moved.Case.RequiredSkill, moved.Note));
        Assert.Equal(0, await LoadOfAsync(priya));
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Severity == Severity.Success && s.Message == $"Case #{@case.Id} transferred.");
    }

    [Fact]
    public async Task TransferringToATeamRestrictsTheCaseToThatTeamsAgents()
    {
        // Arrange: Ben, on Accounts, can do Billing but was away when the case came in.
        var (_, priya) = await BillingTeamAsync();
        var accounts = await Harness.TeamAsync("Accounts");
        var ben = await Harness.AgentAsync("Ben Ortiz", accounts, presence: Presence.Away, skills: (Skill.Billing, 2));
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        await Harness.Engine.SetPresenceAsync(ben.Id, Presence.Available, ActorOf(ben));
        await cut.Find("[data-testid=open-transfer]").ClickAsync(new());

        // Act
        await ChooseTransferTargetAsync(cut, "A team");
        await cut.DispatchAsync(() => cut.FindComponent<MudSelect<Guid?>>().Instance.ValueChanged.InvokeAsync(accounts.Id));
        await cut.Find("[data-testid=confirm-transfer]").ClickAsync(new());

        // Assert
        Assert.Equal(Queue, Uri);
        await Harness.Engine.FlushAsync();
        var stored = await Harness.CaseAsync(@case.Id);
        Assert.Equal((CaseStatus.Offered, (Guid?)accounts.Id, (Guid?)ben.Id), (stored.Status, stored.TeamId, stored.OfferedAgentId));
        Assert.Equal(accounts.Id, (await EngineCaseAsync(@case.Id))!.TeamId);
        var moved = Assert.Single(Harness.EventsOf<CaseReassigned>());
        Assert.Equal((priya.Id, (Guid?)null, CaseEventReason.Transferred, (Guid?)accounts.Id, (string?)null),
            (moved.FromAgentId!.Value, moved.ToAgentId, moved.Reason, moved.Case.TeamId, moved.Note));
        Assert.Contains(Harness.EventsOf<CaseOffered>(), e => e.Case.CaseId == @case.Id && e.AgentId == ben.Id);
    }

    [Fact]
    public async Task TransferringToAnAgentAssignsTheCaseToThemDirectly()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var support = await Harness.TeamAsync("Support");
        var omar = await Harness.AgentAsync("Omar Haddad", support, skills: (Skill.Technical, 4));
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        await cut.Find("[data-testid=open-transfer]").ClickAsync(new());

        // Act
        await ChooseTransferTargetAsync(cut, "An agent");
        await cut.DispatchAsync(() => cut.FindComponent<MudSelect<Guid?>>().Instance.ValueChanged.InvokeAsync(omar.Id));
        await cut.Find("[data-testid=transfer-note]").InputAsync(new ChangeEventArgs { Value = "Omar knows this customer" });
        await cut.Find("[data-testid=confirm-transfer]").ClickAsync(new());

        // Assert
        Assert.Equal(Queue, Uri);
        await Harness.Engine.FlushAsync();
        var stored = await Harness.CaseAsync(@case.Id);
        Assert.Equal((CaseStatus.Assigned, (Guid?)omar.Id), (stored.Status, stored.AssignedAgentId));
        Assert.Equal("Omar knows this customer", Assert.Single(await LogAsync(@case.Id, CaseEventType.Transferred)).Comment);
        var moved = Assert.Single(Harness.EventsOf<CaseReassigned>());
        Assert.Equal((priya.Id, (Guid?)omar.Id, CaseEventReason.Transferred, "Omar knows this customer"), (moved.FromAgentId!.Value, moved.ToAgentId, moved.Reason, moved.Note));
        var held = (await EngineCaseAsync(@case.Id))!;
        Assert.Equal((CaseStatus.Assigned, (Guid?)omar.Id), (held.Status, held.Holder));
        Assert.Equal((0, 1), (await LoadOfAsync(priya), await LoadOfAsync(omar)));
    }

    [Theory]
    [InlineData("A team")]
    [InlineData("An agent")]
    public async Task ATransferWithNoDestinationChosenIsRefusedAndStoresNothing(string target)
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var support = await Harness.TeamAsync("Support");
        await Harness.AgentAsync("Omar Haddad", support, skills: (Skill.Technical, 4));
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        await cut.Find("[data-testid=open-transfer]").ClickAsync(new());
        await ChooseTransferTargetAsync(cut, target);

        // Act
        await cut.Find("[data-testid=transfer-note]").InputAsync(new ChangeEventArgs { Value = "Not mine" });
        await cut.Find("[data-testid=confirm-transfer]").ClickAsync(new());
        await Harness.Engine.FlushAsync();

        // Assert
        Assert.True(cut.Find("[data-testid=confirm-transfer]").HasAttribute("disabled"));
        Assert.Empty(await LogAsync(@case.Id, CaseEventType.Transferred));
        Assert.Empty(Harness.EventsOf<CaseReassigned>());
        var stored = await Harness.CaseAsync(@case.Id);
        Assert.Equal((CaseStatus.Assigned, (Guid?)priya.Id), (stored.Status, stored.AssignedAgentId));
        Assert.NotEqual(Queue, Uri);
    }

    [Fact]
    public async Task ATransferTheEngineRefusesSaysWhyAndLeavesTheCaseWithTheAgent()
    {
        // Arrange: Omar has no room, and an agent may not assign above capacity.
        var (_, priya) = await BillingTeamAsync();
        var support = await Harness.TeamAsync("Support");
        var omar = await Harness.AgentAsync("Omar Haddad", support, capacity: 0, skills: (Skill.Technical, 4));
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        await cut.Find("[data-testid=open-transfer]").ClickAsync(new());
        await ChooseTransferTargetAsync(cut, "An agent");
        await cut.DispatchAsync(() => cut.FindComponent<MudSelect<Guid?>>().Instance.ValueChanged.InvokeAsync(omar.Id));

        // Act
        await cut.Find("[data-testid=confirm-transfer]").ClickAsync(new());

        // Assert
        var warning = Assert.Single(Snackbar.ShownSnackbars, s => s.Severity == Severity.Warning);
        Assert.Contains("Omar Haddad", warning.Message);
        Assert.Empty(cut.FindComponents<MudCheckBox<bool>>());
        var stored = await Harness.CaseAsync(@case.Id);
        Assert.Equal((CaseStatus.Assigned, (Guid?)priya.Id), (stored.Status, stored.AssignedAgentId));
        Assert.Empty(await LogAsync(@case.Id, CaseEventType.Transferred));
        Assert.NotEqual(Queue, Uri);
        Assert.False(cut.Find("[data-testid=confirm-transfer]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task ADoubleClickOnTransferTransfersOnce()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var support = await Harness.TeamAsync("Support");
        await Harness.AgentAsync("Omar Haddad", support, skills: (Skill.Technical, 4));
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        await cut.Find("[data-testid=open-transfer]").ClickAsync(new());
        await cut.DispatchAsync(() => cut.FindComponent<MudSelect<Skill>>().Instance.ValueChanged.InvokeAsync(Skill.Technical));

        // Act: two clicks in the same turn of the dispatcher, before the engine has answered the first.
        await cut.DispatchAsync(() =>
        {
            var first = cut.Find("[data-testid=confirm-transfer]").ClickAsync(new());
            var second = cut.Find("[data-testid=confirm-transfer]").ClickAsync(new());
            return Task.WhenAll(first, second);
        });

        // Assert
        await Harness.Engine.FlushAsync();
        Assert.Single(await LogAsync(@case.Id, CaseEventType.Transferred));
        Assert.Single(Harness.EventsOf<CaseReassigned>());
        Assert.DoesNotContain(Snackbar.ShownSnackbars, s => s.Severity == Severity.Warning);
        Assert.Equal(Queue, Uri);
    }

    // ----- Engineering -----

    [Fact]
    public async Task TheBugReportStartsWithATitleFromTheCustomersFirstMessageAndNoSteps()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, _) = await AcceptedCaseViewAsync(priya);

        // Act
        await cut.Find("[data-testid=open-engineering]").ClickAsync(new());

        // Assert
        Assert.Equal("Billing: I was charged twice for March on my invoice", cut.Find("[data-testid=bug-title]").GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(cut.Find("[data-testid=bug-steps]").GetAttribute("value")));
        Assert.True(cut.Find("[data-testid=confirm-engineering]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task TheBugReportTitleComesFromTheSuspectedDefectOnOneShortLine()
    {
        // Arrange: the defect is the second reason; its evidence spans two lines and is long.
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var caseId = await OpenDefectCaseAsync(
            "The Download PDF button on the invoice page\nreturns HTTP 500 every time the customer tries to save the March invoice for the finance team");
        await AcceptAsync(caseId, priya);
        SignInAs(priya);
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, caseId));
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=open-engineering]")));

        // Act
        await cut.Find("[data-testid=open-engineering]").ClickAsync(new());

        // Assert
        Assert.Equal("Billing: The Download PDF button on the invoice page returns HTTP 500 every time the customer tries to save the March...",
            cut.Find("[data-testid=bug-title]").GetAttribute("value"));
    }

    [Fact]
    public async Task ABugReportWithoutATitleOrWithoutAStepIsRefusedAndStoresNothing()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        await cut.Find("[data-testid=open-engineering]").ClickAsync(new());

        // Act 1: steps, but the title cleared.
        await cut.Find("[data-testid=bug-steps]").InputAsync(new ChangeEventArgs { Value = "Open the invoice" });
        await cut.Find("[data-testid=bug-title]").InputAsync(new ChangeEventArgs { Value = "   " });
        await cut.Find("[data-testid=confirm-engineering]").ClickAsync(new());

        // Assert 1
        Assert.True(cut.Find("[data-testid=confirm-engineering]").HasAttribute("disabled"));

        // Act 2: a title, but only blank lines for steps.
        await cut.Find("[data-testid=bug-title]").InputAsync(new ChangeEventArgs { Value = "Invoice PDF fails" });
        await cut.Find("[data-testid=bug-steps]").InputAsync(new ChangeEventArgs { Value = "\n   \n" });
        await cut.Find("[data-testid=confirm-engineering]").ClickAsync(new());
        await Harness.Engine.FlushAsync();

        // Assert 2
        Assert.True(cut.Find("[data-testid=confirm-engineering]").HasAttribute("disabled"));
        var stored = await Harness.CaseAsync(@case.Id);
        Assert.Equal((AgentTier.Specialist, (string?)null, CaseStatus.Assigned, (Guid?)priya.Id), (stored.Tier, stored.BugReport, stored.Status, stored.AssignedAgentId));
        Assert.Empty(await LogAsync(@case.Id, CaseEventType.ToEngineering));
        Assert.NotEqual(Queue, Uri);
    }

    [Fact]
    public async Task EscalatingToEngineeringStoresTheBugReportAndTakesTheAgentBackToTheQueue()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        await cut.Find("[data-testid=open-engineering]").ClickAsync(new());

        // Act
        await cut.Find("[data-testid=bug-title]").InputAsync(new ChangeEventArgs { Value = "  Invoice charged twice after a plan change  " });
        await cut.Find("[data-testid=bug-steps]").InputAsync(new ChangeEventArgs { Value = "Change the plan mid-month\n\n  Open Billing > Invoices  " });
        await cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Expected").Find("input").ChangeAsync(new ChangeEventArgs { Value = "One charge" });
        await cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Actual").Find("input").ChangeAsync(new ChangeEventArgs { Value = "Two charges" });
        await cut.Find("[data-testid=confirm-engineering]").ClickAsync(new());

        // Assert
        Assert.Equal(Queue, Uri);
        await Harness.Engine.FlushAsync();
        var stored = await Harness.CaseAsync(@case.Id);
        Assert.Equal((AgentTier.Engineering, CaseStatus.Queued, (Guid?)null), (stored.Tier, stored.Status, stored.TeamId));
        var report = BugReport.FromJson(stored.BugReport)!;
        Assert.Equal(("Invoice charged twice after a plan change", "One charge", "Two charges", "Priya Raman"), (report.Title, report.Expected, report.Actual, report.ReportedBy));
        Assert.Equal(["Change the plan mid-month", "Open Billing > Invoices"], report.StepsToReproduce);
        Assert.Equal(("https://app.example.com/billing/invoices", "Invoices", "Enterprise Annual"), (report.Environment.PageUrl, report.Environment.PageTitle, report.Environment.Plan));
        Assert.Equal(("Enterprise", 50_000m), (report.Impact.CustomerTier, report.Impact.AnnualContractValue));
        Assert.Equal(3, report.TranscriptExcerpt.Count);
        Assert.Single(await LogAsync(@case.Id, CaseEventType.ToEngineering));
        var moved = Assert.Single(Harness.EventsOf<CaseReassigned>());
        Assert.Equal((priya.Id, CaseEventReason.ToEngineering, "Invoice charged twice after a plan change"), (moved.FromAgentId!.Value, moved.Reason, moved.Note));
        Assert.Equal(AgentTier.Engineering, (await EngineCaseAsync(@case.Id))!.Card.Tier);
        Assert.Equal(0, await LoadOfAsync(priya));
    }

    // ----- Resolve: the category picker -----

    [Fact]
    public async Task TheCategoryPickerSaysWhatTheBotChoseAndNamesACorrection()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, _) = await AcceptedCaseViewAsync(priya);
        await cut.Find("[data-testid=open-resolve]").ClickAsync(new());
        Assert.Contains("The bot classified it as Billing (82%)", cut.Find("[data-testid=resolve-form]").TextContent);
        Assert.Equal("Resolve", cut.Find("[data-testid=confirm-resolve]").TextContent.Trim());

        // Act
        await cut.DispatchAsync(() => cut.FindComponent<MudSelect<IssueCategory>>().Instance.ValueChanged.InvokeAsync(IssueCategory.AccountAccess));

        // Assert
        Assert.Contains("Corrected from Billing.", cut.Find("[data-testid=resolve-form]").TextContent);
        Assert.DoesNotContain("The bot classified it", cut.Find("[data-testid=resolve-form]").TextContent);
        Assert.Equal("Resolve as Account access", cut.Find("[data-testid=confirm-resolve]").TextContent.Trim());
    }

    [Fact]
    public async Task ResolvingWithoutTouchingThePickerConfirmsTheBotsCategory()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, @case) = await AcceptedCaseViewAsync(priya);
        await cut.Find("[data-testid=open-resolve]").ClickAsync(new());

        // Act
        await cut.Find("[data-testid=resolve-note]").InputAsync(new ChangeEventArgs { Value = "Refunded the duplicate charge" });
        await cut.Find("[data-testid=confirm-resolve]").ClickAsync(new());

        // Assert
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=resolved]")));
        Assert.DoesNotContain("corrected", cut.Find("[data-testid=resolved]").TextContent);
        var stored = await Harness.CaseAsync(@case.Id);
        Assert.Equal((CaseStatus.Resolved, (IssueCategory?)IssueCategory.Billing), (stored.Status, stored.ResolvedCategory));
    }

    // ----- Side panels -----

    [Fact]
    public async Task PageContextShowsTheLatestPageTheCustomerViewedAndTheOnesBefore()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();

        // Act
        var (cut, _) = await AcceptedCaseViewAsync(priya);

        // Assert: the case opened at 09:00; the customer viewed Account at 08:51, then Invoices at 08:53.
        Assert.Equal("Invoices", cut.Find("[data-testid=page-context] .current .title").TextContent);
        Assert.Equal("https://app.example.com/billing/invoices", cut.Find("[data-testid=page-context] .current [data-testid=page-url]").TextContent);
        Assert.Equal("Viewed 08:53:00 UTC", cut.Find("[data-testid=page-context] .current .when").TextContent);
        Assert.Contains("1 earlier page", cut.Find("[data-testid=page-context] [data-testid='open-page.history']").TextContent);
        Assert.Equal("Account 08:51:00 UTC", Assert.Single(cut.FindAll("[data-testid=page-context] li")).TextContent.Trim());
    }

    [Fact]
    public async Task PageContextSaysSoWhenTheBotReportedNoPage()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var caseId = await Harness.OpenCaseAsync();
        SignInAs(priya);

        // Act
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, caseId));

        // Assert
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid=page-context]")));
        Assert.Contains("did not report which page", cut.Find("[data-testid=page-context]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=page-url]"));
    }

    [Fact]
    public async Task EscalationReasonsShowEachReasonWithItsTriggerEvidenceAndMessage()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();

        // Act
        var (cut, @case) = await AcceptedCaseViewAsync(priya);

        // Assert
        var reasons = cut.FindAll("[data-testid=reason]").Select(r => (
            r.QuerySelector(".category")!.TextContent, r.QuerySelector(".trigger")!.TextContent, r.QuerySelector(".evidence")!.TextContent,
            r.QuerySelector("a.jump")?.GetAttribute("href"))).ToList();
        Assert.Equal(
            [("Asked for a human", "explicit-request", "let me talk to a human", $"cases/{@case.Id}#msg-{@case.TriggerMessageId}"),
             ("Customer value", "enterprise", "Enterprise, $50,000 a year", null)],
            reasons);
        Assert.Equal("Sentiment -0.60, worsening", cut.Find("[data-testid=escalation-reasons] .mood").TextContent.Trim());
    }

    [Fact]
    public async Task RoutingExplanationShowsEveryStepTheWinnersTermsAndWhoWasDroppedByWhat()
    {
        // Arrange: Omar could take Billing but is away.
        var (team, priya) = await BillingTeamAsync();
        await Harness.AgentAsync("Omar Haddad", team, presence: Presence.Away, skills: (Skill.Billing, 5));

        // Act
        var (cut, @case) = await AcceptedCaseViewAsync(priya);

        // Assert: what the panel shows is the explanation the engine stored on the case.
        var explanation = JsonSerializer.Deserialize<RoutingExplanation>((await Harness.CaseAsync(@case.Id)).RoutingExplanation!,
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(RoutingStep.Specialist, explanation.DecidedBy);
        var steps = cut.FindAll("[data-testid=routing-step]").Select(e => (e.QuerySelector(".step-name")!.TextContent, e.QuerySelector(".step-result")!.TextContent,
            Skipped: e.ClassList.Contains("skipped"), Open: e.HasAttribute("open"))).ToList();
        Assert.Equal(explanation.Steps.Select(s => (Labels.Of(s.Step), s.Ran ? s.Result : "skipped", !s.Ran, s.Step == RoutingStep.Specialist)), steps);
        Assert.Contains(explanation.Summary, cut.Find("[data-testid=routing-explanation] .summary").TextContent);
        Assert.Contains("Priya Raman scored", cut.Find("[data-testid=routing-explanation]").TextContent);
        Assert.NotEmpty(explanation.Terms);
        Assert.Equal(explanation.Terms.Select(t => t.Name), cut.FindAll("[data-testid=winner-terms] th").Select(th => th.TextContent));
        var candidates = cut.FindAll("[data-testid=routing-step][open] [data-testid=candidate]")
            .Select(c => (c.QuerySelector(".agent")!.TextContent, c.ClassName, c.QuerySelector("[data-testid=dropped-by]")?.TextContent)).ToList();
        Assert.Contains(("Priya Raman", "chosen", (string?)null), candidates);
        Assert.Contains(("Omar Haddad", "dropped", "dropped by presence"), candidates);
    }

    // ----- The offer's decline form -----

    [Fact]
    public async Task CancellingADeclineClosesTheFormAndKeepsTheOffer()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, @case) = await OfferedCaseViewAsync(priya);
        await cut.Find("[data-testid=decline]").ClickAsync(new());
        await cut.Find("[data-testid=decline-reason]").InputAsync(new ChangeEventArgs { Value = "About to go off shift" });

        // Act
        await cut.Find("[data-testid=cancel-decline]").ClickAsync(new());

        // Assert
        Assert.Empty(cut.FindAll("[data-testid=decline-form]"));
        Assert.NotNull(cut.Find("[data-testid=accept]"));
        await Harness.Engine.FlushAsync();
        Assert.Empty(await LogAsync(@case.Id, CaseEventType.Declined));
        Assert.Empty(Harness.EventsOf<OfferWithdrawn>());
        var stored = await Harness.CaseAsync(@case.Id);
        Assert.Equal((CaseStatus.Offered, (Guid?)priya.Id), (stored.Status, stored.OfferedAgentId));
        Assert.NotEqual(Queue, Uri);
        // Opened again, the form starts without the abandoned reason.
        await cut.Find("[data-testid=decline]").ClickAsync(new());
        Assert.True(string.IsNullOrEmpty(cut.Find("[data-testid=decline-reason]").GetAttribute("value")));
    }

    [Fact]
    public async Task ADeclineWithABlankReasonIsRefused()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, @case) = await OfferedCaseViewAsync(priya);
        await cut.Find("[data-testid=decline]").ClickAsync(new());

        // Act
        await cut.Find("[data-testid=decline-reason]").InputAsync(new ChangeEventArgs { Value = "   " });
        await cut.Find("[data-testid=confirm-decline]").ClickAsync(new());
        await Harness.Engine.FlushAsync();

        // Assert
        Assert.True(cut.Find("[data-testid=confirm-decline]").HasAttribute("disabled"));
        Assert.NotNull(cut.Find("[data-testid=decline-form]"));
        Assert.Empty(await LogAsync(@case.Id, CaseEventType.Declined));
        var stored = await Harness.CaseAsync(@case.Id);
        Assert.Equal((CaseStatus.Offered, (Guid?)priya.Id), (stored.Status, stored.OfferedAgentId));
        Assert.NotEqual(Queue, Uri);
    }

    [Fact]
    public async Task DecliningWithAReasonFromTheCaseViewTakesTheAgentBackToTheQueue()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, @case) = await OfferedCaseViewAsync(priya);
        await cut.Find("[data-testid=decline]").ClickAsync(new());

        // Act
        await cut.Find("[data-testid=decline-reason]").InputAsync(new ChangeEventArgs { Value = "  Not my area  " });
        await cut.Find("[data-testid=confirm-decline]").ClickAsync(new());

        // Assert
        Assert.Equal(Queue, Uri);
        Assert.Equal("Not my area", Assert.Single(await LogAsync(@case.Id, CaseEventType.Declined)).Comment);
        var stored = await Harness.CaseAsync(@case.Id);
        Assert.Equal(CaseStatus.Queued, stored.Status);
        Assert.Contains(priya.Id, stored.ExcludedAgentIds);
    }

    /// <summary>
    /// Opens a Billing case whose reasons are a request for a human and then a suspected defect with
    /// <paramref name="evidence"/>, and has the engine route it.
    /// </summary>
    private async Task<long> OpenDefectCaseAsync(string evidence)
    {
        var now = Harness.Now;
        await using var db = await Harness.DbFactory.CreateDbContextAsync();
        var conversation = new Conversation(Harness.Integration, $"conv-{Guid.NewGuid():N}", "web", now.AddMinutes(-5));
        conversation.AttachCustomer(new Customer($"cust-{Guid.NewGuid():N}", now));
        db.Conversations.Add(conversation);
        db.Messages.Add(conversation.AddMessage(MessageAuthor.Customer, "Hi, my invoice will not download", now.AddMinutes(-5), "m-1"));
        var decision = EscalationDecision.Escalated(
            [new EscalationReason(ReasonCategory.CustomerRequest, "explicit-request", "talk to a person"),
             new EscalationReason(ReasonCategory.ProductDefect, "error-report", evidence)],
            IssueCategory.Billing, 0.9, CasePriority.Normal, Skill.Billing, AgentTier.Specialist, -0.2, SentimentTrend.Steady);
        var @case = new Case(conversation, decision, "briefing", now);
        @case.Queue(now);
        db.Cases.Add(@case);
        await db.SaveChangesAsync();
        await Harness.Engine.RouteNewCaseAsync(@case.Id);
        return @case.Id;
    }
}
