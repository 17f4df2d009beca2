using AgentConsole.Core.Chat.Knowledge;

namespace AgentConsole.Tests.Core.Chat;

public sealed class KnowledgeBaseTests
{
    [Fact]
    public void ShipsHelpArticlesSplitIntoPassagesByHeading()
    {
        var knowledge = KnowledgeBase.LoadBuiltIn();

        Assert.InRange(knowledge.Articles.Count, 8, 10);
        Assert.All(knowledge.Articles, a => Assert.True(a.Passages.Count >= 4, $"{a.Slug} has only {a.Passages.Count} passages."));
        Assert.All(knowledge.Passages, p => Assert.DoesNotContain("\n## ", p.Body));
        Assert.Equal(knowledge.Passages.Count, knowledge.Passages.Select(p => p.Id).Distinct().Count());
        var exports = knowledge.Article("exports");
        Assert.NotNull(exports);
        Assert.Equal("Scheduled and manual exports", exports.Title);
        Assert.Contains(exports.Passages, p => p.Heading == "When an export fails" && p.Id == "exports#when-an-export-fails");
    }

    [Fact]
    public void SplitsAnArticleIntoTitleAndSectionsWithTheirBodies()
    {
        var article = KnowledgeArticleParser.Parse("widgets", """

            # Widgets
            ## Adding a widget
            Click **Add widget**.

            Pick a chart.
            ## Removing a widget
            1. Open the menu.
            2. Click **Remove**.
            """);

        Assert.Equal("widgets", article.Slug);
        Assert.Equal("Widgets", article.Title);
        Assert.Equal(["Adding a widget", "Removing a widget"], article.Passages.Select(p => p.Heading));
        Assert.Equal("Click **Add widget**.\n\nPick a chart.", article.Passages[0].Body);
        Assert.Equal("## Removing a widget\n\n1. Open the menu.\n2. Click **Remove**.", article.Passages[1].Markdown);
        Assert.Equal("Widgets: Removing a widget", article.Passages[1].Description);
    }

    [Fact]
    public void KeepsTextBeforeTheFirstHeadingAsAPassageHeadedByTheTitle()
    {
        var article = KnowledgeArticleParser.Parse("intro", "# Intro\nSome overview.\n## Details\nMore.");

        Assert.Equal([("Intro", "Some overview."), ("Details", "More.")], article.Passages.Select(p => (p.Heading, p.Body)));
    }

    [Fact]
    public void TreatsAHeadingInsideACodeBlockAsBodyText()
    {
        var article = KnowledgeArticleParser.Parse("code", "# Code\n## Example\n```\n## not a heading\n```\n");

        var passage = Assert.Single(article.Passages);
        Assert.Contains("## not a heading", passage.Body);
    }

    [Theory]
    [InlineData("", "must start with a '# ' title line")]
    [InlineData("Exports\n## Section\nText.", "must start with a '# ' title line")]
    [InlineData("## Section\nText.", "must start with a '# ' title line")]
    [InlineData("#Exports\n## Section\nText.", "must start with a '# ' title line")]
    [InlineData("# Exports\n", "has a title but no text")]
    [InlineData("# Exports\n## Empty\n\n## Full\nText.", "section 'Empty'")]
    [InlineData("# Exports\n## Same\nA.\n## same\nB.", "two sections headed 'same'")]
    [InlineData("# Exports\n## \nText.", "without a heading")]
    public void RefusesAMalformedArticleNamingIt(string markdown, string expected)
    {
        var error = Assert.Throws<FormatException>(() => new KnowledgeBase([("exports", markdown)]));

        Assert.Contains(expected, error.Message);
        Assert.Contains("'exports'", error.Message);
    }

    [Theory]
    [InlineData("Exports")]
    [InlineData("api_keys")]
    [InlineData("-exports")]
    [InlineData("")]
    public void RefusesASlugThatIsNotLowercaseWordsJoinedByHyphens(string slug)
    {
        var error = Assert.Throws<FormatException>(() => KnowledgeArticleParser.Parse(slug, "# Title\n## A\nText."));

        Assert.Contains("slug", error.Message);
    }

    [Fact]
    public void RefusesTwoArticlesWithTheSameSlug()
    {
        var error = Assert.Throws<FormatException>(() => new KnowledgeBase([("a", "# A\n## X\nText."), ("a", "# B\n## Y\nText.")]));

        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public void TakesEditedArticlesInPlaceOfTheShippedOnes()
    {
        var knowledge = new KnowledgeBase([("exports", "# Exports, edited\n## Only section\nNew text.")]);

        var article = Assert.Single(knowledge.Articles);
        Assert.Equal("Exports, edited", article.Title);
        Assert.Null(knowledge.Article("api-keys-and-errors"));
    }
}
