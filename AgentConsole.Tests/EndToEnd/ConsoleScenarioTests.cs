using System.Text.RegularExpressions;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AgentConsole.Tests.EndToEnd;

/// <summary>The console's main scenarios, in a real Chromium against the real app: an agent works an escalation, a lead reassigns live, an agent is kept out of another's case.</summary>
public sealed class ConsoleScenarioTests : BrowserTestBase
{
    [Fact]
    public async Task AnAgentSeesAnEscalationArriveAcceptsItRepliesAndResolvesIt()
    {
        // Arrange: Priya is the only billing agent free, so the escalation comes to her.
        var page = await PriyasQueueWithMarcusOfflineAsync();

        // Act: the bot posts an escalating message; the offer appears without a reload.
        var caseId = await PostEscalationAsync("e2e-invoice");
        var routed = (await Engine.SnapshotAsync()).Cases.Single(c => c.Id == caseId);
        Assert.True(routed.Holder == await AgentIdAsync(Priya), $"{routed.Status} {routed.Card.Category} {routed.Card.Priority} {routed.Card.Tier} {routed.Card.RoutingSummary}");
        var offer = page.Locator($"[data-testid=offer][data-case-id='{caseId}']");
        await Assertions.Expect(offer).ToBeVisibleAsync();
        await ScreenshotAsync(page, "queue");
        await offer.GetByTestId("accept").ClickAsync();
        var assigned = page.Locator($"[data-testid=assigned-case][data-case-id='{caseId}']");
        await Assertions.Expect(assigned).ToBeVisibleAsync();
        await assigned.ClickAsync();

        // Assert: the case view has the briefing, the transcript and the customer.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/cases/{caseId}$"));
        await Assertions.Expect(page.GetByTestId("briefing")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("The amount on my invoice is wrong").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("customer-panel")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "case-view");

        await Field(page, "reply-text").FillAsync("Hi, I'm looking at your invoice now.");
        await page.GetByTestId("send-reply").ClickAsync();
        await Assertions.Expect(page.GetByText("I'm looking at your invoice now.").First).ToBeVisibleAsync();

        await page.GetByTestId("open-resolve").ClickAsync();
        await Field(page, "resolve-note").FillAsync("Corrected the invoice amount.");
        await page.GetByTestId("confirm-resolve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("resolved")).ToBeVisibleAsync();

        await using var db = Factory.CreateDbContext();
        var stored = await db.Cases.SingleAsync(c => c.Id == caseId);
        Assert.Equal(AgentConsole.Core.Cases.CaseStatus.Resolved, stored.Status);
        Assert.NotNull(stored.FirstRepliedAt);
    }

    [Fact]
    public async Task AnAgentResolvesUnderTheCategoryTheyPickFromTheList()
    {
        // Arrange: Priya holds an escalation about an invoice and opens the resolve form.
        var priyaId = await AgentIdAsync(Priya);
        await Engine.SetPresenceAsync(await AgentIdAsync(Marcus), Presence.Offline, RoutingActor.ForSupervisor());
        var caseId = await PostEscalationAsync("e2e-recategorise");
        await Engine.AcceptOfferAsync(caseId, RoutingActor.ForAgent(priyaId, await TeamIdAsync(priyaId), "Priya Raman"));
        var page = await NewPageAsync();
        await SignInAsync(page, Priya, DemoUsers.AgentPassword);
        await OpenAsync(page, $"/cases/{caseId}");
        await ClickToOpenAsync(page.GetByTestId("open-resolve"), page.GetByTestId("resolve-form"));
        await Field(page, "resolve-note").FillAsync("It was a question about how the product works.");

        // Act: open the category's list (a MudBlazor popover, on the case page's own provider) and pick another.
        await page.GetByTestId("resolve-form").Locator(".mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Product question" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-resolve")).ToHaveTextAsync("Resolve as Product question");
        await page.GetByTestId("confirm-resolve").ClickAsync();

        // Assert
        await Assertions.Expect(page.GetByTestId("resolved")).ToBeVisibleAsync();
        await using var db = Factory.CreateDbContext();
        Assert.Equal(AgentConsole.Core.Triggers.IssueCategory.ProductQuestion, (await db.Cases.SingleAsync(c => c.Id == caseId)).ResolvedCategory);
    }

    [Fact]
    public async Task ALeadPicksAnAgentsTierFromTheListInTheEditDialog()
    {
        // Arrange: Marcus, Priya's lead, opens her edit dialog on the team board.
        var priyaId = await AgentIdAsync(Priya);
        var page = await NewPageAsync();
        await SignInAsync(page, Marcus, DemoUsers.LeadPassword);
        await OpenAsync(page, "/team");
        await ClickToOpenAsync(page.GetByTestId($"edit-{priyaId}"), page.GetByTestId("edit-skills"));
        var dialog = page.GetByTestId("edit-agent-dialog");

        // Act: the tier's list opens over the dialog (both on the board's own providers); pick Senior and save.
        await dialog.Locator(".mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex("^Senior$") }).ClickAsync();
        // The pick reaches the dialog through the circuit: save once the select shows it.
        await Assertions.Expect(dialog.Locator(".mud-select input").First).ToHaveValueAsync("Senior");
        await page.GetByTestId("edit-save").ClickAsync();

        // Assert
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await using var db = Factory.CreateDbContext();
        Assert.Equal(AgentTier.Senior, (await db.Agents.SingleAsync(a => a.Id == priyaId)).Tier);
    }

    [Fact]
    public async Task ALeadReassignsACaseAndTheAgentsScreenUpdatesLive()
    {
        // Arrange: Priya holds a case and watches her queue.
        var priyaId = await AgentIdAsync(Priya);
        var marcusId = await AgentIdAsync(Marcus);
        await Engine.SetPresenceAsync(marcusId, Presence.Offline, RoutingActor.ForSupervisor());
        var caseId = await PostEscalationAsync("e2e-reassign");
        await Engine.AcceptOfferAsync(caseId, RoutingActor.ForAgent(priyaId, await TeamIdAsync(priyaId), "Priya Raman"));
        var agentPage = await NewPageAsync();
        await SignInAsync(agentPage, Priya, DemoUsers.AgentPassword);
        await OpenAsync(agentPage, "/queue");
        var assigned = agentPage.Locator($"[data-testid=assigned-case][data-case-id='{caseId}']");
        await Assertions.Expect(assigned).ToBeVisibleAsync();

        // Act: Marcus, the Billing lead, in his own browser context, gives the case to himself.
        var leadPage = await NewPageAsync();
        await SignInAsync(leadPage, Marcus, DemoUsers.LeadPassword);
        await OpenAsync(leadPage, "/team");
        await Assertions.Expect(leadPage.GetByTestId($"case-row-{caseId}")).ToBeVisibleAsync();
        await ClickToOpenAsync(leadPage.GetByTestId($"reassign-{caseId}"), leadPage.GetByTestId("reassign-dialog"));
        await leadPage.GetByTestId($"target-{marcusId}").ClickAsync();
        await Field(leadPage, "reassign-note").FillAsync("Taking this one, the customer is mine.");
        await leadPage.GetByTestId("reassign-submit").ClickAsync();

        // Assert: Priya's screen drops the case without a reload.
        await Assertions.Expect(assigned).ToHaveCountAsync(0);
        await Assertions.Expect(leadPage.GetByTestId($"status-{caseId}")).ToContainTextAsync("Marcus Okafor");
        await Assertions.Expect(leadPage.GetByTestId("team-agents")).ToBeVisibleAsync();
        await ScreenshotAsync(leadPage, "team-board");
        await using var db = Factory.CreateDbContext();
        Assert.Equal(marcusId, (await db.Cases.SingleAsync(c => c.Id == caseId)).AssignedAgentId);

        var supervisor = await NewPageAsync();
        await SignInAsync(supervisor, DemoUsers.SupervisorEmail, DemoUsers.SupervisorPassword);
        await OpenAsync(supervisor, "/dashboard");
        await Assertions.Expect(supervisor.GetByTestId("dashboard-figures")).ToBeVisibleAsync();
        // The interactive render reloads the figures after the prerendered page: wait for the charts.
        await Assertions.Expect(supervisor.GetByTestId("queue-depth-chart")).ToBeVisibleAsync();
        await ScreenshotAsync(supervisor, "dashboard");
    }

    [Fact]
    public async Task AnAgentCannotOpenAnotherAgentsCase()
    {
        // The demo's cancellation case is Marcus's.
        long marcusCase;
        await using (var db = Factory.CreateDbContext())
            marcusCase = (await db.Cases.SingleAsync(c => c.Conversation!.ExternalId == "demo-conv-1003")).Id;
        var page = await NewPageAsync();
        await SignInAsync(page, Priya, DemoUsers.AgentPassword);

        await OpenAsync(page, $"/cases/{marcusCase}");

        await Assertions.Expect(page.GetByTestId("forbidden")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("briefing")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Sarah Chen")).ToHaveCountAsync(0);
    }
}
