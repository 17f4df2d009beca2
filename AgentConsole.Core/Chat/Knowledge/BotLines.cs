using System.Text.Json;

namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>
/// What the built-in bot says around its answers, read from <c>bot-lines.json</c> so that the
/// wording can change without touching code.
/// </summary>
/// <param name="DidThatHelp">Asked after an answer.</param>
/// <param name="Closing">Said when the customer confirms that an answer helped.</param>
/// <param name="Retry">Said before a second answer, after the first did not help.</param>
/// <param name="NotSure">Said when no passage is likely enough to answer.</param>
/// <param name="GettingPerson">Said when an answer did not help and there is no likely second one.</param>
/// <param name="HandoffTemplate">The handoff line, with <c>{a}</c> and <c>{team}</c> placeholders.</param>
public sealed record BotLines(string DidThatHelp, string Closing, string Retry, string NotSure, string GettingPerson, string HandoffTemplate)
{
    // Acronyms read letter by letter take "an" when their first letter's name starts with a vowel sound: "an API", "an SSO".
    private const string AnLetters = "AEFHILMNORSX";

    /// <summary>The lines that ship embedded as <c>bot-lines.json</c>.</summary>
    public static BotLines BuiltIn { get; } = Load();

    /// <summary>
    /// The line said when a conversation goes to <paramref name="team"/>, such as "Connecting you with a
    /// billing specialist. …" for "Billing". Words are lower-cased except acronyms ("API and Integrations"
    /// gives "an API and integrations specialist").
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="team"/> is blank.</exception>
    public string Handoff(string team)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(team);
        var words = team.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var name = string.Join(' ', words.Select(w => IsAcronym(w) ? w : w.ToLowerInvariant()));
        var article = IsAcronym(words[0])
            ? (AnLetters.Contains(words[0][0]) ? "an" : "a")
            : ("aeio".Contains(name[0]) ? "an" : "a");
        return HandoffTemplate.Replace("{a}", article, StringComparison.Ordinal).Replace("{team}", name, StringComparison.Ordinal);
    }

    private static bool IsAcronym(string word) => word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c));

    private static BotLines Load()
    {
        using var stream = KnowledgeResources.Open("bot-lines.json");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        string Line(string name) => root.GetProperty(name).GetString()!;
        return new BotLines(Line("didThatHelp"), Line("closing"), Line("retry"), Line("notSure"), Line("gettingPerson"), Line("handoff"));
    }
}
