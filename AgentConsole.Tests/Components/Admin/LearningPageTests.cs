using AgentConsole.Components.Pages.Admin.Learning;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Learning;
using AgentConsole.Hosting;
using AgentConsole.Tests.Core.Triggers.Tuning;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Components.Admin;

public sealed class LearningPageTests() : AdminPageTestBase(demoEnabled: false)
{
    private DeskLearning Learning => Factory.Services.GetRequiredService<DeskLearning>();
    private DateTime Now => Factory.Clock.GetUtcNow().UtcDateTime;

    /// <summary>A conversation that escalated as a request for a person on its third message, which an agent flagged as unnecessary.</summary>
    private async Task<long> SeedFlaggedRequestAsync()
    {
        var desk = await TuningDesk.CreateAsync(Factory.Services.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>(), Now.AddDays(-2));
        var (_, caseId) = await desk.ConversationAsync(Now.AddDays(-1),
            [(MessageAuthor.Customer, "where is the export button"), (MessageAuthor.Bot, "Under Reports."), (MessageAuthor.Customer, "can someone show me the reports page")],
            [new EscalationReason(ReasonCategory.CustomerRequest, "explicit-request", "can someone show me")], flags: 1);
        return caseId!.Value;
    }

    [Fact]
    public async Task AnAdminPicksTheCustomersWordsAndApprovesAndTheDecisionIsListedWithWhoMadeIt()
    {
        var caseId = await SeedFlaggedRequestAsync();
        var page = Render<LearningPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=candidate-Unnecessary-{caseId}]")), Slow);
        Assert.Contains("flagged as an unnecessary escalation (Asked for a human)", page.Find("[data-testid=candidate-summary]").TextContent);
        Assert.Equal(["where is the export button Use this", "can someone show me the reports page Use this"],
            page.FindAll("[data-testid=candidate-message]").Select(m => string.Join(' ', m.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        Assert.Empty(await Learning.DecidedAsync());

        await page.FindAll("[data-testid=use-message]")[1].ClickAsync(new());
        page.Find("[data-testid=approve]").Click();

        page.WaitForAssertion(() => Assert.Contains(DemoUsers.AdminEmail, page.Find("[data-testid=learning-decided-row]").TextContent), Slow);
        Assert.Contains("Approved", page.Find("[data-testid=learning-decided-row]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=no-candidates]"));
        var decision = Assert.Single(await Learning.DecidedAsync());
        Assert.Equal((caseId, true, "can someone show me the reports page", DemoUsers.AdminEmail), (decision.CaseId, decision.Approved, decision.Text, decision.DecidedBy));
    }

    [Fact]
    public async Task RejectingLearnsNothingAndListsTheRejection()
    {
        var caseId = await SeedFlaggedRequestAsync();
        var page = Render<LearningPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=reject]")), Slow);

        page.Find("[data-testid=reject]").Click();

        page.WaitForAssertion(() => Assert.Contains("Rejected", page.Find("[data-testid=learning-decided-row]").TextContent), Slow);
        var decision = Assert.Single(await Learning.DecidedAsync());
        Assert.Equal((caseId, false, (string?)null), (decision.CaseId, decision.Approved, decision.Text));
    }

    [Fact]
    public void AnEmptyDeskHasNothingWaiting()
    {
        var page = Render<LearningPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=no-candidates]")), Slow);
        Assert.NotEmpty(page.FindAll("[data-testid=learning-decided-empty]"));
    }
}
