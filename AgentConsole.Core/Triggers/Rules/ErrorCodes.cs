using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers.Rules;

/// <summary>Finds error codes in a message: "error 500", "0x80070005", "code E1234", "HTTP 403".</summary>
public static class ErrorCodes
{
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CueLookup = WordLists.Set("Rules/error-code-cues");

    /// <summary>The first error code in <paramref name="tokens"/> with its cue word, or null.</summary>
    public static string? Find(TextTokens tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Symbol) continue;
            var word = tokens.Lower(i);
            // Every code has a digit; most words have none, so they cost one scan and no lookups.
            if (!word.ContainsAnyInRange('0', '9')) continue;
            var cued = IsCue(tokens, i - 1) || IsCue(tokens, i + 1) || IsCue(tokens, i - 2);
            // A bare code-like token needs a cue word beside it, so order numbers such as "ord123456" don't count.
            if (IsHex(word) || cued && (token.Kind == TokenKind.Number ? IsStatus(word) : IsLetterDigitCode(word)))
                return tokens.Span(Math.Max(0, i - 1), Math.Min(2, tokens.Count - Math.Max(0, i - 1)));
        }
        return null;
    }

    private static bool IsCue(TextTokens tokens, int index) =>
        index >= 0 && index < tokens.Count && tokens[index].Kind == TokenKind.Word && CueLookup.Contains(tokens.Lower(index));

    // HTTP-style statuses 400-599.
    private static bool IsStatus(ReadOnlySpan<char> word) => word.Length == 3 && (word[0] == '4' || word[0] == '5');

    private static bool IsHex(ReadOnlySpan<char> word) => word.Length >= 6 && word.StartsWith("0x") && !word[2..].ContainsAnyExcept("0123456789abcdef");

    // A short letter prefix then digits, such as e1234.
    private static bool IsLetterDigitCode(ReadOnlySpan<char> word)
    {
        int letters = 0, digits = 0, i = 0;
        while (i < word.Length && char.IsAsciiLetter(word[i])) { letters++; i++; }
        while (i < word.Length && char.IsAsciiDigit(word[i])) { digits++; i++; }
        return i == word.Length && letters is >= 1 and <= 3 && digits >= 3;
    }
}
