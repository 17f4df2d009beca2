using System.Text.RegularExpressions;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AgentConsole.Tests.EndToEnd;

/// <summary>
/// The historical dashboard in real Chromium over three weeks of desk history: the supervisor sees
/// the figures, the funnel and the heat map, follows a heat-map cell to the cases behind it and on to
/// one case. Saves history.png and history-drill-down.png.
/// </summary>
public sealed class HistoryBrowserTests : BrowserTestBase
{
    private static readonly (ReasonCategory Reason, IssueCategory Category, string Page, string Product)[] Kinds =
    [
        (ReasonCategory.Sentiment, IssueCategory.Billing, "https://app.northwind.example/settings/billing/invoices", "Payments"),
        (ReasonCategory.CustomerRequest, IssueCategory.Billing, "https://app.northwind.example/settings/plan", "Payments"),
        (ReasonCategory.ProductDefect, IssueCategory.Technical, "https://app.northwind.example/developers/webhooks", "REST API"),
        (ReasonCategory.SecurityCompliance, IssueCategory.Security, "https://app.northwind.example/settings/security", "SSO"),
        (ReasonCategory.AutomationUncertainty, IssueCategory.ProductQuestion, "https://app.northwind.example/reports", "Analytics Suite"),
        (ReasonCategory.Sentiment, IssueCategory.Billing, "https://app.northwind.example/settings/billing/invoices", "Payments"),
    ];

    [Fact]
    public async Task ASupervisorReadsTheHistoryAndDrillsFromAHeatMapCellToACase()
    {
        // Arrange: 30 conversations over the last 21 days; two in three escalated, for the kinds above in turn.
        var escalatedSentimentBilling = await SeedHistoryAsync();
        var page = await NewPageAsync();
        await SignInAsync(page, DemoUsers.SupervisorEmail, DemoUsers.SupervisorPassword);

        // Act
        await OpenAsync(page, "/dashboard/history");

        // Assert: the figures, the funnel and the heat map are there.
        await Assertions.Expect(page.GetByTestId("escalation-funnel")).ToBeVisibleAsync();
        // The demo's own history is there too: at least what this test wrote.
        var escalated = page.Locator("[data-testid=funnel-stage][data-stage=escalated] .count");
        await Assertions.Expect(escalated).ToHaveTextAsync(new Regex(@"^\d+"));
        Assert.True(int.Parse(Regex.Match((await escalated.TextContentAsync())!, @"\d+").Value) >= 20);
        var cell = page.Locator("[data-testid=heatmap-cell][data-reason=Sentiment][data-category=Billing]");
        await Assertions.Expect(cell.Locator("a")).ToBeVisibleAsync();
        var behind = int.Parse((await cell.GetAttributeAsync("data-count"))!);
        Assert.True(behind >= escalatedSentimentBilling, $"{behind} Sentiment x Billing cases shown, {escalatedSentimentBilling} written");
        await Assertions.Expect(page.GetByTestId("reason-table")).ToContainTextAsync("Sentiment");
        await ScreenshotAsync(page, "history");

        // Act: the cell's link lists the cases behind it.
        await cell.Locator("a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/dashboard/history/cases\?.*reason=Sentiment.*of=Billing"));
        var rows = page.Locator("[data-testid=drill-down-table] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(behind);
        await ScreenshotAsync(page, "history-drill-down");

        // Act: and a case's link opens the case.
        var first = page.Locator("[data-testid=drill-down-table] a[data-testid=case-link]").First;
        var id = (await first.TextContentAsync())!.Trim().TrimStart('#');
        await first.ClickAsync();

        // Assert
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/cases/{id}$"));
        await Assertions.Expect(page.GetByTestId("briefing")).ToBeVisibleAsync();
    }

    /// <summary>Writes the history as ingestion and routing would have left it; returns how many cases are Sentiment × Billing.</summary>
    private async Task<int> SeedHistoryAsync()
    {
        await using var db = Factory.CreateDbContext();
        var integration = await db.Integrations.Select(i => i.Id).FirstAsync();
        var agents = await db.Agents.ToListAsync();
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var sentimentBilling = 0;
        for (var n = 0; n < 30; n++)
        {
            var start = now.AddDays(-(n % 21) - 1).AddHours(-(n % 9));
            var kind = Kinds[n % Kinds.Length];
            var customer = new Customer($"history-e2e-{n}", start);
            customer.Apply(new CustomerProfile { Name = $"History customer {n}", Tier = (CustomerTier)(n % 4), Products = [kind.Product] }, start);
            var conversation = new Conversation(integration, $"history-e2e-{n}", n % 5 == 0 ? "widget" : "web", start);
            conversation.AttachCustomer(customer);
            db.Conversations.Add(conversation);
            db.Messages.Add(conversation.AddMessage(MessageAuthor.Customer, "I have a problem with my account", start));
            db.Messages.Add(conversation.AddMessage(MessageAuthor.Bot, "Have you tried signing out and in again?", start.AddMinutes(1)));
            db.PageContexts.Add(new PageContext(conversation.Id, kind.Page, null, start, null));
            await db.SaveChangesAsync();
            if (n % 3 == 2)
            {
                if (n % 2 == 0) db.ChatRatings.Add(new ChatRating(conversation.Id, null, 4, null, start.AddMinutes(3)));
                continue;
            }
            var skill = kind.Category == IssueCategory.Billing ? Skill.Billing : Skill.Technical;
            var agent = agents.FirstOrDefault(a => a.Skills.Any(s => s.Skill == skill)) ?? agents[0];
            var decision = EscalationDecision.Escalated([new EscalationReason(kind.Reason, kind.Reason.ToString(), "evidence")], kind.Category, 0.9,
                CasePriority.Normal, kind.Category == IssueCategory.Billing ? Skill.Billing : Skill.Technical, AgentTier.Specialist, -0.4, SentimentTrend.Worsening);
            var @case = new Case(conversation, decision, "## Briefing\nThe customer has a problem with their account.", start.AddMinutes(2));
            @case.Queue(start.AddMinutes(2));
            @case.Offer(agent.Id, start.AddMinutes(3), start.AddMinutes(5));
            @case.Accept(agent, start.AddMinutes(4), null);
            @case.Resolve("Sorted", start.AddMinutes(30 + n), ActorKind.Agent, agent.Id.ToString());
            db.Cases.Add(@case);
            await db.SaveChangesAsync();
            if (n % 2 == 0) db.ChatRatings.Add(new ChatRating(conversation.Id, @case.Id, 1 + n % 5, null, start.AddMinutes(40 + n)));
            if (kind is { Reason: ReasonCategory.Sentiment, Category: IssueCategory.Billing }) sentimentBilling++;
            await db.SaveChangesAsync();
        }
        return sentimentBilling;
    }
}
