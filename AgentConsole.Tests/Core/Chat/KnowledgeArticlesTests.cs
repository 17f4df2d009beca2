using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AgentConsole.Tests.Core.Chat;

/// <summary>The bot's articles in a real SQLite store, edited as admins edit them, and the bot's retrieval after each change.</summary>
public sealed class KnowledgeArticlesTests : IAsyncLifetime
{
    private const string Ada = "ada@agentconsole.test";
    private const string Grace = "grace@agentconsole.test";
    private const string SftpQuestion = "can our scheduled exports be delivered to our own SFTP server";

    private static readonly string ExportsWithSftp = Shipped("exports") + """


        ## Delivering exports to an SFTP server
        Scheduled exports can go to your own SFTP server instead of email. Under **Settings → Exports**, choose **SFTP** as the destination, enter the host, port, folder and user, and paste the public key we show into your server's authorized keys.
        """;

    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero));
    private readonly KnowledgeLibrary _library = new(SharedRetriever.Instance);
    private PooledDbContextFactory<AgentConsoleDbContext> _factory = default!;
    private KnowledgeArticles _articles = default!;

    public async Task InitializeAsync()
    {
        _factory = _database.CreateFactory();
        await DatabaseInitializer.MigrateAsync(_factory);
        _articles = new KnowledgeArticles(_factory, _library, _clock);
        await _articles.InitializeAsync();
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SeedsTheShippedArticlesIntoANewStoreAndAnswersFromThem()
    {
        var stored = await _articles.ListAsync();

        var shipped = KnowledgeResources.Articles();
        Assert.Equal(shipped.Select(a => a.Slug), stored.Select(a => a.Slug));
        Assert.All(stored, a => Assert.Equal((KnowledgeArticleRecord.ShippedBy, 1, _clock.GetUtcNow().UtcDateTime), (a.UpdatedBy, a.Version, a.UpdatedAt)));
        foreach (var (slug, markdown) in shipped)
            Assert.Equal(KnowledgeArticleRecord.Normalize(markdown), (await _articles.FindAsync(slug))!.Markdown);
        Assert.Equal(shipped.Select(a => a.Slug), _library.Current.Knowledge.Articles.Select(a => a.Slug));
        Assert.Equal("Scheduled and manual exports", stored.Single(a => a.Slug == "exports").Title);
    }

    [Fact]
    public async Task SeedsOnlyAnEmptyStoreSoARestartKeepsTheAdminsChanges()
    {
        await _articles.UpdateAsync("exports", ExportsWithSftp, 1, TestActors.Named(Ada));
        await _articles.DeleteAsync("single-sign-on", 1, TestActors.Admin);

        var restarted = new KnowledgeArticles(_factory, new KnowledgeLibrary(SharedRetriever.Instance), _clock);
        await restarted.InitializeAsync();

        var stored = await restarted.ListAsync();
        Assert.DoesNotContain(stored, a => a.Slug == "single-sign-on");
        Assert.Equal(KnowledgeResources.Articles().Count - 1, stored.Count);
        Assert.Equal((Ada, 2), stored.Where(a => a.Slug == "exports").Select(a => (a.UpdatedBy, a.Version)).Single());
    }

    [Fact]
    public async Task AnEditIsStoredWithWhoAndWhenAndTheBotRetrievesTheNewTextAtOnce()
    {
        var before = _library.Current.Find(SftpQuestion)!;
        _clock.Advance(TimeSpan.FromMinutes(5));

        var saved = await _articles.UpdateAsync("exports", ExportsWithSftp, 1, TestActors.Named(Ada));

        var stored = (await _articles.FindAsync("exports"))!;
        Assert.Equal((KnowledgeArticleRecord.Normalize(ExportsWithSftp), Ada, 2), (stored.Markdown, stored.UpdatedBy, stored.Version));
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, stored.UpdatedAt);
        Assert.Equal(2, saved.Version);
        Assert.NotEqual("Delivering exports to an SFTP server", before.Passage.Heading);
        var after = _library.Current.Find(SftpQuestion)!;
        Assert.Equal("exports#delivering-exports-to-an-sftp-server", after.Passage.Id);
        Assert.True(after.Confidence >= BotReplies.DefaultAnswerThreshold, $"Confidence {after.Confidence:0.00}");
    }

    [Theory]
    [InlineData("Exports\n## Section\nText.", "must start with a '# ' title line")]
    [InlineData("# Exports\n", "has a title but no text")]
    [InlineData("# Exports\n## Same\nA.\n## Same\nB.", "two sections headed 'Same'")]
    [InlineData("# Exports\n## Empty\n\n## Full\nText.", "section 'Empty'")]
    public async Task AMalformedEditIsRefusedWithTheParsersMessageAndNothingIsStored(string markdown, string expected)
    {
        var retriever = _library.Current;

        var error = await Assert.ThrowsAsync<DomainException>(() => _articles.UpdateAsync("exports", markdown, 1, TestActors.Named(Ada)));

        Assert.Contains(expected, error.Message);
        Assert.Contains("'exports'", error.Message);
        var stored = (await _articles.FindAsync("exports"))!;
        Assert.Equal((KnowledgeArticleRecord.Normalize(Shipped("exports")), 1, KnowledgeArticleRecord.ShippedBy), (stored.Markdown, stored.Version, stored.UpdatedBy));
        Assert.Same(retriever, _library.Current);
    }

    [Theory]
    [InlineData("greenhouse-sensors", "## Pairing\nText.", "must start with a '# ' title line")]
    [InlineData("Greenhouse Sensors", "# Greenhouse sensors\n## Pairing\nText.", "slug 'Greenhouse Sensors' must be lowercase")]
    public async Task AMalformedNewArticleIsRefusedAndNothingIsStored(string slug, string markdown, string expected)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => _articles.CreateAsync(slug, markdown, TestActors.Named(Ada)));

        Assert.Contains(expected, error.Message);
        Assert.Equal(KnowledgeResources.Articles().Count, (await _articles.ListAsync()).Count);
        Assert.Null(_library.Current.Knowledge.Article(slug));
    }

    [Fact]
    public async Task ASaveFromAnOlderVersionIsRefusedAndSaysWhoChangedItMeanwhile()
    {
        // Ada and Grace both open version 1; Ada saves first.
        _clock.Advance(TimeSpan.FromMinutes(3));
        await _articles.UpdateAsync("exports", ExportsWithSftp, 1, TestActors.Named(Ada));

        var conflict = await Assert.ThrowsAsync<KnowledgeArticleConflictException>(() =>
            _articles.UpdateAsync("exports", "# Exports by Grace\n## Only section\nGrace's text.", 1, TestActors.Named(Grace)));

        Assert.Equal((Ada, 2), (conflict.Current?.UpdatedBy, conflict.Current?.Version));
        Assert.Contains($"{Ada} changed the article 'exports' at 2026-03-14 09:03 UTC", conflict.Message);
        Assert.Equal(KnowledgeArticleRecord.Normalize(ExportsWithSftp), (await _articles.FindAsync("exports"))!.Markdown);
        Assert.Equal("Scheduled and manual exports", _library.Current.Knowledge.Article("exports")!.Title);
    }

    [Fact]
    public async Task OfSimultaneousSavesFromOneVersionExactlyOneIsStored()
    {
        var saves = Enumerable.Range(1, 6).Select(i => Task.Run(() =>
            _articles.UpdateAsync("exports", $"# Exports, take {i}\n## Only section\nText number {i}.", 1, TestActors.Named($"admin{i}@agentconsole.test")))).ToArray();

        var outcomes = await Task.WhenAll(saves.Select(async s =>
        {
            try { return (await s).Markdown; }
            catch (KnowledgeArticleConflictException) { return null; }
        }));

        var winner = Assert.Single(outcomes, o => o is not null);
        var stored = (await _articles.FindAsync("exports"))!;
        Assert.Equal((winner, 2), (stored.Markdown, stored.Version));
        Assert.Equal(winner!.Split('\n')[0][2..], _library.Current.Knowledge.Article("exports")!.Title);
    }

    [Fact]
    public async Task SimultaneousEditsOfDifferentArticlesAllReachTheBot()
    {
        var slugs = KnowledgeResources.Articles().Select(a => a.Slug).Take(5).ToArray();

        await Task.WhenAll(slugs.Select(slug => Task.Run(() =>
            _articles.UpdateAsync(slug, $"# Edited {slug}\n## Only section\nNew text for {slug}.", 1, TestActors.Named(Ada)))));

        Assert.All(slugs, slug => Assert.Equal($"Edited {slug}", _library.Current.Knowledge.Article(slug)!.Title));
    }

    [Fact]
    public async Task ADeletedArticleIsGoneFromTheStoreAndFromTheBotsAnswers()
    {
        Assert.Equal("exports", _library.Current.Find("download a report as CSV")!.Passage.ArticleSlug);

        await _articles.DeleteAsync("exports", 1, TestActors.Admin);

        Assert.Null(await _articles.FindAsync("exports"));
        Assert.Null(_library.Current.Knowledge.Article("exports"));
        Assert.NotEqual("exports", _library.Current.Find("download a report as CSV")!.Passage.ArticleSlug);
    }

    [Fact]
    public async Task ADeleteFromAnOlderVersionIsRefusedAndTheArticleKept()
    {
        await _articles.UpdateAsync("exports", ExportsWithSftp, 1, TestActors.Named(Ada));

        var conflict = await Assert.ThrowsAsync<KnowledgeArticleConflictException>(() => _articles.DeleteAsync("exports", 1, TestActors.Admin));

        Assert.Equal(Ada, conflict.Current?.UpdatedBy);
        Assert.NotNull(await _articles.FindAsync("exports"));
    }

    [Fact]
    public async Task TheLastArticleCannotBeDeleted()
    {
        var all = await _articles.ListAsync();
        foreach (var article in all.Skip(1)) await _articles.DeleteAsync(article.Slug, article.Version, TestActors.Admin);

        var error = await Assert.ThrowsAsync<DomainException>(() => _articles.DeleteAsync(all[0].Slug, all[0].Version, TestActors.Admin));

        Assert.Contains("only article left", error.Message);
        Assert.Equal([all[0].Slug], (await _articles.ListAsync()).Select(a => a.Slug));
        Assert.Equal([all[0].Slug], _library.Current.Knowledge.Articles.Select(a => a.Slug));
    }

    [Fact]
    public async Task ANewArticleIsStoredAndAnsweredFromAndItsNameMustBeFree()
    {
        const string Markdown = "# Greenhouse sensors\n## Pairing a greenhouse humidity sensor\nHold the sensor's button for five seconds until its light blinks green.";

        var created = await _articles.CreateAsync(" greenhouse-sensors ", Markdown, TestActors.Named(Grace));
        var taken = await Assert.ThrowsAsync<DomainException>(() => _articles.CreateAsync("greenhouse-sensors", "# Other\n## A\nB.", TestActors.Named(Ada)));

        Assert.Equal(("greenhouse-sensors", 1, Grace), (created.Slug, created.Version, created.UpdatedBy));
        Assert.Contains("already an article named 'greenhouse-sensors'", taken.Message);
        Assert.Equal(Markdown, (await _articles.FindAsync("greenhouse-sensors"))!.Markdown);
        Assert.Equal("greenhouse-sensors", _library.Current.Find("how do I pair my greenhouse humidity sensor")!.Passage.ArticleSlug);
    }

    private static string Shipped(string slug) => KnowledgeResources.Articles().Single(a => a.Slug == slug).Markdown;
}
