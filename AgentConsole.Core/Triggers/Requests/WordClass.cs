using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers.Requests;

/// <summary>The part each word can play around a candidate.</summary>
[Flags]
internal enum WordClass : ushort
{
    None = 0,
    /// <summary>Words that may stand between a verb and its noun: "to", "with", "a", "your", "real", "customer".</summary>
    Glue = 1,
    /// <summary>Verbs of contact: talk, speak, chat, call, contact, transfer.</summary>
    Contact = 2,
    /// <summary>Verbs of wanting or getting: want, need, get, give, is there.</summary>
    Desire = 4,
    /// <summary>Desire verbs too loose for "someone": give, find, bring.</summary>
    Loose = 8,
    Possessive = 16,
    Negator = 32,
    /// <summary>Words between a negator and the wish: "I don't really think I need".</summary>
    Skippable = 64,
    /// <summary>Product nouns after a candidate: "agent dashboard", "manager role".</summary>
    Product = 128,
    /// <summary>Ways of reaching a team, after its name: "support email", "customer service number".</summary>
    Channel = 256,
    /// <summary>Verbs that edit an account field: "update my contact number".</summary>
    Edit = 512,
    /// <summary>A frame that needs a word before it: "would like", "is there", "can I have".</summary>
    Conditional = 1024,
    ClauseBreak = 2048,
    /// <summary>Words between a noun and a verb after it: "a human who can help", "an agent is available".</summary>
    ForwardFiller = 4096,
    /// <summary>Verbs after a noun that ask for contact: "someone help me", "an agent call me".</summary>
    ForwardVerb = 8192,
    Unread = 0x8000,
}

/// <summary>The tokens of a message with each word's <see cref="WordClass"/>, looked up once and cached.</summary>
internal ref struct TokenView
{
    private readonly Span<WordClass> _classes;

    public TokenView(TextTokens tokens, Span<WordClass> classes)
    {
        Tokens = tokens;
        _classes = classes;
    }

    public TextTokens Tokens { get; }

    public readonly int Count => Tokens.Count;

    public readonly ReadOnlySpan<char> Word(int t) => Tokens.Lower(t);

    public readonly bool Is(int t, string word) => t >= 0 && t < Tokens.Count && Tokens.Lower(t).SequenceEqual(word);

    public readonly WordClass Class(int t)
    {
        ref var cached = ref _classes[t];
        if (cached == WordClass.Unread) cached = RequestVocabulary.Classify(Tokens, t);
        return cached;
    }

    public readonly bool Has(int t, WordClass flags) => t >= 0 && t < Tokens.Count && (Class(t) & flags) != 0;
}
