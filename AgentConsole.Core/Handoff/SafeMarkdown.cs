using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AgentConsole.Core.Handoff;

/// <summary>
/// Renders Markdown to HTML that is safe to put on a page: raw HTML is shown as text, links keep
/// only http, https and mailto targets, and images are reduced to their alt text.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseEmphasisExtras().Build();
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <summary>The HTML for <paramref name="markdown"/>.</summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList()) Neutralize(link);
        foreach (var link in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsAllowed(link.Url)) link.ReplaceBy(new LiteralInline(link.Url));
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Whether a link target may be rendered as a link.</summary>
    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return false;
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so judge the URL without them.
        var compact = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        return Uri.TryCreate(compact, UriKind.Absolute, out var uri) && AllowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase);
    }

    private static void Neutralize(LinkInline link)
    {
        if (link.IsImage)
        {
            // Images could load from anywhere (tracking pixels, data: payloads); keep the words only.
            var alt = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
            link.ReplaceBy(new LiteralInline(alt));
            return;
        }
        if (IsAllowed(link.Url)) return;
        var container = new ContainerInline();
        foreach (var child in link.ToList())
        {
            child.Remove();
            container.AppendChild(child);
        }
        link.ReplaceBy(container);
    }
}
