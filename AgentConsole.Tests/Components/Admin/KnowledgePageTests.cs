using Microsoft.AspNetCore.Components;
using AgentConsole.Tests.Support;
using AgentConsole.Components.Pages.Admin.Knowledge;
using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Hosting;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Components.Admin;

/// <summary>The knowledge base page against the real app: the admin's edits go through the store into the bot's retrieval.</summary>
public sealed class KnowledgePageTests : AdminPageTestBase
{
    private const string SftpQuestion = "can our scheduled exports be delivered to our own SFTP server";
    private const string ExportsWithSftp = """
        # Scheduled and manual exports

        ## Delivering exports to an SFTP server
        Scheduled exports can go to your own SFTP server instead of email. Under **Settings → Exports**, choose **SFTP** as the destination and enter the host, port, folder and user.
        """;

    private KnowledgeArticles Articles => Factory.Services.GetRequiredService<KnowledgeArticles>();

    [Fact]
    public void ListsTheStoredArticlesAndOpensOneBesideItsPreview()
    {
        var page = Render<KnowledgePage>();
        page.WaitForAssertion(() => Assert.Equal(KnowledgeBase.LoadBuiltIn().Articles.Count, page.FindAll("[data-testid=article-row]").Count), Slow);

        OpenArticle(page, "exports");

        page.WaitForAssertion(() => Assert.StartsWith("# Scheduled and manual exports", page.Find("textarea[data-testid=article-markdown]").GetAttribute("value")), Slow);
        Assert.Equal("Scheduled and manual exports", page.Find("[data-testid=article-preview] h1").TextContent);
        Assert.Contains("When an export fails", page.Find("[data-testid=parse-summary]").TextContent);
        Assert.Contains($"changed by {KnowledgeArticleRecord.ShippedBy}", page.Find("[data-testid=article-changed]").TextContent);
    }

    [Fact]
    public async Task ASavedEditIsStoredWithTheAdminsNameAndTheBotAnswersFromIt()
    {
        var page = Render<KnowledgePage>();
        OpenArticle(page, "exports");

        await page.Find("textarea[data-testid=article-markdown]").InputAsync(new ChangeEventArgs { Value = ExportsWithSftp });
        page.Find("[data-testid=save-article]").Click();

        page.WaitForAssertion(() => Assert.Contains("Saved 'exports'", page.Find("[data-testid=knowledge-message]").TextContent), Slow);
        var stored = (await Articles.FindAsync("exports"))!;
        Assert.Equal((ExportsWithSftp, DemoUsers.AdminEmail, 2), (stored.Markdown, stored.UpdatedBy, stored.Version));
        Assert.Contains($"Version 2, changed by {DemoUsers.AdminEmail}", page.Find("[data-testid=article-changed]").TextContent);
        var answer = Factory.Services.GetRequiredService<KnowledgeLibrary>().Current.Find(SftpQuestion)!;
        Assert.Equal("exports#delivering-exports-to-an-sftp-server", answer.Passage.Id);
    }

    [Fact]
    public async Task AParseErrorIsShownWhileTypingAndOnSaveAndNothingIsStored()
    {
        var page = Render<KnowledgePage>();
        OpenArticle(page, "exports");

        await page.Find("textarea[data-testid=article-markdown]").InputAsync(new ChangeEventArgs { Value = "Exports, with the title line lost\n## Exporting a report manually\nClick Export." });

        Assert.Contains("must start with a '# ' title line", page.Find("[data-testid=parse-error]").TextContent);
        page.Find("[data-testid=save-article]").Click();
        page.WaitForAssertion(() => Assert.Contains("The knowledge article 'exports' must start with a '# ' title line", page.Find("[data-testid=article-error]").TextContent), Slow);
        var stored = (await Articles.FindAsync("exports"))!;
        Assert.Equal((1, KnowledgeArticleRecord.ShippedBy), (stored.Version, stored.UpdatedBy));
        Assert.StartsWith("Exports, with the title line lost", page.Find("textarea[data-testid=article-markdown]").GetAttribute("value"));
    }

    [Fact]
    public void ThePreviewShowsMarkupAsTextAndDropsScriptLinks()
    {
        var preview = Render<ArticlePreview>(p => p
            .Add(a => a.Slug, "exports")
            .Add(a => a.Markdown, "# Exports\n## Section\n<script>alert('x')</script> and <img src=x onerror=alert(1)>\n\n[click me](javascript:alert(1)) or [help](https://help.example.com)"));

        Assert.Empty(preview.FindAll("[data-testid=article-preview] script"));
        Assert.Empty(preview.FindAll("[data-testid=article-preview] img"));
        Assert.Contains("<script>alert('x')</script>", preview.Find("[data-testid=article-preview]").TextContent);
        Assert.Equal(["https://help.example.com"], preview.FindAll("[data-testid=article-preview] a").Select(a => a.GetAttribute("href")));
        Assert.Contains("click me", preview.Find("[data-testid=article-preview]").TextContent);
    }

    [Fact]
    public async Task ASaveOvertakenBySomeoneElsesShowsWhoAndKeepsTheDraftUntilTheirVersionIsLoaded()
    {
        const string Grace = "grace@agentconsole.test";
        const string Theirs = "# Exports by Grace\n## Only section\nGrace's text.";
        var page = Render<KnowledgePage>();
        OpenArticle(page, "exports");
        await page.Find("textarea[data-testid=article-markdown]").InputAsync(new ChangeEventArgs { Value = ExportsWithSftp });

        await Articles.UpdateAsync("exports", Theirs, 1, TestActors.Named(Grace));
        page.Find("[data-testid=save-article]").Click();

        page.WaitForAssertion(() => Assert.Contains($"{Grace} changed the article 'exports'", page.Find("[data-testid=article-conflict]").TextContent), Slow);
        Assert.Equal(ExportsWithSftp, page.Find("textarea[data-testid=article-markdown]").GetAttribute("value"));
        Assert.Equal(Theirs, (await Articles.FindAsync("exports"))!.Markdown);
        page.Find("[data-testid=load-theirs]").Click();
        page.WaitForAssertion(() => Assert.Equal(Theirs, page.Find("textarea[data-testid=article-markdown]").GetAttribute("value")), Slow);
        Assert.Empty(page.FindAll("[data-testid=article-conflict]"));
    }

    [Fact]
    public async Task SavingOverSomeoneElsesVersionIsAnExplicitChoice()
    {
        var page = Render<KnowledgePage>();
        OpenArticle(page, "exports");
        await page.Find("textarea[data-testid=article-markdown]").InputAsync(new ChangeEventArgs { Value = ExportsWithSftp });
        await Articles.UpdateAsync("exports", "# Exports by Grace\n## Only section\nGrace's text.", 1, TestActors.Named("grace@agentconsole.test"));
        page.Find("[data-testid=save-article]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=article-conflict]")), Slow);

        page.Find("[data-testid=save-over]").Click();

        page.WaitForAssertion(() => Assert.Contains("Saved 'exports'", page.Find("[data-testid=knowledge-message]").TextContent), Slow);
        var stored = (await Articles.FindAsync("exports"))!;
        Assert.Equal((ExportsWithSftp, 3, DemoUsers.AdminEmail), (stored.Markdown, stored.Version, stored.UpdatedBy));
    }

    [Fact]
    public async Task ANewArticleIsCreatedAndOpened()
    {
        const string Markdown = "# Greenhouse sensors\n\n## Pairing a greenhouse humidity sensor\nHold the sensor's button for five seconds until its light blinks green.";
        var page = Render<KnowledgePage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=article-row]")), Slow);

        await page.Find("[data-testid=new-article-button]").ClickAsync(new());
        await page.Find("input[data-testid=new-article-slug]").InputAsync(new ChangeEventArgs { Value = "greenhouse-sensors" });
        await page.Find("textarea[data-testid=article-markdown]").InputAsync(new ChangeEventArgs { Value = Markdown });
        Assert.Contains("Pairing a greenhouse humidity sensor", page.Find("[data-testid=parse-summary]").TextContent);
        page.Find("[data-testid=create-article]").Click();

        page.WaitForAssertion(() => Assert.Contains("Created 'greenhouse-sensors'", page.Find("[data-testid=knowledge-message]").TextContent), Slow);
        page.WaitForAssertion(() => Assert.Equal(Markdown, page.Find("textarea[data-testid=article-markdown]").GetAttribute("value")), Slow);
        Assert.Contains(page.FindAll("[data-testid=article-row]"), r => r.GetAttribute("data-slug") == "greenhouse-sensors");
        var stored = (await Articles.FindAsync("greenhouse-sensors"))!;
        Assert.Equal((Markdown, DemoUsers.AdminEmail), (stored.Markdown, stored.UpdatedBy));
    }

    [Fact]
    public async Task AnArticleIsDeletedOnlyAfterConfirmation()
    {
        var page = Render<KnowledgePage>();
        OpenArticle(page, "single-sign-on");

        await page.Find("[data-testid=delete-article]").ClickAsync(new());
        Assert.NotNull(await Articles.FindAsync("single-sign-on"));
        page.Find("[data-testid=confirm-delete]").Click();

        page.WaitForAssertion(() => Assert.Contains("Deleted 'single-sign-on'", page.Find("[data-testid=knowledge-message]").TextContent), Slow);
        Assert.Null(await Articles.FindAsync("single-sign-on"));
        Assert.DoesNotContain(page.FindAll("[data-testid=article-row]"), r => r.GetAttribute("data-slug") == "single-sign-on");
        Assert.Null(Factory.Services.GetRequiredService<KnowledgeLibrary>().Current.Knowledge.Article("single-sign-on"));
    }

    [Fact]
    public async Task OpeningAnotherArticleWithUnsavedChangesAsksFirst()
    {
        var page = Render<KnowledgePage>();
        OpenArticle(page, "exports");
        await page.Find("textarea[data-testid=article-markdown]").InputAsync(new ChangeEventArgs { Value = ExportsWithSftp });

        await page.FindAll("[data-testid=article-row]").Single(r => r.GetAttribute("data-slug") == "single-sign-on").QuerySelector("[data-testid=open-article]")!.ClickAsync(new());

        Assert.NotEmpty(page.FindAll("[data-testid=unsaved-changes]"));
        Assert.Equal(ExportsWithSftp, page.Find("textarea[data-testid=article-markdown]").GetAttribute("value"));
        page.Find("[data-testid=discard-and-open]").Click();
        page.WaitForAssertion(() => Assert.Equal("single-sign-on", page.Find("#article-heading").TextContent), Slow);
    }

    // Opens the article from the list, once the list and then the editor have loaded.
    private static void OpenArticle(IRenderedComponent<KnowledgePage> page, string slug)
    {
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=article-row]"), r => r.GetAttribute("data-slug") == slug), Slow);
        page.FindAll("[data-testid=article-row]").Single(r => r.GetAttribute("data-slug") == slug).QuerySelector("[data-testid=open-article]")!.Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=article-editor]")), Slow);
    }
}
