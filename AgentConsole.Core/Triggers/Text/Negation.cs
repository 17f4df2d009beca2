namespace AgentConsole.Core.Triggers.Text;

/// <summary>Whether a phrase is negated by a word shortly before it ("I haven't been hacked").</summary>
public static class Negation
{
    private static readonly HashSet<string> Negators = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "isn't", "isnt", "wasn't", "wasnt",
        "haven't", "havent", "hasn't", "hasnt", "hadn't", "won't", "wont", "can't", "cant", "cannot", "aren't", "arent",
        "weren't", "nothing", "nobody", "neither", "nor", "without", "shouldn't", "wouldn't", "couldn't",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Negators.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Whether one of the <paramref name="window"/> words before token <paramref name="index"/> is a
    /// negator, stopping at a clause break (punctuation other than an apostrophe).
    /// </summary>
    public static bool IsNegated(TextTokens tokens, int index, int window = 3)
    {
        for (int i = index - 1, seen = 0; i >= 0 && seen < window; i--)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Symbol) return false;
            if (Lookup.Contains(tokens.Lower(i))) return true;
            seen++;
        }
        return false;
    }
}
