namespace AgentConsole.Core.Triggers.Text;

/// <summary>A phrase found in a text: where it starts, how many tokens it spans, and its value.</summary>
public readonly record struct PhraseHit<T>(int FirstToken, int TokenCount, T Value);

/// <summary>
/// Finds known phrases in tokenized text. Phrases are tokenized the same way as the text, so
/// "rip-off", ":(" and "can't" match as written. At each position the longest phrase wins and
/// matches do not overlap. The cost is linear in the text: each position walks at most
/// <see cref="MaxPhraseTokens"/> trie steps, and lookups are by span, allocating nothing.
/// </summary>
public sealed class PhraseMatcher<T>
{
    private const int FilterBits = 4096;
    private readonly Node _root = new();
    /// <summary>
    /// A bitmap over a cheap hash of every phrase's first token: most tokens of a message start no
    /// phrase, and this turns them away without hashing them into the trie.
    /// </summary>
    private readonly ulong[] _firstTokens = new ulong[FilterBits / 64];

    public PhraseMatcher(IEnumerable<KeyValuePair<string, T>> phrases)
    {
        foreach (var (phrase, value) in phrases)
        {
            var tokens = TextTokens.Of(phrase);
            if (tokens.Count == 0) continue;
            var node = _root;
            var first = FilterIndex(tokens.Lower(0));
            _firstTokens[first >> 6] |= 1UL << (first & 63);
            for (var i = 0; i < tokens.Count; i++) node = node.Child(tokens.Lower(i).ToString());
            node.Terminal = true;
            node.Value = value;
            MaxPhraseTokens = Math.Max(MaxPhraseTokens, tokens.Count);
            PhraseCount++;
        }
    }

    /// <summary>The longest phrase, in tokens.</summary>
    public int MaxPhraseTokens { get; }

    /// <summary>How many phrases the matcher knows.</summary>
    public int PhraseCount { get; }

    /// <summary>Adds every non-overlapping phrase in <paramref name="tokens"/> to <paramref name="hits"/>, left to right.</summary>
    public void Match(TextTokens tokens, List<PhraseHit<T>> hits)
    {
        var i = 0;
        while (i < tokens.Count)
        {
            if (LongestAt(tokens, i) is { } hit)
            {
                hits.Add(hit);
                i += hit.TokenCount;
            }
            else i++;
        }
    }

    /// <summary>The longest phrase that starts at token <paramref name="start"/>, if any.</summary>
    public PhraseHit<T>? LongestAt(TextTokens tokens, int start)
    {
        if (!MayStartPhrase(tokens, start)) return null;
        PhraseHit<T>? best = null;
        var node = _root;
        for (var j = start; j < tokens.Count && j - start < MaxPhraseTokens; j++)
        {
            if (!node.TryGet(tokens.Lower(j), out node)) break;
            if (node.Terminal) best = new PhraseHit<T>(start, j - start + 1, node.Value!);
        }
        return best;
    }

    /// <summary>
    /// The longest phrase that starts at token <paramref name="start"/> and whose value
    /// <paramref name="accept"/> takes, if any: lets a caller look past phrases it has already handled.
    /// </summary>
    public PhraseHit<T>? LongestAt(TextTokens tokens, int start, Func<T, bool> accept)
    {
        ArgumentNullException.ThrowIfNull(accept);
        if (!MayStartPhrase(tokens, start)) return null;
        PhraseHit<T>? best = null;
        var node = _root;
        for (var j = start; j < tokens.Count && j - start < MaxPhraseTokens; j++)
        {
            if (!node.TryGet(tokens.Lower(j), out node)) break;
            if (node.Terminal && accept(node.Value!)) best = new PhraseHit<T>(start, j - start + 1, node.Value!);
        }
        return best;
    }

    /// <summary>Whether any phrase occurs in <paramref name="tokens"/>.</summary>
    public bool Contains(TextTokens tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (LongestAt(tokens, i) is not null) return true;
        }
        return false;
    }

    private bool MayStartPhrase(TextTokens tokens, int start)
    {
        if ((uint)start >= (uint)tokens.Count) return false;
        var index = FilterIndex(tokens.Lower(start));
        return (_firstTokens[index >> 6] & (1UL << (index & 63))) != 0;
    }

    /// <summary>A hash of a token's length and its first, second and last characters.</summary>
    private static int FilterIndex(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty) return 0;
        var hash = (uint)token.Length * 0x9E3779B1u;
        hash ^= token[0] * 0x85EBCA6Bu;
        hash ^= token[^1] * 0xC2B2AE35u;
        if (token.Length > 1) hash ^= token[1] * 0x27D4EB2Fu;
        hash ^= hash >> 15;
        return (int)(hash & (FilterBits - 1));
    }

    private sealed class Node
    {
        private Dictionary<string, Node>? _children;
        private Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        /// <summary>One bit per child, by <see cref="FilterIndex"/>: most words follow no phrase prefix and are turned away here.</summary>
        private ulong _childMask;

        public bool Terminal;
        public T? Value;

        public Node Child(string word)
        {
            if (_children is null)
            {
                _children = new Dictionary<string, Node>(StringComparer.Ordinal);
                _lookup = _children.GetAlternateLookup<ReadOnlySpan<char>>();
            }
            if (!_children.TryGetValue(word, out var child)) _children[word] = child = new Node();
            _childMask |= 1UL << (FilterIndex(word) & 63);
            return child;
        }

        public bool TryGet(ReadOnlySpan<char> word, out Node node)
        {
            if (_children is not null && (_childMask & (1UL << (FilterIndex(word) & 63))) != 0 && _lookup.TryGetValue(word, out node!)) return true;
            node = null!;
            return false;
        }
    }
}
