using System.Text;
using System.Text.Json;

namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>How a customer answered the bot's "Did that help?".</summary>
public enum CustomerFeedback
{
    /// <summary>The message is not an answer to the question, such as a new question.</summary>
    None,
    /// <summary>The answer helped.</summary>
    Yes,
    /// <summary>The answer did not help.</summary>
    No,
}

/// <summary>
/// Tells a yes from a no in the customer's reply to "Did that help?", with the phrase lists in
/// <c>feedback-phrases.json</c>. A phrase matches whole words; a "leading" phrase only at the start of
/// the message. Letter case, punctuation and apostrophes are ignored. The first kind that matches wins:
/// a no anywhere, a yes anywhere, a leading no, a leading yes.
/// </summary>
public sealed class FeedbackPhrases
{
    private readonly string[] _noAnywhere, _yesAnywhere, _noLeading, _yesLeading;

    /// <summary>Builds the matcher from phrase lists.</summary>
    public FeedbackPhrases(IEnumerable<string> noAnywhere, IEnumerable<string> yesAnywhere, IEnumerable<string> noLeading, IEnumerable<string> yesLeading)
    {
        _noAnywhere = Prepare(noAnywhere);
        _yesAnywhere = Prepare(yesAnywhere);
        _noLeading = Prepare(noLeading);
        _yesLeading = Prepare(yesLeading);
    }

    /// <summary>The phrase lists that ship embedded as <c>feedback-phrases.json</c>.</summary>
    public static FeedbackPhrases BuiltIn { get; } = Load();

    /// <summary>Whether <paramref name="message"/> says the bot's answer helped, did not, or neither.</summary>
    public CustomerFeedback Classify(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = Normalise(message);
        if (_noAnywhere.Any(p => text.Contains(p, StringComparison.Ordinal))) return CustomerFeedback.No;
        if (_yesAnywhere.Any(p => text.Contains(p, StringComparison.Ordinal))) return CustomerFeedback.Yes;
        if (_noLeading.Any(p => text.StartsWith(p, StringComparison.Ordinal))) return CustomerFeedback.No;
        if (_yesLeading.Any(p => text.StartsWith(p, StringComparison.Ordinal))) return CustomerFeedback.Yes;
        return CustomerFeedback.None;
    }

    private static FeedbackPhrases Load()
    {
        using var stream = KnowledgeResources.Open("feedback-phrases.json");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        return new FeedbackPhrases(List(root, "no", "anywhere"), List(root, "yes", "anywhere"), List(root, "no", "leading"), List(root, "yes", "leading"));
    }

    private static IEnumerable<string> List(JsonElement root, string answer, string position) =>
        root.GetProperty(answer).GetProperty(position).EnumerateArray().Select(e => e.GetString()!).ToArray();

    // Phrases and messages are both reduced to " word word ", so a plain substring test matches whole words only.
    private static string[] Prepare(IEnumerable<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        return phrases.Select(Normalise).Where(p => p.Trim().Length > 0).Distinct().ToArray();
    }

    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append(' ');
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (c is '\'' or '\u2019') continue;
            else if (builder[^1] != ' ') builder.Append(' ');
        }
        if (builder[^1] != ' ') builder.Append(' ');
        return builder.ToString();
    }
}
