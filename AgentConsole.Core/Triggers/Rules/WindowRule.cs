using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers.Rules;

/// <summary>
/// Fires when a word from one set appears within a few words of a word from another, such as a
/// closing verb near "account" ("close my Pro account", "removal of the account") or "payment"
/// near "problem". It catches the many word orders a fixed phrase list misses, in linear time.
/// </summary>
public sealed class WindowRule
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _first;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _second;
    private readonly int _window;
    private readonly bool _forwardOnly;

    /// <param name="first">The anchor words.</param>
    /// <param name="second">The words one of which must sit near an anchor.</param>
    /// <param name="window">How many words away the second may be.</param>
    /// <param name="forwardOnly">Whether the second word must follow the first ("freeze my card"), not merely sit near it.</param>
    public WindowRule(IEnumerable<string> first, IEnumerable<string> second, int window, bool forwardOnly = false)
    {
        _forwardOnly = forwardOnly;
        _first = new HashSet<string>(first.Select(w => w.Trim().ToLowerInvariant()), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _second = new HashSet<string>(second.Select(w => w.Trim().ToLowerInvariant()), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _window = window;
    }

    /// <summary>The first match as (first token, last token), or null. A negated anchor word does not count.</summary>
    public (int First, int Last)? Find(TextTokens tokens) => Find(tokens, static (_, _) => true);

    /// <summary>The first match whose anchor word (of the first set) <paramref name="anchor"/> accepts, as (first token, last token), or null.</summary>
    public (int First, int Last)? Find(TextTokens tokens, Func<TextTokens, int, bool> anchor)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Word || !_first.Contains(tokens.Lower(i)) || Negation.IsNegated(tokens, i) || !anchor(tokens, i)) continue;
            var from = _forwardOnly ? i + 1 : Math.Max(0, i - _window);
            var to = Math.Min(tokens.Count - 1, i + _window);
            for (var j = from; j <= to; j++)
            {
                if (j != i && tokens[j].Kind == TokenKind.Word && _second.Contains(tokens.Lower(j))) return (Math.Min(i, j), Math.Max(i, j));
            }
        }
        return null;
    }
}
