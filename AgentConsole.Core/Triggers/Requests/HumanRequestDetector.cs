using System.Buffers;
using System.Text;
using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers.Requests;

/// <summary>A customer's request for a person.</summary>
/// <param name="Evidence">The customer's words that asked, such as "let me talk to someone".</param>
/// <param name="Manager">They asked for a manager or supervisor, or to escalate.</param>
public sealed record HumanRequestMatch(string Evidence, bool Manager);

/// <summary>
/// Finds a customer asking for a human: "real person", "speak to a manager", "agent please",
/// "how do I contact support". A small pipeline runs for each candidate phrase: a request frame
/// nearby ("talk to", "I want", "is there", or the phrase is the whole message), no negation of the
/// wish ("I don't need a human"), and no product or third-party context ("the agent dashboard",
/// "my manager asked me"). When nothing matches and the message reads like a request, a second pass
/// forgives one-letter typos in the longer nouns ("represenative", "custmer service"). Linear in
/// the message; immutable, so one instance serves every thread.
/// </summary>
public sealed class HumanRequestDetector
{
    private const int MaxEvidenceLength = 160;
    /// <summary>Candidates looked at per message at most, which bounds the cost of a pasted log full of "agent".</summary>
    private const int MaxCandidates = 256;
    private readonly PhraseMatcher<Candidate> _candidates;

    /// <param name="extraPhrases">More ways of asking, from configuration. Each counts as a request on
    /// its own, unless negated or followed by a product word; it is a manager request when it names one.</param>
    public HumanRequestDetector(IEnumerable<string>? extraPhrases = null)
    {
        var phrases = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var (phrase, candidate) in RequestVocabulary.Candidates) phrases[phrase] = candidate;
        foreach (var phrase in extraPhrases ?? [])
        {
            if (string.IsNullOrWhiteSpace(phrase)) continue;
            var key = phrase.Trim().ToLowerInvariant();
            var manager = key.Contains("manager") || key.Contains("supervisor") || key.Contains("escalat") || key.Contains("boss");
            phrases[key] = new Candidate(NounKind.Request, manager);
        }
        _candidates = new PhraseMatcher<Candidate>(phrases);
    }

    /// <summary>Tokenizes <paramref name="text"/> and looks for a request for a human.</summary>
    public HumanRequestMatch? Detect(string text) => Detect(TextTokens.Of(text));

    /// <summary>Looks for a request for a human in a message that is already tokenized.</summary>
    public HumanRequestMatch? Detect(TextTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count == 0) return null;
        return Scan(tokens, tokens, out var hint)
            ?? (hint != RepairHint.None && TypoRepair.Repair(tokens, hint) is { } repaired ? Scan(repaired, tokens, out _) : null);
    }

    /// <summary>
    /// Runs the pipeline over every candidate in <paramref name="tokens"/>; evidence is quoted from
    /// <paramref name="original"/>, which has the same tokens (typo repair swaps words one for one).
    /// </summary>
    private HumanRequestMatch? Scan(TextTokens tokens, TextTokens original, out RepairHint hint)
    {
        hint = RepairHint.None;
        var sawCandidate = false;
        WordClass[]? rented = null;
        var classes = tokens.Count <= 128 ? stackalloc WordClass[tokens.Count] : (rented = ArrayPool<WordClass>.Shared.Rent(tokens.Count)).AsSpan(0, tokens.Count);
        try
        {
            classes.Fill(WordClass.Unread);
            var view = new TokenView(tokens, classes);
            var evaluated = 0;
            for (var t = 0; t < tokens.Count && evaluated < MaxCandidates; t++)
            {
                if (_candidates.LongestAt(tokens, t) is not { } hit)
                    continue;
                sawCandidate = true;
                evaluated++;
                if (RequestPipeline.Evaluate(ref view, hit) is { } found)
                    return new HumanRequestMatch(Evidence(original, found.First, found.End), hit.Value.Manager);
                t += hit.TokenCount - 1;
            }
            hint = TypoRepair.Hint(ref view, sawCandidate);
            return null;
        }
        finally
        {
            if (rented is not null) ArrayPool<WordClass>.Shared.Return(rented);
        }
    }

    private static string Evidence(TextTokens tokens, int first, int end)
    {
        var text = tokens.Span(first, end - first).Trim();
        return text.Length <= MaxEvidenceLength ? text : text[..MaxEvidenceLength] + "…";
    }
}

/// <summary>What a candidate phrase names, which decides the request frames it needs.</summary>
internal enum NounKind : byte
{
    /// <summary>Unmistakably a person to hand over to: "human", "agent", "manager". Any frame will do, or standing alone.</summary>
    Strong,
    /// <summary>"someone", "a person": needs a frame of talking or wanting, not "give" or "find".</summary>
    Person,
    /// <summary>A team or channel: "support", "sales", "the billing department". Needs a verb of contact, or "number"/"email" after it.</summary>
    Channel,
    /// <summary>A request on its own: "transfer me", "call me back", "escalate".</summary>
    Request,
    /// <summary>A way to reach people that is also an account field: "contact number". A request unless it is "my" or being updated.</summary>
    Contact,
}

/// <summary>A candidate phrase's kind, whether it asks for a manager, and whether "my" may come before it ("my account manager").</summary>
internal readonly record struct Candidate(NounKind Kind, bool Manager = false, bool AllowsMy = false, bool Naming = false);

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

/// <summary>Which words a typo-repair pass should look at.</summary>
[Flags]
internal enum RepairHint : byte { None = 0, Nouns = 1, Verbs = 2 }

/// <summary>The request frame found before a candidate: the verb nearest the noun and where the chain of words starts.</summary>
internal readonly record struct Frame(int VerbAt, WordClass Kind, int ChainStart, bool My, bool OtherPossessive)
{
    public bool HasVerb => VerbAt >= 0;
}

/// <summary>The customer's words that asked, as token positions.</summary>
internal readonly record struct RequestSpan(int First, int End);

/// <summary>The steps each candidate goes through; the first candidate to pass them all is the request.</summary>
internal static class RequestPipeline
{
    private const int MaxChain = 8;

    public static RequestSpan? Evaluate(ref TokenView view, PhraseHit<Candidate> hit)
    {
        var candidate = hit.Value;
        var first = hit.FirstToken;
        var end = first + hit.TokenCount;
        if (ProductContext.After(ref view, end) || NegatedAfter(ref view, end)) return null;

        var frame = FindFrame(ref view, first);
        var possessed = frame.OtherPossessive || frame.My;
        if (candidate.Kind is NounKind.Request or NounKind.Contact)
        {
            // "call me" from "my manager will call me" is someone else's promise, not a request.
            if (possessed && candidate.Kind == NounKind.Request && !frame.HasVerb) return null;
            if (candidate.Kind == NounKind.Contact && ProductContext.EditedField(ref view, first)) return null;
            if (candidate.Naming && Naming.IsAName(ref view, first, end)) return null;
            var start = frame.HasVerb ? frame.ChainStart : first;
            if (WishNegation.Before(ref view, start)) return null;
            return new RequestSpan(Subject(ref view, start), Extend(ref view, end));
        }

        if (frame.HasVerb && Accepts(candidate, frame.Kind) && !ProductContext.Possessed(candidate, frame))
        {
            if (Narrative.Tells(ref view, frame.ChainStart) || WishNegation.Before(ref view, frame.ChainStart)) return null;
            return new RequestSpan(Subject(ref view, frame.ChainStart), Extend(ref view, end));
        }
        if (possessed || WishNegation.Before(ref view, first)) return null;
        if (candidate.Kind != NounKind.Channel && ForwardFrame(ref view, end) is { } forwardEnd)
            return new RequestSpan(first, forwardEnd);
        if (candidate.Kind is NounKind.Strong or NounKind.Channel && ChannelAfter(ref view, end) is { } channelEnd
            && !ProductContext.EditedField(ref view, first))
            return new RequestSpan(first, channelEnd);
        if (candidate.Kind == NounKind.Strong && WholeMessage.IsJustTheNoun(ref view, first, end))
            return new RequestSpan(0, view.Count);
        return null;
    }

    private static bool Accepts(Candidate candidate, WordClass verb) => candidate.Kind switch
    {
        NounKind.Strong => true,
        NounKind.Person => (verb & WordClass.Loose) == 0,
        NounKind.Channel => (verb & WordClass.Contact) != 0,
        _ => false,
    };

    /// <summary>
    /// Walks back from the noun over glue words ("to a real") to the nearest request verb, then on
    /// over more glue and verbs ("want to speak to") to where the chain starts. Possessives between
    /// the verb and the noun are noted ("my manager", "our agents").
    /// </summary>
    private static Frame FindFrame(ref TokenView view, int nounStart)
    {
        int verbAt = -1, chainStart = nounStart;
        var kind = WordClass.None;
        bool my = false, otherPossessive = false;
        for (var j = nounStart - 1; j >= 0 && nounStart - j <= MaxChain; j--)
        {
            var cls = view.Class(j);
            var verb = cls & (WordClass.Contact | WordClass.Desire);
            if (verb != 0 && ((cls & WordClass.Conditional) == 0 || ConditionalFrame.Holds(ref view, j)))
            {
                if (verbAt < 0)
                {
                    verbAt = j;
                    kind = cls;
                }
            }
            else if ((cls & WordClass.Possessive) != 0)
            {
                if (verbAt >= 0) break;
                if (view.Is(j, "my")) my = true;
                else otherPossessive = true;
            }
            else if ((cls & WordClass.Glue) == 0) break;
            if (verbAt >= 0) chainStart = j;
        }
        return new Frame(verbAt, kind, verbAt < 0 ? nounStart : chainStart, my, otherPossessive);
    }

    /// <summary>"a human who can help me", "can an agent call me back", "is a representative available".</summary>
    private static int? ForwardFrame(ref TokenView view, int end)
    {
        var t = end;
        for (var skipped = 0; skipped < 3 && view.Has(t, WordClass.ForwardFiller); skipped++) t++;
        if (t >= view.Count) return null;
        if (view.Is(t, "available")) return t + 1;
        if (view.Has(t, WordClass.ForwardVerb) && (view.Is(t + 1, "me") || view.Is(t + 1, "us"))) return t + 2;
        if (view.Is(t, "get") && view.Is(t + 1, "back") && view.Is(t + 2, "to")) return Math.Min(view.Count, t + 4);
        if (view.Is(t, "reach") && view.Is(t + 1, "out")) return t + 2;
        return null;
    }

    /// <summary>"customer service number", "support email", "the help desk's phone line".</summary>
    private static int? ChannelAfter(ref TokenView view, int end)
    {
        for (var t = end; t < view.Count && t < end + 2; t++)
        {
            if (view.Has(t, WordClass.Channel)) return t + 1;
            if (view.Tokens[t].Kind == TokenKind.Symbol && view.Has(t, WordClass.ClauseBreak)) return null;
        }
        return null;
    }

    /// <summary>"human agent is not needed", "an agent isn't necessary".</summary>
    private static bool NegatedAfter(ref TokenView view, int end)
    {
        var negated = false;
        for (var t = end; t < view.Count && t < end + 5 && !view.Has(t, WordClass.ClauseBreak); t++)
        {
            var word = view.Word(t);
            if (word is "unnecessary" or "unneeded") return true;
            if (view.Has(t, WordClass.Negator) || word is "no") negated = true;
            else if (negated && word is "needed" or "necessary" or "required" or "longer") return true;
        }
        return false;
    }

    /// <summary>Takes the subject along into the evidence: "I want to...", "can I talk...".</summary>
    private static int Subject(ref TokenView view, int chainStart)
    {
        var start = chainStart;
        for (var k = 0; k < 2 && start > 0 && RequestVocabulary.IsSubject(view.Word(start - 1)); k++) start--;
        return start;
    }

    /// <summary>Takes following head nouns along: "customer service" + "agent", "human" + "being".</summary>
    private static int Extend(ref TokenView view, int end)
    {
        for (var k = 0; k < 2 && end < view.Count && RequestVocabulary.IsHeadNoun(view.Word(end)); k++) end++;
        return end;
    }
}

/// <summary>Frames that hold only with a word before them: "would like", "is there", "can I have", "put me".</summary>
internal static class ConditionalFrame
{
    public static bool Holds(ref TokenView view, int t)
    {
        var word = view.Word(t);
        if (word is "like") return view.Is(t - 1, "would") || view.Is(t - 1, "i'd") || view.Is(t - 1, "id") || view.Is(t - 1, "we'd");
        if (word is "there") return view.Is(t - 1, "is") || view.Is(t - 1, "are") || view.Is(t - 1, "was") || view.Is(t - 1, "isn't") || view.Is(t - 1, "any");
        if (word is "have") return view.Is(t - 1, "i") && (view.Is(t - 2, "can") || view.Is(t - 2, "could") || view.Is(t - 2, "may"));
        if (word is "connect" or "connecting") return view.Is(t + 1, "me") || view.Is(t + 1, "us") || view.Is(t + 1, "with") || view.Is(t + 1, "to");
        if (word is "put" or "hand" or "pass" or "switch" or "route" or "forward" or "redirect" or "transfer" or "transferring" or "let")
            return view.Is(t + 1, "me") || view.Is(t + 1, "us");
        if (word is "ask" or "asked" or "asking") return view.Is(t + 1, "for") || view.Is(t + 1, "to");
        if (word is "help") return view.Is(t + 1, "from");
        // "a chat with an agent" is a noun, read on to its verb; "chat with an agent" is the verb.
        if (word is "chat" or "call" or "email" or "phone" or "contact") return !IsDeterminer(ref view, t - 1);
        // "start a chat with", "book a call with"
        if (word is "start" or "open" or "book" or "schedule" or "arrange")
            return IsDeterminer(ref view, t + 1) && (view.Is(t + 2, "chat") || view.Is(t + 2, "call") || view.Is(t + 2, "conversation") || view.Is(t + 2, "meeting") || view.Is(t + 2, "appointment"));
        return true;
    }

    private static bool IsDeterminer(ref TokenView view, int t) =>
        view.Is(t, "a") || view.Is(t, "an") || view.Is(t, "the") || view.Is(t, "this") || view.Is(t, "my") || view.Is(t, "live") || view.Is(t, "phone") || view.Is(t, "video");
}

/// <summary>"call me Tom", "what may I call you", "my manager will call me": naming or someone else, not a request to be called.</summary>
internal static class Naming
{
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CallContinuations =
        new HashSet<string>(["back", "at", "on", "asap", "now", "please", "pls", "plz", "today", "tomorrow", "tonight", "soon", "when",
            "about", "regarding", "re", "immediately", "urgently", "as", "right", "if", "directly", "instead", "or", "and", "to",
            "from", "via", "through", "thanks", "thank", "guys", "someone", "somebody", "anyone", "so", "before", "after", "by",
            "this", "within", "later", "again"], StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsAName(ref TokenView view, int first, int end)
    {
        for (var t = first - 1; t >= 0 && t >= first - 6 && !view.Has(t, WordClass.ClauseBreak); t--)
        {
            if (view.Is(t, "what")) return true;
            // "my manager will call me", "they never call me": someone else calling, not a request.
            if (t >= first - 4 && (view.Has(t, WordClass.Possessive) || view.Is(t, "he") || view.Is(t, "she") || view.Is(t, "they"))) return true;
        }
        if (end >= view.Count || view.Has(end, WordClass.ClauseBreak)) return false;
        if (view.Tokens[end].Kind == TokenKind.Number) return false;
        // "by my name" is naming; "by phone" or "by the end of the day" is not.
        if (view.Is(end, "by")) return view.Is(end + 1, "my") || view.Is(end + 1, "name");
        return !CallContinuations.Contains(view.Word(end));
    }
}

/// <summary>Whether the wish is negated: "I don't want to talk to an agent", "no need to speak to anyone".</summary>
internal static class WishNegation
{
    public static bool Before(ref TokenView view, int chainStart)
    {
        for (int t = chainStart - 1, skipped = 0; t >= 0 && skipped <= 3; t--, skipped++)
        {
            if (view.Has(t, WordClass.ClauseBreak)) return false;
            var cls = view.Class(t);
            if ((cls & WordClass.Negator) != 0) return true;
            if ((cls & WordClass.Skippable) == 0) return false;
        }
        return false;
    }
}

/// <summary>
/// The frame tells rather than asks: "am I talking to a real person?" asks what the bot is, and
/// "I was talking to an agent" or "I've been speaking with support" tell what happened.
/// </summary>
internal static class Narrative
{
    public static bool Tells(ref TokenView view, int chainStart) =>
        (view.Is(chainStart - 1, "i") && view.Is(chainStart - 2, "am")) || (view.Is(chainStart - 1, "we") && view.Is(chainStart - 2, "are"))
        || view.Is(chainStart - 1, "i'm") || view.Is(chainStart - 1, "im") || view.Is(chainStart - 1, "been") || view.Is(chainStart - 1, "was")
        || view.Is(chainStart - 1, "were") || view.Is(chainStart - 1, "already");
}

/// <summary>The candidate names part of the product or someone else's person, not a person to hand over to.</summary>
internal static class ProductContext
{
    /// <summary>"the agent dashboard", "manager role", "human resources", "agent-seat".</summary>
    public static bool After(ref TokenView view, int end)
    {
        for (var t = end; t < view.Count && t < end + 3; t++)
        {
            if (view.Tokens[t].Kind == TokenKind.Symbol)
            {
                if (view.Has(t, WordClass.ClauseBreak)) return false;
                continue;
            }
            return view.Has(t, WordClass.Product);
        }
        return false;
    }

    /// <summary>"my manager", "our agents", "their supervisor"; "my account manager" may be contacted.</summary>
    public static bool Possessed(Candidate candidate, in Frame frame) =>
        frame.OtherPossessive || (frame.My && !(candidate.AllowsMy && (frame.Kind & WordClass.Contact) != 0));

    /// <summary>"update my contact number", "change the phone number on file".</summary>
    public static bool EditedField(ref TokenView view, int first)
    {
        for (var t = first - 1; t >= 0 && t >= first - 3; t--)
        {
            if (view.Has(t, WordClass.ClauseBreak)) return false;
            if (view.Has(t, WordClass.Edit | WordClass.Possessive) && !view.Is(t, "your")) return true;
        }
        return false;
    }
}

/// <summary>The whole message is the noun, give or take politeness: "agent", "human please", "REPRESENTATIVE!!".</summary>
internal static class WholeMessage
{
    private const int MaxWords = 5;

    public static bool IsJustTheNoun(ref TokenView view, int first, int end)
    {
        if (view.Tokens.WordCount > MaxWords) return false;
        var words = 0;
        for (var t = 0; t < view.Count; t++)
        {
            if (view.Tokens[t].Kind == TokenKind.Symbol) continue;
            if (++words > MaxWords) return false;
            if (t >= first && t < end) continue;
            if (view.Has(t, WordClass.Negator) || !RequestVocabulary.IsFiller(view.Word(t))) return false;
        }
        return true;
    }
}

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
                correct = RequestVocabulary.CorrectVerb(word);
                if (correct is not null) reachEnd = Math.Max(reachEnd, t + 1 + Reach);
            }
            if (correct is null && (hint & RepairHint.Nouns) != 0 && t < reachEnd && word.Length >= MinNounLength)
            {
                tries++;
                correct = RequestVocabulary.CorrectNoun(word);
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

/// <summary>The words the detector knows, and what each one does.</summary>
internal static class RequestVocabulary
{
    private static readonly string[] StrongNouns =
    [
        "human", "humans", "human being", "agent", "agents", "live agent", "representative", "representatives",
        "rep", "reps", "operator", "operators", "real person", "real people", "actual person", "live person", "real human",
        "actual human", "customer service", "customer support", "customer care", "customer services", "human agent",
        "customer service representative", "advisor", "adviser", "consultant", "specialist", "technician", "employee",
        "staff member", "member of staff", "member of your team", "someone from your team", "someone from support",
        "someone from customer service",
        // common misspellings that fuzzy matching would not reach (short words, or two letters off)
        "huma", "humna", "hooman", "humam", "agnet", "agen", "represenative", "representive", "reprehensive",
        "representitive", "custmer service", "costumer service", "customer sevice", "customer serivce",
        "cutomer service", "custumer service", "coustomer service", "custmer support", "costumer support",
        "operater", "oprator", "persn",
    ];

    private static readonly string[] ManagerNouns =
    [
        "manager", "managers", "supervisor", "supervisors", "boss", "superior", "someone in charge", "person in charge",
        "someone senior", "someone higher up", "higher up", "higher-up", "higher ups", "team lead", "team leader",
        "head of customer service", "head of support", "manger", "supervisior", "supervisr", "managment", "management",
    ];

    private static readonly string[] PersonNouns =
    [
        "someone", "somebody", "anyone", "anybody", "people", "someone else", "somebody else", "assistant", "assistants",
        "human assistant", "real assistant", "person",
    ];

    private static readonly string[] ChannelNouns =
    [
        "support", "support team", "tech support", "technical support", "help desk", "helpdesk", "service desk", "sales",
        "sales team", "your team", "department", "billing department", "staff", "your staff", "call center",
        "call centre", "customer team", "support staff", "complaints department",
    ];

    private static readonly string[] Requests =
    [
        "transfer me", "put me through", "call me back", "give me a call", "phone me", "ring me", "callback", "get in touch", "contact you", "call you", "reach you", "email you", "phone you", "contact your",
        "contact us", "talk to you guys", "speak to you guys", "hotline", "helpline", "help line", "live chat",
    ];

    /// <summary>"call me" and "call you" also name people: "call me Tom", "what may I call you".</summary>
    private static readonly string[] NamingCalls = ["call me", "call you"];

    private static readonly string[] ManagerRequests = ["escalate", "escalated", "escalating", "escalation", "escalate this"];

    private static readonly string[] ContactFields =
    [
        "contact number", "your number", "your phone number", "phone number for support", "your email", "your email address",
        "your contact details", "your contact info", "your contact information", "support email", "support number",
    ];

    private static readonly string[] AllowMy = ["agent", "account manager", "advisor", "adviser", "representative", "rep", "consultant", "relationship manager"];

    public static IEnumerable<(string Phrase, Candidate Candidate)> Candidates
    {
        get
        {
            foreach (var p in StrongNouns) yield return (p, new Candidate(NounKind.Strong, AllowsMy: AllowMy.Contains(p)));
            foreach (var p in ManagerNouns) yield return (p, new Candidate(NounKind.Strong, Manager: true));
            foreach (var p in PersonNouns) yield return (p, new Candidate(NounKind.Person));
            foreach (var p in ChannelNouns) yield return (p, new Candidate(NounKind.Channel));
            foreach (var p in Requests) yield return (p, new Candidate(NounKind.Request));
            foreach (var p in NamingCalls) yield return (p, new Candidate(NounKind.Request, Naming: true));
            foreach (var p in ManagerRequests) yield return (p, new Candidate(NounKind.Request, Manager: true));
            foreach (var p in ContactFields) yield return (p, new Candidate(NounKind.Contact));
            yield return ("account manager", new Candidate(NounKind.Strong, AllowsMy: true));
            yield return ("relationship manager", new Candidate(NounKind.Strong, AllowsMy: true));
        }
    }

    private static readonly Dictionary<string, WordClass> Classes = BuildClasses();
    private static readonly Dictionary<string, WordClass>.AlternateLookup<ReadOnlySpan<char>> ClassLookup = Classes.GetAlternateLookup<ReadOnlySpan<char>>();

    private static Dictionary<string, WordClass> BuildClasses()
    {
        var classes = new Dictionary<string, WordClass>(StringComparer.Ordinal);
        void Add(WordClass cls, params string[] words)
        {
            foreach (var w in words) classes[w] = classes.GetValueOrDefault(w) | cls;
        }
        Add(WordClass.Glue,
            "to", "with", "a", "an", "the", "me", "us", "your", "ur", "yr", "some", "any", "one", "of", "real", "live", "actual",
            "actually", "human", "proper", "another", "different", "other", "through", "over", "in", "into", "touch", "hold",
            "ahold", "please", "pls", "plz", "just", "directly", "right", "now", "immediately", "asap", "quickly", "again",
            "is", "are", "for", "from", "on", "fucking", "fuckin", "damn", "bloody", "goddamn", "freaking", "frigging",
            "customer", "service", "services", "support", "care", "tech", "technical", "billing", "sales", "account", "help",
            "desk", "helpdesk", "call", "center", "centre", "complaints", "senior", "experienced", "qualified", "competent",
            "someone", "somebody", "anyone", "anybody", "chat", "conversation", "phone", "video");
        Add(WordClass.Contact,
            "talk", "talking", "speak", "speaking", "chat", "chatting", "connect", "connecting", "transfer", "transferring", "transferred",
            "contact", "contacting", "call", "calling", "reach", "reaching", "email", "emailing", "e-mail", "phone", "phoning",
            "ring", "escalate", "forward", "redirect", "route", "switch", "hand", "pass", "put", "refer", "consult", "write");
        Add(WordClass.Desire,
            "want", "wanna", "need", "needs", "require", "request", "requesting", "get", "give", "find", "bring", "ask", "asked",
            "asking", "demand", "demanding", "prefer", "help", "like", "there", "there's", "theres", "have", "let", "where",
            "where's", "wheres", "gimme", "start", "open", "book", "schedule", "arrange");
        Add(WordClass.Loose, "give", "find", "bring", "have");
        Add(WordClass.Conditional,
            "like", "there", "have", "put", "hand", "pass", "switch", "route", "forward", "redirect", "transfer", "transferring",
            "connect", "connecting", "ask", "asked", "asking", "let", "help", "chat", "call", "email", "phone", "contact", "start", "open", "book",
            "schedule", "arrange");
        Add(WordClass.Possessive, "my", "our", "their", "his", "her", "its", "mine");
        Add(WordClass.Negator,
            "don't", "dont", "do't", "doesn't", "doesnt", "didn't", "didnt", "not", "no", "never", "without", "won't", "wont",
            "nobody", "neither", "nor", "stop", "shouldn't", "wouldn't");
        Add(WordClass.Skippable,
            "i", "we", "really", "even", "actually", "just", "honestly", "think", "believe", "feel", "do", "did", "would", "will",
            "i'd", "i'm", "im", "currently", "still", "certainly", "definitely", "to", "have", "want", "wanna");
        Add(WordClass.Product,
            "feature", "features", "role", "roles", "dashboard", "dashboards", "module", "modules", "view", "views", "app", "apps",
            "application", "permission", "permissions", "seat", "seats", "license", "licenses", "licence", "licences", "plan", "plans",
            "tier", "setting", "settings", "mode", "field", "fields", "page", "pages", "portal", "panel", "screen", "tab", "api",
            "sdk", "plugin", "extension", "integration", "version", "tool", "tools", "software", "console", "report", "reports",
            "access", "login", "logins", "user", "users", "profile", "profiles", "group", "groups", "workspace", "widget", "status",
            "queue", "queues", "skill", "skills", "capacity", "list", "assignment", "assignments", "availability", "inbox",
            "resources", "resource", "error", "errors", "readable", "rights", "approval", "verification", "body", "level",
            "type", "title", "position", "job", "salary", "training", "program", "privileges", "option", "options", "menu",
            "button", "icon", "template", "templates", "rule", "rules", "workflow", "workflows", "metrics", "analytics",
            "performance", "name", "names", "id", "ids", "library", "interface", "ui", "account", "accounts", "bot", "bots",
            "chatbot", "policy", "policies", "process", "matrix", "path", "nature", "trafficking",
            "rights", "interaction", "interactions", "software", "console", "license", "mode", "tab", "column", "filter",
            "setup", "configuration", "config", "software", "ticketing", "portal", "login", "password", "passwords", "key",
            "keys", "token", "tokens", "certificate", "plugin", "role-based", "sign-in", "signin", "dashboard's");
        Add(WordClass.ForwardFiller, "is", "are", "please", "pls", "can", "could", "will", "would", "to", "who", "that", "that's", "who's", "actually");
        Add(WordClass.ForwardVerb, "help", "call", "contact", "assist", "phone", "email", "ring", "text");
        Add(WordClass.Channel,
            "number", "phone", "email", "e-mail", "mail", "line", "hotline", "helpline", "contact", "contacts", "address",
            "chat", "telephone", "tel", "whatsapp");
        Add(WordClass.Edit,
            "update", "updating", "change", "changing", "edit", "editing", "add", "adding", "remove", "removing", "delete",
            "deleting", "set", "setting", "verify", "verifying", "reset", "modify", "modifying", "enter", "save", "correct",
            "wrong", "new", "old", "missing", "invalid");
        return classes;
    }

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "please", "pls", "plz", "now", "a", "an", "the", "real", "live", "actual", "human", "just", "hi", "hello", "hey", "ok",
        "okay", "asap", "right", "immediately", "thanks", "thank", "you", "i", "want", "need", "me", "give", "get", "talk", "speak",
        "to", "with", "yes", "yeah", "yep", "sir", "one", "an", "ya", "u", "some", "for", "fucking", "damn", "bloody", "again",
        "agent", "person", "service", "customer", "representative", "operator", "manager", "supervisor", "live", "real",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FillerLookup = Fillers.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Subjects =
        new HashSet<string>(["i", "i'd", "i'm", "im", "we", "can", "could", "may", "please", "pls", "let", "would", "will"], StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> HeadNouns =
        new HashSet<string>(["agent", "agents", "rep", "reps", "representative", "representatives", "person", "people", "team", "department",
            "staff", "member", "advisor", "specialist", "being", "number", "line", "email", "phone", "hotline"], StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The longer nouns a typo may be forgiven in, one edit away.</summary>
    private static readonly string[] Spellings =
    [
        "representative", "representatives", "customer", "service", "supervisor", "operator", "assistant", "somebody",
        "someone", "advisor", "support", "manager", "person", "agents", "humans",
    ];

    private static readonly string[] VerbSpellings = ["talk", "talking", "speak", "speaking", "chat", "chatting", "with", "contact", "contacting"];

    /// <summary>Real words one edit from a spelling above, which must not be "corrected".</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RealWords =
        new HashSet<string>(["customers", "services", "serviced", "servicer", "supports", "supported", "operators", "operate",
            "assistants", "advisors", "advisory", "managed", "manages", "managers", "persons", "personal", "persona", "agenda",
            "agency", "argent", "humane", "human", "manage", "someones", "supervisors", "represented", "preserve", "reserve",
            "device", "devices", "costume", "customs", "customer's", "person's", "manager's", "somebody's", "someone's",
            "agent's", "suppose", "support", "service", "customer", "person", "manager", "someone", "somebody", "operator",
            "that", "what", "chart", "cheat", "chap", "chit", "chant", "coat", "hat", "cut", "wit", "wits", "walk", "walks", "walked",
            "walking", "tall", "tale", "talc", "talks", "talked", "peak", "speck", "sneak", "steak", "speaks", "wish", "will",
            "width", "witch", "withe", "contract", "contacts", "contacted", "context", "contest", "chats", "chatted", "stalk",
            "stalking", "leaking", "peaking", "sneaking", "breaking", "speaker", "fish", "dish", "sith", "kith", "pith"], StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    public static WordClass Classify(TextTokens tokens, int t)
    {
        var token = tokens[t];
        if (token.Kind == TokenKind.Symbol)
            return tokens.Lower(t).IndexOfAny(".,;:!?()[]") >= 0 ? WordClass.ClauseBreak : WordClass.None;
        return ClassLookup.TryGetValue(tokens.Lower(t), out var cls) ? cls : WordClass.None;
    }

    public static bool IsFiller(ReadOnlySpan<char> word) => FillerLookup.Contains(word);

    public static bool IsSubject(ReadOnlySpan<char> word) => Subjects.Contains(word);

    public static bool IsHeadNoun(ReadOnlySpan<char> word) => HeadNouns.Contains(word);

    public static bool IsFrameVerb(ReadOnlySpan<char> word) =>
        ClassLookup.TryGetValue(word, out var cls) && (cls & (WordClass.Contact | WordClass.Desire)) != 0;

    /// <summary>The noun <paramref name="word"/> is one edit from, when it is not a real word itself.</summary>
    public static string? CorrectNoun(ReadOnlySpan<char> word) => Correct(word, Spellings);

    /// <summary>The verb or preposition of a request <paramref name="word"/> is one edit from ("talkk", "wiht", "speakign").</summary>
    public static string? CorrectVerb(ReadOnlySpan<char> word) => Correct(word, VerbSpellings);

    private static string? Correct(ReadOnlySpan<char> word, string[] spellings)
    {
        if (RealWords.Contains(word) || ClassLookup.ContainsKey(word)) return null;
        foreach (var spelling in spellings)
        {
            // Typos rarely miss both of the first two letters; checking them first keeps the pass cheap.
            if (word[0] != spelling[0] && word[1] != spelling[1] && !(word[0] == spelling[1] && word[1] == spelling[0])) continue;
            if (TypoRepair.WithinDistance(word, spelling, 1)) return spelling;
        }
        return null;
    }
}
