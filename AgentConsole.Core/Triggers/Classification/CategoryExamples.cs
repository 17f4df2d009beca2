using System.Text;
using System.Text.Json;

namespace AgentConsole.Core.Triggers.Classification;

/// <summary>
/// Reads labelled example utterances from JSON Lines: one object a line,
/// <c>{"category": "Billing", "text": "why was I charged twice"}</c>. Blank lines are skipped.
/// </summary>
public static class CategoryExamples
{
    /// <summary>The manifest name of the project's own examples inside AgentConsole.Core.</summary>
    public const string DefaultResourceName = "AgentConsole.Core.Triggers.category-examples.jsonl";

    /// <summary>The longest example text accepted, in characters.</summary>
    public const int MaxTextLength = 1_000;

    private const int MaxReportedErrors = 20;

    /// <summary>
    /// The examples the project ships: the general ones, then every industry's labelled utterances
    /// (<see cref="Evaluation.LabelledUtterances.BuiltIn"/>).
    /// </summary>
    public static IReadOnlyList<CategoryExample> LoadDefault() => [.. LoadGeneral(), .. Evaluation.LabelledUtterances.BuiltIn.Select(u => u.Example)];

    /// <summary>The general examples, which belong to no one industry, read from the embedded resource.</summary>
    public static IReadOnlyList<CategoryExample> LoadGeneral()
    {
        using var stream = typeof(CategoryExamples).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{DefaultResourceName}' is missing from {typeof(CategoryExamples).Assembly.GetName().Name}.");
        return Parse(stream);
    }

    /// <summary>
    /// Parses JSON Lines examples. Every line must be an object with a <c>category</c> that names
    /// an <see cref="IssueCategory"/> (any letter case) and a non-blank <c>text</c>.
    /// </summary>
    /// <exception cref="FormatException">One or more lines are bad; the message names each by its line number.</exception>
    public static IReadOnlyList<CategoryExample> Parse(Stream stream) => ReadLines(stream, "The category examples", ParseExample);

    /// <summary>Reads a line's object into a value, or returns null with what is wrong in <paramref name="error"/>.</summary>
    internal delegate T? LineReader<T>(JsonElement line, out string error) where T : class;

    /// <summary>
    /// Reads JSON Lines, one object a line, skipping blank lines, with <paramref name="read"/>. Every
    /// bad line is reported at once, by number, in one <see cref="FormatException"/> about <paramref name="what"/>.
    /// </summary>
    internal static IReadOnlyList<T> ReadLines<T>(Stream stream, string what, LineReader<T> read) where T : class
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var values = new List<T>();
        var errors = new List<string>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var value = ReadLine(line, read, out var error);
            if (value is not null) values.Add(value);
            else errors.Add($"line {lineNumber}: {error}");
        }

        if (errors.Count > 0)
        {
            var shown = string.Join(Environment.NewLine, errors.Take(MaxReportedErrors));
            var more = errors.Count > MaxReportedErrors ? $"{Environment.NewLine}…and {errors.Count - MaxReportedErrors} more." : "";
            throw new FormatException($"{what} have {errors.Count} bad line(s):{Environment.NewLine}{shown}{more}");
        }
        return values;
    }

    private static T? ReadLine<T>(string line, LineReader<T> read, out string error) where T : class
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            error = $"not valid JSON ({e.Message})";
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object) return read(document.RootElement, out error);
            error = "expected a JSON object with \"category\" and \"text\".";
            return null;
        }
    }

    /// <summary>The example a line's object holds: its <c>category</c> and <c>text</c>.</summary>
    internal static CategoryExample? ParseExample(JsonElement root, out string error)
    {
        if (!root.TryGetProperty("category", out var categoryElement) || categoryElement.ValueKind != JsonValueKind.String)
        {
            error = "\"category\" is missing or is not a string.";
            return null;
        }
        if (!TryParseCategory(categoryElement.GetString()!, out var category))
        {
            error = $"unknown category \"{categoryElement.GetString()}\"; expected one of {string.Join(", ", Enum.GetNames<IssueCategory>())}.";
            return null;
        }
        if (!root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
        {
            error = "\"text\" is missing or is not a string.";
            return null;
        }
        var text = textElement.GetString()!.Trim();
        if (text.Length == 0)
        {
            error = "\"text\" is blank.";
            return null;
        }
        if (text.Length > MaxTextLength)
        {
            error = $"\"text\" is longer than {MaxTextLength} characters.";
            return null;
        }
        error = "";
        return new CategoryExample(category, text);
    }

    // Enum.TryParse would also accept numbers such as "3", which an admin never means.
    private static bool TryParseCategory(string value, out IssueCategory category)
    {
        foreach (var candidate in Enum.GetValues<IssueCategory>())
        {
            if (string.Equals(candidate.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                category = candidate;
                return true;
            }
        }
        category = default;
        return false;
    }
}
