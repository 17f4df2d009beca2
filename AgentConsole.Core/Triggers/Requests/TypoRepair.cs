using System.Text;
using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers.Requests;

/// <summary>Which words a typo-repair pass should look at.</summary>
[Flags]
internal enum RepairHint : byte { None = 0, Nouns = 1, Verbs = 2 }

/// <summary>
/// The second pass for messages that read like a request but matched nothing: swaps a misspelt
/// longer noun for its spelling ("represenative", "custmer", "operater") and tries again. Only
/// words near a request verb, or in a message of a few words, are looked at.
/// </summary>
internal static class TypoRepair
{
    private const int Reach = 4;
    private const int MinNounLength = 6;
    private const int MaxLength = 20;
    /// <summary>Corrections tried per message at most: typos come in short messages, and this bounds the cost of long ones.</summary>
    private const int Budget = 64;
    /// <summary>Longer messages are not repaired: typos that hide a request come in short messages.</summary>
    private const int MaxWords = 60;

    /// <summary>Whether a second pass may help: verbs are repaired when a noun matched, nouns when a verb did.</summary>
    public static RepairHint Hint(ref TokenView view, bool sawCandidate)
    {
        if (view.Tokens.WordCount > MaxWords) return RepairHint.None;
        var hint = sawCandidate ? RepairHint.Verbs : RepairHint.None;
        if (view.Tokens.WordCount <= 3) return hint | RepairHint.Nouns;
        for (var t = 0; t < view.Count; t++)
            if (view.Has(t, WordClass.Contact | WordClass.Desire)) return hint | RepairHint.Nouns;
        return hint;
    }

    /// <summary>The message with its misspelt words corrected, token for token, or null when none is.</summary>
    public static TextTokens? Repair(TextTokens tokens, RepairHint hint)
    {
        StringBuilder? repaired = null;
        var copied = 0;
        var tries = 0;
        var reachEnd = tokens.WordCount <= 3 ? tokens.Count : 0;
        for (var t = 0; t < tokens.Count && tries < Budget; t++)
        {
            var token = tokens[t];
            if (token.Kind != TokenKind.Word || token.Length > MaxLength) continue;
            var word = tokens.Lower(t);
            string? correct = null;
            if (RequestVocabulary.IsFrameVerb(word)) reachEnd = Math.Max(reachEnd, t + 1 + Reach);
            else if ((hint & RepairHint.Verbs) != 0 && word.Length >= 3 && word.Length <= 9)
            {
                tries++;
                correct = Correct(word, RequestVocabulary.VerbSpellings);
                if (correct is not null) reachEnd = Math.Max(reachEnd, t + 1 + Reach);
            }
            if (correct is null && (hint & RepairHint.Nouns) != 0 && t < reachEnd && word.Length >= MinNounLength)
            {
                tries++;
                correct = Correct(word, RequestVocabulary.NounSpellings);
            }
            if (correct is null) continue;
            repaired ??= new StringBuilder(tokens.Text.Length + 8);
            repaired.Append(tokens.Text, copied, token.Start - copied).Append(correct);
            copied = token.Start + token.Length;
        }
        if (repaired is null) return null;
        repaired.Append(tokens.Text, copied, tokens.Text.Length - copied);
        var result = TextTokens.Of(repaired.ToString());
        return result.Count == tokens.Count ? result : null;
    }

    /// <summary>
    /// The first of <paramref name="spellings"/> that <paramref name="word"/> is one edit from, when
    /// <paramref name="word"/> is not spelt right already.
    /// </summary>
    private static string? Correct(ReadOnlySpan<char> word, IReadOnlyList<string> spellings)
    {
        if (RequestVocabulary.IsKnownSpelling(word)) return null;
        for (var i = 0; i < spellings.Count; i++)
        {
            var spelling = spellings[i];
            // Typos rarely miss both of the first two letters; checking them first keeps the pass cheap.
            if (word[0] != spelling[0] && word[1] != spelling[1] && !(word[0] == spelling[1] && word[1] == spelling[0])) continue;
            if (WithinDistance(word, spelling, 1)) return spelling;
        }
        return null;
    }

    /// <summary>Optimal-string-alignment distance, stopping once it must exceed <paramref name="max"/>.</summary>
    public static bool WithinDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return false;
        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > max) return false;
            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.Length] <= max;
    }
}

