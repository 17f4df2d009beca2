using System.Text;
using System.Text.RegularExpressions;

namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>
/// Reads a help-centre article's Markdown: the first non-blank line must be the <c># Title</c>, and
/// every <c>## Heading</c> starts a passage that runs to the next <c>##</c>. Text between the title
/// and the first heading becomes a passage headed by the title. <c>##</c> inside a fenced code
/// block is body text.
/// </summary>
public static partial class KnowledgeArticleParser
{
    /// <summary>Parses the article <paramref name="slug"/> from <paramref name="markdown"/>.</summary>
    /// <exception cref="FormatException">
    /// The slug is not lowercase words joined by hyphens, the article does not start with a <c># </c>
    /// title, it has no text below the title, a section is empty, or two sections share a heading.
    /// </exception>
    public static KnowledgeArticle Parse(string slug, string markdown)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(markdown);
        if (!SlugPattern().IsMatch(slug))
            throw new FormatException($"The knowledge article slug '{slug}' must be lowercase letters and digits joined by hyphens, such as 'api-keys'.");

        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var first = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        var title = first < 0 ? null : TitleOf(lines[first]);
        if (title is null)
            throw new FormatException($"The knowledge article '{slug}' must start with a '# ' title line, such as '# Exporting reports'.");

        var sections = Split(lines.AsSpan(first + 1), title);
        if (sections.Count == 0)
            throw new FormatException($"The knowledge article '{slug}' has a title but no text; add '## ' sections below it.");

        var passages = new List<KnowledgePassage>(sections.Count);
        foreach (var (heading, body) in sections)
        {
            if (Anchor(heading).Length == 0)
                throw new FormatException($"The knowledge article '{slug}' has a '## ' line without a heading.");
            if (body.Length == 0)
                throw new FormatException($"The section '{heading}' of the knowledge article '{slug}' has no text.");
            if (passages.Any(p => Anchor(p.Heading) == Anchor(heading)))
                throw new FormatException($"The knowledge article '{slug}' has two sections headed '{heading}'; headings must differ.");
            passages.Add(new KnowledgePassage(slug, title, heading, body));
        }
        return new KnowledgeArticle(slug, title, passages);
    }

    /// <summary>The heading as a URL fragment: lowercase letters and digits, other runs of characters as one hyphen.</summary>
    public static string Anchor(string heading) => NonWordRun().Replace(heading.ToLowerInvariant(), "-").Trim('-');

    private static string? TitleOf(string line)
    {
        var trimmed = line.Trim();
        if (!trimmed.StartsWith("# ", StringComparison.Ordinal)) return null;
        var title = trimmed[2..].Trim();
        return title.Length == 0 ? null : title;
    }

    private static List<(string Heading, string Body)> Split(ReadOnlySpan<string> lines, string title)
    {
        var sections = new List<(string, string)>();
        var heading = title;
        var body = new StringBuilder();
        var inFence = false;
        var intro = true;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                AddSection(sections, heading, body, intro);
                heading = line[3..].Trim();
                body.Clear();
                intro = false;
                continue;
            }
            body.Append(line).Append('\n');
        }
        AddSection(sections, heading, body, intro);
        return sections;
    }

    private static void AddSection(List<(string, string)> sections, string heading, StringBuilder body, bool isIntro)
    {
        var text = body.ToString().Trim();
        // The text before the first heading is a passage only when there is some; a section always is, so an empty one is reported.
        if (!isIntro || text.Length > 0) sections.Add((heading, text));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWordRun();
}
