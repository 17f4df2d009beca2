namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>
/// One help-centre article: a Markdown document with a <c># Title</c> line and <c>##</c> sections,
/// each of which is a <see cref="KnowledgePassage"/> the bot can answer with.
/// </summary>
/// <param name="Slug">The article's stable name, from its file name, such as <c>exports</c>.</param>
/// <param name="Title">The text of the article's <c># </c> line.</param>
/// <param name="Passages">The article's sections, in document order; never empty.</param>
public sealed record KnowledgeArticle(string Slug, string Title, IReadOnlyList<KnowledgePassage> Passages);

/// <summary>One <c>##</c> section of a <see cref="KnowledgeArticle"/>: the unit the bot retrieves and replies with.</summary>
/// <param name="ArticleSlug">The slug of the article the passage belongs to.</param>
/// <param name="ArticleTitle">The title of that article.</param>
/// <param name="Heading">The section's heading, without the <c>## </c>.</param>
/// <param name="Body">The section's Markdown below its heading, trimmed.</param>
public sealed record KnowledgePassage(string ArticleSlug, string ArticleTitle, string Heading, string Body)
{
    /// <summary>
    /// The passage's id, <c>slug#anchor</c>, such as <c>exports#when-an-export-fails</c>. Headings are
    /// unique within an article, so ids are unique within a <see cref="KnowledgeBase"/>.
    /// </summary>
    public string Id => $"{ArticleSlug}#{KnowledgeArticleParser.Anchor(Heading)}";

    /// <summary>The passage as the bot sends it: the heading as a <c>##</c> line, a blank line, then the body.</summary>
    public string Markdown => $"## {Heading}\n\n{Body}";

    /// <summary>How an attempt to solve the problem with this passage is described to agents: article title and heading.</summary>
    public string Description => $"{ArticleTitle}: {Heading}";
}
