using System.Text.Json;
using AgentConsole.Core.Triggers.Classification;

namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>A question a customer might type, and the article that answers it, or null when none does.</summary>
/// <param name="Text">The question as the customer would write it.</param>
/// <param name="ArticleSlug">The slug of the article that answers it, or null when the knowledge base cannot.</param>
public sealed record LabelledQuestion(string Text, string? ArticleSlug);

/// <summary>
/// Reads labelled questions from JSON Lines, one object a line:
/// <c>{"text": "export failed", "article": "exports"}</c>, with <c>"article": null</c> for a question
/// the knowledge base cannot answer. The shipped set calibrates <see cref="ConfidenceCalibration"/>.
/// </summary>
public static class LabelledQuestions
{
    /// <summary>The questions that ship embedded as <c>questions.jsonl</c>.</summary>
    public static IReadOnlyList<LabelledQuestion> LoadBuiltIn()
    {
        using var stream = KnowledgeResources.Open("questions.jsonl");
        return Parse(stream);
    }

    /// <summary>Parses labelled questions; every line needs a non-blank <c>text</c> and an <c>article</c> that is a string or null.</summary>
    /// <exception cref="FormatException">One or more lines are bad; the message names each by its line number.</exception>
    public static IReadOnlyList<LabelledQuestion> Parse(Stream stream) => CategoryExamples.ReadLines(stream, "The labelled questions", ParseLine);

    private static LabelledQuestion? ParseLine(JsonElement root, out string error)
    {
        if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetString()))
        {
            error = "\"text\" is missing, blank or not a string.";
            return null;
        }
        if (!root.TryGetProperty("article", out var article) || article.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            error = "\"article\" is missing or is neither a slug nor null.";
            return null;
        }
        error = "";
        return new LabelledQuestion(text.GetString()!.Trim(), article.ValueKind == JsonValueKind.Null ? null : article.GetString());
    }
}
