namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>
/// The built-in bot's help-centre articles, parsed into passages. Immutable: an admin's edited
/// articles make a new instance.
/// </summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, KnowledgeArticle> _bySlug;

    /// <summary>Parses <paramref name="articles"/>, given as (slug, Markdown) pairs, with <see cref="KnowledgeArticleParser.Parse"/>.</summary>
    /// <exception cref="FormatException">An article is malformed (the message names it), or two share a slug.</exception>
    /// <exception cref="ArgumentException">There are no articles.</exception>
    public KnowledgeBase(IEnumerable<(string Slug, string Markdown)> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var parsed = articles.Select(a => KnowledgeArticleParser.Parse(a.Slug, a.Markdown)).ToArray();
        if (parsed.Length == 0) throw new ArgumentException("A knowledge base needs at least one article.", nameof(articles));

        _bySlug = new Dictionary<string, KnowledgeArticle>(StringComparer.Ordinal);
        foreach (var article in parsed)
        {
            if (!_bySlug.TryAdd(article.Slug, article))
                throw new FormatException($"Two knowledge articles have the slug '{article.Slug}'.");
        }
        Articles = parsed;
        Passages = parsed.SelectMany(a => a.Passages).ToArray();
    }

    /// <summary>The articles, in the order given.</summary>
    public IReadOnlyList<KnowledgeArticle> Articles { get; }

    /// <summary>Every article's passages, article by article in document order.</summary>
    public IReadOnlyList<KnowledgePassage> Passages { get; }

    /// <summary>The articles that ship embedded in AgentConsole.Core, ordered by slug.</summary>
    public static KnowledgeBase LoadBuiltIn() => new(KnowledgeResources.Articles());

    /// <summary>The article with <paramref name="slug"/>, or null when there is none.</summary>
    public KnowledgeArticle? Article(string slug) => _bySlug.GetValueOrDefault(slug);
}
