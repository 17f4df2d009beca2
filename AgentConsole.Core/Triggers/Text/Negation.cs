namespace AgentConsole.Core.Triggers.Text;

/// <summary>Whether a phrase is negated by a word shortly before it ("I haven't been hacked").</summary>
public static class Negation
{
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = WordLists.Set("Text/negators");

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
