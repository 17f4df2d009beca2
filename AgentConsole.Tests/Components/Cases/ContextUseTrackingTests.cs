using AgentConsole.Components.Pages.Cases;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Components.Cases;

/// <summary>The case page's context parts start closed and record the agent's first opening of each.</summary>
public sealed class ContextUseTrackingTests : LiveEngineTestBase
{
    private async Task<List<ContextOpening>> OpeningsAsync(long caseId)
    {
        await using var db = await Harness.DbFactory.CreateDbContextAsync();
        return await db.ContextOpenings.AsNoTracking().Where(o => o.CaseId == caseId).OrderBy(o => o.Id).ToListAsync();
    }

    /// <summary>The openings of the case once <paramref name="count"/> are stored: the click records them without the page waiting for the store.</summary>
    private async Task<List<ContextOpening>> RecordedAsync(long caseId, int count)
    {
        await Support.Eventually.HoldsAsync(async () => (await OpeningsAsync(caseId)).Count >= count, TimeSpan.FromSeconds(20), $"{count} opening(s) recorded");
        return await OpeningsAsync(caseId);
    }

    [Fact]
    public async Task OpeningTheCustomerProfileRecordsItOnceForTheReadingAgent()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        await AcceptAsync(@case.Id, priya);
        SignInAs(priya);
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, @case.Id));
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid='open-customer.profile']")));
        Assert.Equal("false", cut.Find("[data-testid='open-customer.profile']").GetAttribute("aria-expanded"));

        // Act: open, close and open again.
        await cut.DispatchAsync(() => cut.Find("[data-testid='open-customer.profile']").Click());
        await cut.DispatchAsync(() => cut.Find("[data-testid='open-customer.profile']").Click());
        await cut.DispatchAsync(() => cut.Find("[data-testid='open-customer.profile']").Click());

        // Assert
        Assert.Equal("true", cut.Find("[data-testid='open-customer.profile']").GetAttribute("aria-expanded"));
        var opening = Assert.Single(await RecordedAsync(@case.Id, 1));
        Assert.Equal((priya.Id.ToString(), ContextElements.CustomerProfile.Key, Harness.Now), (opening.AgentId, opening.ElementKey, opening.OpenedAt));
    }

    [Fact]
    public async Task APartStaysClosedAndUnrecordedUntilOpened()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        await AcceptAsync(@case.Id, priya);
        SignInAs(priya);

        // Act
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, @case.Id));
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid='open-page.current']")));
        await cut.DispatchAsync(() => cut.Find("[data-testid='open-page.current']").Click());

        // Assert: only the page was opened; the reasons' body is still hidden.
        Assert.Equal([ContextElements.PageCurrent.Key], (await RecordedAsync(@case.Id, 1)).Select(o => o.ElementKey));
        Assert.True(cut.Find("[data-context-key='escalation.reasons'] .body").HasAttribute("hidden"));
        Assert.False(cut.Find("[data-context-key='page.current'] .body").HasAttribute("hidden"));
    }

    [Fact]
    public async Task TheBriefingShowsItsSummaryAtOnceAndRecordsTheSectionsTheAgentOpens()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        var (cut, @case) = await AcceptedCaseViewAsync(priya);

        // Act
        await cut.DispatchAsync(() => cut.Find("[data-testid='open-briefing.customer-tries']").Click());

        // Assert: the summary and the suggested first message are open; only the opened section is recorded and shown.
        var briefing = cut.Find("[data-testid=briefing]");
        Assert.Contains("Customer Sarah Chen", briefing.TextContent);
        Assert.Contains("Suggested first message", briefing.TextContent);
        Assert.Contains("What the customer already tried (1 attempt)", cut.Find("[data-testid='open-briefing.customer-tries']").TextContent);
        Assert.False(cut.Find("[data-context-key='briefing.customer-tries'] .body").HasAttribute("hidden"));
        Assert.Contains("Cleared the browser cache", cut.Find("[data-context-key='briefing.customer-tries'] .body").TextContent);
        Assert.True(cut.Find("[data-context-key='briefing.bot-attempts'] .body").HasAttribute("hidden"));
        Assert.True(cut.Find("[data-context-key='briefing.reasons'] .body").HasAttribute("hidden"));
        Assert.Equal([ContextElements.BriefingCustomerTries.Key], (await RecordedAsync(@case.Id, 1)).Select(o => o.ElementKey));
    }

    [Fact]
    public async Task ASupervisorReadingACaseRecordsNothing()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        await Harness.StartAsync();
        var @case = await OpenRichCaseAsync();
        await AcceptAsync(@case.Id, priya);
        SignInAs(ConsoleRole.Supervisor, "Sam Supervisor");

        // Act
        var cut = Render<CaseView>(p => p.Add(x => x.CaseId, @case.Id));
        Eventually(cut, () => Assert.NotNull(cut.Find("[data-testid='open-customer.profile']")));
        await cut.DispatchAsync(() => cut.Find("[data-testid='open-customer.profile']").Click());

        // Assert: the part opens for them, but a supervisor is no agent working the case.
        Assert.Equal("true", cut.Find("[data-testid='open-customer.profile']").GetAttribute("aria-expanded"));
        Assert.Empty(await OpeningsAsync(@case.Id));
    }
}
