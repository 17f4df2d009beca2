using AgentConsole.Components.Pages.Admin.BotGaps;
using AgentConsole.Components.Pages.Admin.Knowledge;
using AgentConsole.Core.Chat.Gaps;
using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Tests.Core.Chat.Gaps;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Components.Admin;

/// <summary>The bot-gap page against the real app (no demo desk) and conversations written here, four days before the fake clock's today.</summary>
public sealed class BotGapsPageTests : AdminPageTestBase
{
    private static readonly DateTime Morning = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Cancel = ["How do I cancel my subscription?", "I want to cancel my plan, how do I do that?", "Where can I cancel my account subscription?"];
    private const string Android = "Do you have an app for Android phones?";

    // The page's "last 30 days" end on the app's fake today, not on the test context's own clock.
    public BotGapsPageTests() : base(demoEnabled: false) => Services.AddSingleton<TimeProvider>(Factory.Clock);

    [Fact]
    public async Task ShowsTheLargestGroupFirstAndOpensItsExamplesWithALinkToEditTheArticle()
    {
        await ArrangeAsync();

        var page = Render<BotGapsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=cluster-row]").Count), Slow);

        Assert.Contains(Cells(page, 0)[2], Cancel);
        Assert.Equal(["1", "3", "3"], [Cells(page, 0)[1], Cells(page, 0)[3], Cells(page, 0)[4]]);
        Assert.Equal(["2", Android, "1"], [Cells(page, 1)[1], Cells(page, 1)[2], Cells(page, 1)[3]]);
        Assert.Empty(page.FindAll("[data-testid=cluster-detail]"));

        await page.FindAll("[data-testid=toggle-cluster]")[0].ClickAsync(new());

        // The group's conversations load from the store after the click: on a store that truly awaits, after Click returns.
        page.WaitForAssertion(() => Assert.Equal(Cancel.Order(), page.FindAll("[data-testid=transcript-line].question")
            .Select(l => l.QuerySelector(".text")!.TextContent).Order()), Slow);
        Assert.Equal("/admin/knowledge?article=plans-and-subscriptions", page.Find("[data-testid=edit-article]").GetAttribute("href"));
        Assert.Contains("Cancelling your subscription · 3 questions", page.Find("[data-testid=cluster-article]").TextContent);
        Assert.Single(page.FindAll("[data-testid=cluster-detail]"));
    }

    [Fact]
    public async Task TheCsvDownloadHoldsTheTableAsShown()
    {
        await ArrangeAsync();

        var page = Render<BotGapsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=cluster-row]").Count), Slow);

        var link = page.Find("[data-testid=bot-gap-csv]");
        Assert.Equal("bot-gaps-2026-02-13-to-2026-03-14.csv", link.GetAttribute("download"));
        var csv = Uri.UnescapeDataString(link.GetAttribute("href")!["data:text/csv;charset=utf-8,".Length..]);
        var lines = csv.Split("\r\n");
        Assert.Equal(4, lines.Length);
        Assert.Equal("Rank,Representative question,Questions,Conversations,Escalated,Unsure or no answer,Did not help,Articles the bot used", lines[0]);
        Assert.Equal("", lines[3]);
        // Commas in a cell quote it: the article's title has them.
        Assert.EndsWith(",3,3,0% (0),0,3,\"Plans, upgrades, downgrades and cancellation: Cancelling your subscription (3)\"", lines[1]);
        Assert.Equal($"2,{Android},1,1,0% (0),1,0,no article (1)", lines[2]);
        var shown = page.FindAll("[data-testid=cluster-row]").Select(r => r.QuerySelectorAll("td").Skip(1).Select(c => c.TextContent).ToArray()).ToArray();
        Assert.Equal(shown[1], lines[2].Split(','));
    }

    [Fact]
    public void AnEmptyRangeSaysTheBotFailedOnNothing()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/bot-gaps?from=2026-01-01&to=2026-01-31");

        var page = Render<BotGapsPage>();

        page.WaitForAssertion(() => Assert.Contains("failed on no questions", page.Find("[data-testid=bot-gap-empty]").TextContent), Slow);
        Assert.StartsWith("2026-01-01 to 2026-01-31 (UTC) · 0 failed questions in 0 groups", page.Find("[data-testid=bot-gap-scope]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=cluster-row]"));
    }

    [Fact]
    public void ADateTheAddressGetsWrongIsSaidAndTheLast30DaysAreShown()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/bot-gaps?from=2026-13-01&to=2026-03-01");

        var page = Render<BotGapsPage>();

        page.WaitForAssertion(() => Assert.StartsWith("2026-02-13 to 2026-03-14 (UTC)", page.Find("[data-testid=bot-gap-scope]").TextContent), Slow);
        Assert.Contains("were not understood", page.Find("[data-testid=bot-gap-bad-range]").TextContent);
    }

    [Fact]
    public void TheKnowledgePageOpensTheArticleTheReportLinksTo()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/knowledge?article=plans-and-subscriptions");

        var page = Render<KnowledgePage>();

        page.WaitForAssertion(() => Assert.StartsWith("# Plans, upgrades, downgrades and cancellation",
            page.Find("textarea[data-testid=article-markdown]").GetAttribute("value")), Slow);
    }

    [Fact]
    public void TheCsvQuotesQuotesAndLineBreaks()
    {
        var cluster = new BotGapCluster(1, "Why does it say \"expired\"\nwhen I log in?", 2, 1, 1, 2, 0, [], 2, []);
        var report = new BotGapReport(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), TimeZoneInfo.Utc, 2, 2, 1, false, [cluster]);

        var csv = BotGapTable.Of(report).ToCsv();

        Assert.Equal(
            "Rank,Representative question,Questions,Conversations,Escalated,Unsure or no answer,Did not help,Articles the bot used\r\n" +
            "1,\"Why does it say \"\"expired\"\"\nwhen I log in?\",2,1,50% (1),2,0,no article (2)\r\n",
            csv);
    }

    private string[] Cells(IRenderedComponent<BotGapsPage> page, int row) =>
        page.FindAll("[data-testid=cluster-row]")[row].QuerySelectorAll("td").Select(c => c.TextContent).ToArray();

    /// <summary>Three ways of asking how to cancel, each answered from the cancellation passage and said not to help; one question the bot had no answer for.</summary>
    private async Task ArrangeAsync()
    {
        var dbFactory = Factory.Services.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var integration = new AgentConsole.Core.Integrations.Integration("gap bot", "gap-key-0123456789abcdef", Morning);
        db.Add(integration);
        await db.SaveChangesAsync();
        var history = new GapHistory(dbFactory, integration.Id);
        var cancelling = KnowledgeBase.LoadBuiltIn().Article("plans-and-subscriptions")!.Passages.Single(p => p.Heading == "Cancelling your subscription").Id;
        for (var i = 0; i < Cancel.Length; i++)
            await history.ConversationAsync(Morning.AddHours(i), new Asks(Cancel[i]), new Answers("## Cancelling your subscription …", 0.8, cancelling), new SaysNo("no, that didn't help"));
        await history.ConversationAsync(Morning.AddHours(5), new Asks(Android), new Answers("I'm not sure I can answer that one.", 0.2));
    }
}
