using AgentConsole.Core.Common;

namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>
/// A help-centre article as the store keeps it: its slug, its Markdown, who changed it last and
/// when, and a version that every change raises, so an edit made from an older version is refused
/// rather than overwriting a newer one. Only Markdown that <see cref="KnowledgeArticleParser"/>
/// accepts is ever held.
/// </summary>
public sealed class KnowledgeArticleRecord
{
    /// <summary>The longest slug accepted.</summary>
    public const int MaxSlugLength = 100;

    /// <summary>The longest article accepted, in characters: several times the longest shipped one.</summary>
    public const int MaxMarkdownLength = 20_000;

    /// <summary>Who the shipped articles are recorded as changed by when they are seeded.</summary>
    public const string ShippedBy = "AgentConsole";

    private KnowledgeArticleRecord() { }

    /// <summary>A new article, at version 1.</summary>
    /// <exception cref="DomainException">The slug or the Markdown is not a valid article; the message says why.</exception>
    public KnowledgeArticleRecord(string slug, string markdown, string changedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(slug);
        if (slug.Length > MaxSlugLength) throw new DomainException($"An article's name may have at most {MaxSlugLength} characters.");
        Slug = slug;
        Version = 0;
        Edit(markdown, changedBy, now);
    }

    /// <summary>The article's stable name, such as <c>exports</c>: lowercase words joined by hyphens.</summary>
    public string Slug { get; private set; } = "";

    /// <summary>The article's Markdown, with <c>\n</c> line endings and no surrounding blank lines.</summary>
    public string Markdown { get; private set; } = "";

    /// <summary>Who made the last change: an admin's sign-in name, or <see cref="ShippedBy"/>.</summary>
    public string UpdatedBy { get; private set; } = "";

    /// <summary>When the last change was made (UTC).</summary>
    public DateTime UpdatedAt { get; private set; }

    /// <summary>1 when stored, and one more with every change; the store's concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>Replaces the article's Markdown and raises its version.</summary>
    /// <exception cref="DomainException">The Markdown is not a valid article; the message is the parser's. Nothing changes.</exception>
    public void Edit(string markdown, string changedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentException.ThrowIfNullOrWhiteSpace(changedBy);
        var text = Normalize(markdown);
        Check(Slug, text);
        Markdown = text;
        UpdatedBy = changedBy;
        UpdatedAt = now.EnsureUtc(nameof(now));
        Version++;
    }

    /// <summary>The article as the parser reads it.</summary>
    public KnowledgeArticle Parse() => KnowledgeArticleParser.Parse(Slug, Markdown);

    /// <summary>The Markdown as it is stored: <c>\n</c> line endings, no blank lines or spaces around it.</summary>
    public static string Normalize(string markdown) => markdown.ReplaceLineEndings("\n").Trim();

    /// <summary>Refuses an article that is too long or that the parser cannot read, with the parser's message.</summary>
    /// <exception cref="DomainException">The article is not valid.</exception>
    public static KnowledgeArticle Check(string slug, string markdown)
    {
        if (markdown.Length > MaxMarkdownLength)
            throw new DomainException($"The article '{slug}' has {markdown.Length:N0} characters; an article may have at most {MaxMarkdownLength:N0}. Split it into two.");
        try
        {
            return KnowledgeArticleParser.Parse(slug, markdown);
        }
        catch (FormatException e)
        {
            throw new DomainException(e.Message);
        }
    }
}
