namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>
/// Reads the knowledge base's embedded resources: the articles as
/// <c>AgentConsole.Core.Chat.Knowledge.Articles.&lt;slug&gt;.md</c> and the other files as
/// <c>AgentConsole.Core.Chat.Knowledge.&lt;file&gt;</c>.
/// </summary>
internal static class KnowledgeResources
{
    private const string Prefix = "AgentConsole.Core.Chat.Knowledge.";
    private const string ArticlePrefix = Prefix + "Articles.";
    private const string ArticleExtension = ".md";

    /// <summary>Every embedded article as (slug, Markdown), ordered by slug.</summary>
    public static IReadOnlyList<(string Slug, string Markdown)> Articles() =>
        typeof(KnowledgeResources).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ArticlePrefix, StringComparison.Ordinal) && n.EndsWith(ArticleExtension, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[ArticlePrefix.Length..^ArticleExtension.Length], ReadText(n)))
            .ToArray();

    /// <summary>Opens the resource file <paramref name="fileName"/>, such as <c>calibration.json</c>.</summary>
    /// <exception cref="InvalidOperationException">No such resource ships in the assembly.</exception>
    public static Stream Open(string fileName) => OpenManifest(Prefix + fileName);

    private static string ReadText(string manifestName)
    {
        using var reader = new StreamReader(OpenManifest(manifestName));
        return reader.ReadToEnd();
    }

    private static Stream OpenManifest(string manifestName) =>
        typeof(KnowledgeResources).Assembly.GetManifestResourceStream(manifestName)
            ?? throw new InvalidOperationException($"The embedded resource '{manifestName}' is missing from {typeof(KnowledgeResources).Assembly.GetName().Name}.");
}
