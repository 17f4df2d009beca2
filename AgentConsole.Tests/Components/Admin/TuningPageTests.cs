using AgentConsole.Tests.Support;
using AgentConsole.Components.Pages.Admin.Tuning;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Tuning;
using AgentConsole.Hosting;
using AgentConsole.Tests.Core.Triggers.Tuning;
using AgentConsole.Tests.Integration.Admin;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentConsole.Tests.Components.Admin;

public sealed class TuningPageTests() : AdminPageTestBase(demoEnabled: false, settings: TuningSuggestionsTests.SmallSample)
{
    private TuningSuggestions Suggestions => Factory.Services.GetRequiredService<TuningSuggestions>();
    private TriggerOptions Current => Factory.Services.GetRequiredService<IOptionsMonitor<TriggerOptions>>().CurrentValue;
    private DateTime Now => Factory.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Five keyword-repeat cases, three flagged unnecessary: precision 40%, and a suggestion to raise N from 3 to 4.</summary>
    private async Task<List<long>> SeedFlaggedKeywordCasesAsync()
    {
        var desk = await TuningDesk.CreateAsync(Factory.Services.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>(), Now.AddDays(-20));
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await desk.CaseAsync(Now.AddDays(-10 + i), flags: i < 3 ? 1 : 0, TuningDesk.KeywordRepeat("refund", 3)));
        return ids;
    }

    [Fact]
    public async Task ShowsEachTriggersPrecisionWithTheFlaggedCases()
    {
        var ids = await SeedFlaggedKeywordCasesAsync();

        var page = Render<TuningPage>();

        page.WaitForAssertion(() => Assert.Equal("40%", page.Find("[data-testid=precision-keyword-repeat] [data-testid=precision-value]").TextContent), Slow);
        Assert.Contains($"#{ids[2]}", page.Find("[data-testid=precision-keyword-repeat]").TextContent);
        Assert.DoesNotContain($"#{ids[3]}", page.Find("[data-testid=precision-keyword-repeat]").TextContent);
    }

    [Fact]
    public void AnEmptyDeskShowsNoPrecisionAndNoSuggestion()
    {
        var page = Render<TuningPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=precision-empty]")), Slow);
        Assert.NotEmpty(page.FindAll("[data-testid=no-suggestions]"));
        Assert.NotEmpty(page.FindAll("[data-testid=decided-empty]"));
    }

    [Fact]
    public async Task ComputingShowsTheNewSuggestionWithItsEvidenceAndChangesNoSetting()
    {
        await SeedFlaggedKeywordCasesAsync();
        var page = Render<TuningPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=compute-suggestions]")), Slow);

        page.Find("[data-testid=compute-suggestions]").Click();

        page.WaitForAssertion(() => Assert.Contains("raise N from 3 to 4", page.Find("[data-testid=suggestion-summary]").TextContent), Slow);
        Assert.Equal("1 new suggestion.", page.Find("[data-testid=computed-note]").TextContent);
        Assert.Contains("3 of 5 cases", page.Find("[data-testid=suggestion-evidence]").TextContent);
        Assert.Equal(3, Current.KeywordRepeat.Threshold);
    }

    [Fact]
    public async Task AcceptAsksForConfirmationThenAppliesTheChangeAndListsWhoDecided()
    {
        await SeedFlaggedKeywordCasesAsync();
        var suggestion = Assert.Single(await Suggestions.ComputeAsync());
        var page = Render<TuningPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=suggestion-{suggestion.Id}]")), Slow);

        await page.Find("[data-testid=accept]").ClickAsync(new());

        Assert.Contains("Triggers:KeywordRepeat:Threshold", page.Find("[data-testid=confirm-text]").TextContent);
        Assert.Equal(3, Current.KeywordRepeat.Threshold);

        page.Find("[data-testid=confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains(DemoUsers.AdminEmail, page.Find("[data-testid=decided-row]").TextContent), Slow);
        Assert.Contains("Accepted", page.Find("[data-testid=decided-row]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=accept]"));
        Assert.Equal(4, Current.KeywordRepeat.Threshold);
    }

    [Fact]
    public async Task CancellingTheConfirmationLeavesTheSuggestionOpen()
    {
        await SeedFlaggedKeywordCasesAsync();
        await Suggestions.ComputeAsync();
        var page = Render<TuningPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=reject]")), Slow);

        await page.Find("[data-testid=reject]").ClickAsync(new());
        await page.Find("[data-testid=cancel]").ClickAsync(new());

        Assert.NotEmpty(page.FindAll("[data-testid=reject]"));
        Assert.Equal(TuningSuggestionStatus.Proposed, Assert.Single(await Suggestions.OpenAsync()).Status);
    }

    [Fact]
    public async Task RejectingAfterConfirmationRecordsTheDecisionAndChangesNoSetting()
    {
        await SeedFlaggedKeywordCasesAsync();
        await Suggestions.ComputeAsync();
        var page = Render<TuningPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=reject]")), Slow);

        await page.Find("[data-testid=reject]").ClickAsync(new());
        page.Find("[data-testid=confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("Rejected", page.Find("[data-testid=decided-row]").TextContent), Slow);
        Assert.Contains(DemoUsers.AdminEmail, page.Find("[data-testid=decided-row]").TextContent);
        Assert.Equal(3, Current.KeywordRepeat.Threshold);
    }

    [Fact]
    public async Task ReplayShowsTheDecisionsTheSuggestionWouldChange()
    {
        await Factory.Services.GetRequiredService<StoredSettingsService>().SaveAsync("Triggers:KeywordRepeat:Keywords", "widget", TestActors.Named(DemoUsers.AdminEmail));
        var desk = await TuningDesk.CreateAsync(Factory.Services.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>(), Now.AddDays(-20));
        await desk.ConversationAsync(Now.AddDays(-2), TuningDesk.Alternating("my widget arrived", "Good to hear.", "the widget is blue", "Nice colour.", "widget manual"));
        await SeedFlaggedKeywordCasesAsync();
        await Suggestions.ComputeAsync();
        var page = Render<TuningPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=replay]")), Slow);

        page.Find("[data-testid=replay]").Click();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=replay-NoLongerEscalated] [data-testid=replay-count]").TextContent), Slow);
        Assert.Contains("now at message 5 of 5", page.Find("[data-testid=replay-NoLongerEscalated]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=replay-NewlyEscalated]"));
    }
}
