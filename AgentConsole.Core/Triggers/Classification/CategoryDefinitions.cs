using System.Text.Json;

namespace AgentConsole.Core.Triggers.Classification;

/// <summary>
/// What an issue category means: a one-line summary, what belongs, what does not and how to call the
/// borderline cases. Written with the examples and shown to admins beside them, so whoever adds an
/// example labels it by the same meaning. (Given to the classifier as prototype examples, they
/// changed nothing in leave-one-industry-out validation, so it does not use them.)
/// </summary>
public sealed record CategoryDefinition(IssueCategory Category, string Summary, IReadOnlyList<string> Includes,
    IReadOnlyList<string> Excludes, IReadOnlyList<string> Borderline);

/// <summary>The project's category definitions, read once from the embedded <c>category-definitions.json</c>.</summary>
public static class CategoryDefinitions
{
    private const string ResourceName = "AgentConsole.Core.Triggers.category-definitions.json";

    private static readonly Lazy<IReadOnlyDictionary<IssueCategory, CategoryDefinition>> Loaded = new(Load);

    /// <summary>Every category's definition, in the categories' order.</summary>
    public static IReadOnlyList<CategoryDefinition> All => [.. Enum.GetValues<IssueCategory>().Select(Of)];

    /// <summary>The definition of <paramref name="category"/>.</summary>
    public static CategoryDefinition Of(IssueCategory category) => Loaded.Value[category];

    private static IReadOnlyDictionary<IssueCategory, CategoryDefinition> Load()
    {
        using var stream = typeof(CategoryDefinitions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing.");
        using var document = JsonDocument.Parse(stream);
        var definitions = new Dictionary<IssueCategory, CategoryDefinition>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var category = Enum.Parse<IssueCategory>(property.Name);
            IReadOnlyList<string> List(string name) => [.. property.Value.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
            definitions[category] = new CategoryDefinition(category, property.Value.GetProperty("summary").GetString()!, List("includes"), List("excludes"), List("borderline"));
        }
        var missing = Enum.GetValues<IssueCategory>().Where(c => !definitions.ContainsKey(c)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"No definition for {string.Join(", ", missing)}.");
        return definitions;
    }
}
