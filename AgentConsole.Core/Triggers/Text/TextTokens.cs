using System.Globalization;

namespace AgentConsole.Core.Triggers.Text;

/// <summary>What a token is.</summary>
public enum TokenKind { Word, Number, Symbol }

/// <summary>A token's place in the text, its kind, and whether it was written in capitals.</summary>
public readonly record struct Token(int Start, int Length, TokenKind Kind, bool Shouted);

/// <summary>
/// A message split into tokens in one linear pass, with the surface signals the triggers read:
/// capitals, and runs of '!' and '?'. Words are runs of letters and digits (with inner apostrophes,
/// so "don't" is one word); other characters form symbol tokens, so ":(" and "!!!" are tokens and
/// each emoji is one. Token text is read from <see cref="Lowered"/>, a lower-cased copy in which
/// curly apostrophes are straight, so lookups need no further allocation.
/// </summary>
public sealed class TextTokens
{
    private readonly List<Token> _tokens;

    private TextTokens(string text, string lowered, List<Token> tokens)
    {
        Text = text;
        Lowered = lowered;
        _tokens = tokens;
    }

    /// <summary>The original text.</summary>
    public string Text { get; }

    /// <summary>The text lower-cased, with ’ and ‘ as '. It has the same length as <see cref="Text"/>.</summary>
    public string Lowered { get; }

    public int Count => _tokens.Count;
    public Token this[int index] => _tokens[index];

    /// <summary>The lower-cased text of token <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Lower(int index) => Lowered.AsSpan(_tokens[index].Start, _tokens[index].Length);

    /// <summary>The original text of token <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Original(int index) => Text.AsSpan(_tokens[index].Start, _tokens[index].Length);

    /// <summary>The original text from token <paramref name="first"/> through <paramref name="count"/> tokens.</summary>
    public string Span(int first, int count)
    {
        var start = _tokens[first].Start;
        var last = _tokens[first + count - 1];
        return Text.Substring(start, last.Start + last.Length - start);
    }

    public int WordCount { get; private set; }
    public int LetterCount { get; private set; }
    public int UpperLetterCount { get; private set; }
    /// <summary>Words of two or more letters written entirely in capitals.</summary>
    public int ShoutedWordCount { get; private set; }
    public int LongestExclamationRun { get; private set; }
    public int LongestQuestionRun { get; private set; }

    /// <summary>Tokenizes <paramref name="text"/>.</summary>
    public static TextTokens Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lowered = string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c < 128 ? (c is >= 'A' and <= 'Z' ? (char)(c + 32) : c == '`' ? '\'' : c)
                    : c is '\u2019' or '\u2018' ? '\'' : char.ToLowerInvariant(c);
            }
        });
        var result = new TextTokens(text, lowered, new List<Token>(Math.Min(text.Length / 4 + 4, 4096)));
        result.Scan();
        return result;
    }

    private void Scan()
    {
        var text = Text;
        int bangRun = 0, questionRun = 0;
        foreach (var c in text)
        {
            bangRun = c == '!' ? bangRun + 1 : 0;
            questionRun = c == '?' ? questionRun + 1 : 0;
            if (bangRun > LongestExclamationRun) LongestExclamationRun = bangRun;
            if (questionRun > LongestQuestionRun) LongestQuestionRun = questionRun;
        }

        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsSpace(c)) i++;
            else if (IsWordChar(c)) i = ScanWord(i);
            else i = ScanSymbol(i);
        }
    }

    private int ScanWord(int start)
    {
        var text = Text;
        int i = start, letters = 0, upper = 0;
        var digitsOnly = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsWordChar(c))
            {
                if (c < 128 ? !char.IsAsciiDigit(c) : char.IsLetter(c))
                {
                    digitsOnly = false;
                    letters++;
                    if (c < 128 ? char.IsAsciiLetterUpper(c) : char.IsUpper(c)) upper++;
                }
                i++;
            }
            else if (IsApostrophe(c) && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > start)
            {
                i++;
            }
            else break;
        }
        LetterCount += letters;
        UpperLetterCount += upper;
        var shouted = letters >= 2 && upper == letters;
        if (shouted) ShoutedWordCount++;
        if (!digitsOnly) WordCount++;
        _tokens.Add(new Token(start, i - start, digitsOnly ? TokenKind.Number : TokenKind.Word, shouted));
        return i;
    }

    private int ScanSymbol(int start)
    {
        var text = Text;
        // An emoji (or any other symbol outside punctuation) stands alone; punctuation runs join.
        if (IsStandaloneSymbol(text, start, out var width))
        {
            _tokens.Add(new Token(start, width, TokenKind.Symbol, false));
            return start + width;
        }
        var i = start;
        while (i < text.Length && !IsSpace(text[i]) && !IsWordChar(text[i]) && !IsStandaloneSymbol(text, i, out _))
            i++;
        _tokens.Add(new Token(start, i - start, TokenKind.Symbol, false));
        return i;
    }

    // ASCII first: nearly every character of a support message is ASCII, and these are the hot checks.
    private static bool IsSpace(char c) => c < 128 ? c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v' : char.IsWhiteSpace(c);

    private static bool IsWordChar(char c) => c < 128 ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c);

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '`';

    private static bool IsStandaloneSymbol(string text, int index, out int width)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return true;
        }
        width = 1;
        if (c < 128) return false;
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.OtherSymbol or UnicodeCategory.Surrogate;
    }
}
