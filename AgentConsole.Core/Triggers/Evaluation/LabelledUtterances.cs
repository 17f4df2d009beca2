using System.Text.Json;
using AgentConsole.Core.Triggers.Classification;

namespace AgentConsole.Core.Triggers.Evaluation;

/// <summary>
/// One customer message with what should happen to it: its issue category, whether a human should
/// take over after it alone, and the main reason why. <see cref="Industry"/> names the set it came from.
/// </summary>
public sealed record LabelledUtterance(string Industry, string Text, IssueCategory Category, bool Escalate, ReasonCategory? Reason)
{
    /// <summary>The utterance as a classifier example.</summary>
    public CategoryExample Example => new(Category, Text);
}

/// <summary>
/// Labelled utterances in JSON Lines: <c>{"category": "Billing", "text": "…", "escalate": true, "reason": "Complexity"}</c>
/// (other properties, such as an id or a source, are ignored; <c>reason</c> is empty when nothing
/// escalates). The project ships one file per industry, written by the project, as examples for
/// the classifier and as the sets its cross-industry validation holds out in turn.
/// </summary>
public static class LabelledUtterances
{
    private const string ResourcePrefix = "AgentConsole.Core.Triggers.Examples.";

    /// <summary>The industries the project has written examples for, by name (the file name without extension).</summary>
    public static IReadOnlyList<string> BuiltInIndustries { get; } = [.. typeof(LabelledUtterances).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".jsonl", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".jsonl".Length])
        .Order(StringComparer.Ordinal)];

    /// <summary>Every built-in industry's utterances, read once.</summary>
    public static IReadOnlyList<LabelledUtterance> BuiltIn => LazyBuiltIn.Value;

    private static readonly Lazy<IReadOnlyList<LabelledUtterance>> LazyBuiltIn = new(() =>
    [
        .. BuiltInIndustries.SelectMany(industry =>
        {
            using var stream = typeof(LabelledUtterances).Assembly.GetManifestResourceStream(ResourcePrefix + industry + ".jsonl")!;
            return Parse(stream, industry);
        }),
    ]);

    /// <summary>The utterances as examples of asking for a person and of complaining, or not.</summary>
    public static IReadOnlyList<LabelledMessage> Messages(IEnumerable<LabelledUtterance> utterances) =>
        [.. utterances.Select(u => new LabelledMessage(u.Text, u.Reason == ReasonCategory.CustomerRequest, u.Reason == ReasonCategory.Sentiment))];

    /// <summary>Reads a labelled file; every utterance in it belongs to <paramref name="industry"/>.</summary>
    /// <exception cref="FormatException">One or more lines are bad; the message names each by its line number.</exception>
    public static IReadOnlyList<LabelledUtterance> Parse(Stream stream, string industry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(industry);
        return CategoryExamples.ReadLines(stream, $"The labelled utterances of {industry}", (JsonElement root, out string error) => ParseLine(root, industry, out error));
    }

    private static LabelledUtterance? ParseLine(JsonElement root, string industry, out string error)
    {
        // The category and text follow the examples' own rules, so a labelled file is also an examples file.
        var example = CategoryExamples.ParseExample(root, out error);
        if (example is null) return null;
        if (!root.TryGetProperty("escalate", out var escalate) || escalate.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            error = "\"escalate\" is missing or is not true or false.";
            return null;
        }
        ReasonCategory? reason = null;
        if (root.TryGetProperty("reason", out var reasonElement) && reasonElement.ValueKind == JsonValueKind.String && reasonElement.GetString() is { Length: > 0 } name)
        {
            if (!Enum.TryParse<ReasonCategory>(name, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(name[0]))
            {
                error = $"unknown reason \"{name}\"; expected one of {string.Join(", ", Enum.GetNames<ReasonCategory>())}.";
                return null;
            }
            reason = parsed;
        }
        error = "";
        return new LabelledUtterance(industry, example.Text, example.Category, escalate.GetBoolean(), escalate.GetBoolean() ? reason : null);
    }
}
