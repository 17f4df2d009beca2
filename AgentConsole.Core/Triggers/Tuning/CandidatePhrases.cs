using AgentConsole.Core.Triggers.Requests;
using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>
/// The ways a customer's own message may be asking to reach someone: a verb of contact from the
/// request detector's vocabulary ("talk", "speak", "connect") followed, within the same clause, by
/// up to three words ending in a content word ("talk to billing", "speak with accounts team"), not
/// in a function word (the list ships as <c>Resources/Tuning/function-words.txt</c>). The phrases
/// come from the message itself; nothing lists the phrases to find.
/// </summary>
public static class CandidatePhrases
{
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FunctionWords = WordLists.Set("Tuning/function-words");

    /// <summary>The most words in a candidate, the verb included.</summary>
    public const int MaxWords = 4;

    /// <summary>The candidates in <paramref name="text"/>, lower-case, each once.</summary>
    public static IReadOnlyCollection<string> Of(string text)
    {
        var tokens = TextTokens.Of(text);
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < tokens.Count; t++)
        {
            if (tokens[t].Kind != TokenKind.Word || (RequestVocabulary.Classify(tokens, t) & WordClass.Contact) == 0) continue;
            var words = new List<string>(MaxWords) { tokens.Lower(t).ToString() };
            for (var u = t + 1; u < tokens.Count && words.Count < MaxWords; u++)
            {
                if (tokens[u].Kind != TokenKind.Word) break;
                var cls = RequestVocabulary.Classify(tokens, u);
                if ((cls & (WordClass.Negator | WordClass.Contact | WordClass.Desire)) != 0) break;
                words.Add(tokens.Lower(u).ToString());
                // A phrase ends in a word that says what to reach, not in "to" or "the".
                if (!FunctionWords.Contains(tokens.Lower(u))) found.Add(string.Join(' ', words));
            }
        }
        return found;
    }

    /// <summary>Whether <paramref name="phrase"/> holds <paramref name="part"/> as whole words.</summary>
    public static bool ContainsWords(string phrase, string part) =>
        $" {phrase} ".Contains($" {part} ", StringComparison.Ordinal);
}
