using AgentConsole.Core.Triggers.Requests;
using AgentConsole.Core.Triggers.Sentiment;
using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers.Rules;

/// <summary>
/// The fast rule stage, compiled from <see cref="TriggerOptions"/>: one tokenizing pass per message,
/// then phrase lookups in a trie, so a message costs time linear in its length whatever the
/// configuration. It holds no per-conversation state and is safe to share between threads.
/// </summary>
public sealed class RuleSet
{
    [Flags]
    private enum Phrase
    {
        None = 0, Security = 1, Dispute = 2, DisputeExempt = 4, Defect = 8, Complaint = 16, Cancellation = 32, SecurityExempt = 64,
    }

    private const int EvidenceLength = 160;
    private readonly PhraseMatcher<Phrase> _phrases;
    private readonly PhraseMatcher<bool> _cannotHelp;
    private readonly string[] _keywords;
    private readonly WindowRule _paymentProblem, _closure, _blocked, _complaint, _claimAgainst, _protect;
    private readonly SentimentAnalyzer _sentiment;
    private readonly HumanRequestDetector _requests;
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> QuestionOpeners = WordLists.Set("Rules/question-openers");
    private static readonly Func<TextTokens, int, bool> AsksForAction = AsksFor;
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RequestModals = WordLists.Set("Rules/request-modals");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Addressees = WordLists.Set("Rules/request-addressees");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Determiners = WordLists.Set("Rules/determiners");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AskingVerbs = WordLists.Set("Rules/asking-verbs");

    /// <summary>Compiles <paramref name="options"/>; a phrase list left unset is filled with the built-in one first.</summary>
    public RuleSet(TriggerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Every list is set from here on: the ones configuration left unset are the built-in ones.
        TriggerVocabulary.FillUnsetLists(options);
        Options = options;
        var phrases = new Dictionary<string, Phrase>(StringComparer.OrdinalIgnoreCase);
        void Add(IEnumerable<string> list, Phrase kind)
        {
            foreach (var phrase in list.Where(p => !string.IsNullOrWhiteSpace(p)))
                phrases[phrase.Trim()] = phrases.GetValueOrDefault(phrase.Trim()) | kind;
        }
        if (options.Security.Enabled)
        {
            Add(options.Security.Phrases!, Phrase.Security);
            Add(options.Security.Exemptions!, Phrase.SecurityExempt);
        }
        if (options.Complexity.Enabled)
        {
            Add(options.Complexity.DisputePhrases!, Phrase.Dispute);
            Add(options.Complexity.DisputeExemptions!, Phrase.DisputeExempt);
            Add(options.Complexity.DefectPhrases!, Phrase.Defect);
        }
        if (options.Sentiment.Enabled) Add(options.Sentiment.ComplaintPhrases!, Phrase.Complaint);
        if (options.CustomerValue.Enabled) Add(options.CustomerValue.CancellationPhrases!, Phrase.Cancellation);
        _phrases = new PhraseMatcher<Phrase>(phrases);
        _cannotHelp = new PhraseMatcher<bool>(options.BotUncertainty.CannotHelpPhrases!.Select(p => KeyValuePair.Create(p, true)));
        var complexity = options.Complexity;
        _paymentProblem = new WindowRule(complexity.PaymentWords!, complexity.ProblemWords!, complexity.PairWindow);
        _closure = new WindowRule(complexity.ClosureWords!, complexity.AccountWords!, complexity.PairWindow);
        _blocked = new WindowRule(complexity.AccountWords!, complexity.BlockedWords!, complexity.PairWindow);
        _complaint = new WindowRule(options.Sentiment.ComplaintNouns!, options.Sentiment.ComplaintVerbs!, 3);
        _claimAgainst = new WindowRule(WordLists.Get("Rules/claim-words"), options.Sentiment.ClaimAgainstWords!, 3);
        _protect = new WindowRule(WordLists.Get("Rules/protect-verbs"), WordLists.Get("Rules/protect-objects"), 4, forwardOnly: true);
        _keywords = options.KeywordRepeat.Enabled ? options.KeywordRepeat.Keywords!.Select(k => k.Trim().ToLowerInvariant()).Where(k => k.Length > 0).ToArray() : [];
        _sentiment = new SentimentAnalyzer(options.Sentiment.ExtraTerms.Count == 0 ? SentimentLexicon.Default : SentimentLexicon.Default.With(options.Sentiment.ExtraTerms),
            options.Sentiment.ProblemTermWeight);
        _requests = new HumanRequestDetector(options.HumanRequest.ExtraPhrases);
    }

    /// <summary>The options this rule set was compiled from.</summary>
    public TriggerOptions Options { get; }

    /// <summary>Scans one customer message.</summary>
    public CustomerMessageSignals ScanCustomer(string text)
    {
        var tokens = TextTokens.Of(text);
        var sentiment = Options.Sentiment.Enabled ? _sentiment.Analyze(tokens) : null;
        var reading = Options.HumanRequest.Enabled ? _requests.Read(tokens) : default;
        var request = reading.Match;

        string? security = null, dispute = null, defect = null, complaint = null, cancellation = null;
        var securityDeferred = false;
        var hits = new List<PhraseHit<Phrase>>();
        _phrases.Match(tokens, hits);
        foreach (var hit in hits)
        {
            // A question about the refund process ("what's your refund policy?") is not a dispute. The
            // exemption is a longer phrase over the dispute word, so the matcher took it instead: it
            // qualifies only the words it spans, and a dispute elsewhere in the message still counts.
            var disputeWanted = dispute is null && !hit.Value.HasFlag(Phrase.DisputeExempt);
            // Likewise a product or policy question ("privacy policy", "identity theft cover") is not an
            // incident, and the classifier's vote is not believed over it.
            var securityWanted = security is null && !hit.Value.HasFlag(Phrase.SecurityExempt);
            securityDeferred |= hit.Value.HasFlag(Phrase.SecurityExempt);
            // Only the first hit of each kind is quoted; later ones would repeat what is known.
            var wanted = hit.Value & ((securityWanted ? Phrase.Security : 0) | (disputeWanted ? Phrase.Dispute : 0)
                | (defect is null ? Phrase.Defect : 0) | (complaint is null ? Phrase.Complaint : 0) | (cancellation is null ? Phrase.Cancellation : 0));
            if (wanted == Phrase.None) continue;
            // A negated phrase ("I wasn't hacked", "no refund needed") is not a signal.
            if (Negation.IsNegated(tokens, hit.FirstToken))
            {
                securityDeferred |= wanted.HasFlag(Phrase.Security);
                continue;
            }
            // "If my wallet was stolen, would the cover…" supposes; the classifier judges the rest.
            if (wanted.HasFlag(Phrase.Security) && Supposed(tokens, hit.FirstToken))
            {
                wanted &= ~Phrase.Security;
                if (wanted == Phrase.None) continue;
            }
            var evidence = Quote(tokens, hit);
            if (wanted.HasFlag(Phrase.Security)) security = evidence;
            if (wanted.HasFlag(Phrase.Dispute)) dispute = evidence;
            if (wanted.HasFlag(Phrase.Defect)) defect = evidence;
            if (wanted.HasFlag(Phrase.Complaint)) complaint = evidence;
            if (wanted.HasFlag(Phrase.Cancellation)) cancellation = evidence;
        }

        // "Please freeze my card", "can you block the SIM": a request to stop something before it is misused
        // is a security case in any wording; "how do I freeze my card" asks how, and the classifier judges it.
        var opensAsQuestion = OpensAsQuestion(tokens);
        if (Options.Security.Enabled && security is null && !opensAsQuestion && _protect.Find(tokens, AsksForAction) is { } protect)
            security = Quote(tokens, protect);

        if (Options.Sentiment.Enabled && complaint is null && (_complaint.Find(tokens) ?? _claimAgainst.Find(tokens)) is { } filed)
            complaint = Quote(tokens, filed);

        string? accountAction = null;
        if (Options.Complexity.Enabled)
        {
            if (dispute is null && _paymentProblem.Find(tokens) is { } payment) dispute = Quote(tokens, payment);
            if ((_closure.Find(tokens) ?? _blocked.Find(tokens)) is { } account) accountAction = Quote(tokens, account);
        }

        // "Oh perfect, the direct debit failed": a sarcasm frame beside a problem the rules recognise is a complaint.
        if (complaint is null && sentiment?.FaceValueFrame is { } frame && (dispute ?? defect ?? accountAction ?? ErrorCodesOrNull(tokens)) is not null)
            complaint = $"\"{frame}\" (sarcasm)";

        return new CustomerMessageSignals(
            sentiment?.Score ?? 0, sentiment?.Frustration ?? 0, sentiment?.Cues ?? [], tokens.WordCount,
            request?.Evidence, request?.Manager ?? false, security, dispute, accountAction, defect,
            Options.Complexity.Enabled ? ErrorCodes.Find(tokens) : null, complaint, cancellation, FindKeywords(tokens),
            reading.Declined, !Options.HumanRequest.Enabled || reading.Mentioned, securityDeferred && security is null, opensAsQuestion);
    }

    private string? ErrorCodesOrNull(TextTokens tokens) => Options.Complexity.Enabled ? ErrorCodes.Find(tokens) : null;

    /// <summary>Whether the clause of token <paramref name="index"/> opens with "if" a few words before it.</summary>
    private static bool Supposed(TextTokens tokens, int index)
    {
        for (int i = index - 1, seen = 0; i >= 0 && seen < 8; i--, seen++)
        {
            if (tokens[i].Kind == TokenKind.Symbol) return false;
            if (tokens.Lower(i).SequenceEqual("if")) return i == 0 || tokens[i - 1].Kind == TokenKind.Symbol;
        }
        return false;
    }

    /// <summary>
    /// Whether the message opens a general question ("how do I…", "is there…", "what does…"), or its closing
    /// clause in the same sentence does ("…warnings, what's safe to delete?"). A modal addressed to the desk
    /// ("can you…", "could someone…") asks for something to be done, not how things work; a question in a
    /// sentence of its own after a report ("…a release fee. Is that actually you?") asks about the report.
    /// </summary>
    private static bool OpensAsQuestion(TextTokens tokens)
    {
        if (AsksAt(tokens, NextWord(tokens, 0))) return true;
        // "getting 'disk almost full' warnings, what's safe to delete?": the closing clause asks.
        var last = tokens.Count - 1;
        while (last >= 0 && tokens[last].Kind == TokenKind.Symbol && !tokens.Lower(last).Contains('?')) last--;
        if (last < 0 || tokens[last].Kind != TokenKind.Symbol) return false;
        var open = last - 1;
        while (open >= 0 && !(tokens[open].Kind == TokenKind.Symbol && IsClauseBreak(tokens.Lower(open)))) open--;
        return open >= 0 && AsksAt(tokens, NextWord(tokens, open + 1));
    }

    private static bool IsClauseBreak(ReadOnlySpan<char> symbol) => symbol.IndexOfAny(",;") >= 0;

    private static bool AsksAt(TextTokens tokens, int first)
    {
        if (first < 0 || !QuestionOpeners.Contains(tokens.Lower(first))) return false;
        var second = NextWord(tokens, first + 1);
        return second < 0 || !RequestModals.Contains(tokens.Lower(first)) || !Addressees.Contains(tokens.Lower(second));
    }

    private static int NextWord(TextTokens tokens, int from)
    {
        for (var t = from; t < tokens.Count; t++)
        {
            if (tokens[t].Kind == TokenKind.Word) return t;
        }
        return -1;
    }

    /// <summary>
    /// Whether a protective verb at <paramref name="index"/> asks for the action: a verb, not a noun after
    /// a determiner ("there's a block on my card" reports one), unless the noun is itself asked for ("put a
    /// freeze on my account").
    /// </summary>
    private static bool AsksFor(TextTokens tokens, int index)
    {
        if (index == 0 || tokens[index - 1].Kind != TokenKind.Word || !Determiners.Contains(tokens.Lower(index - 1))) return true;
        return index >= 2 && tokens[index - 2].Kind == TokenKind.Word && AskingVerbs.Contains(tokens.Lower(index - 2));
    }

    /// <summary>Scans one bot message.</summary>
    public BotMessageSignals ScanBot(string text, double? confidence)
    {
        if (!Options.BotUncertainty.Enabled) return new BotMessageSignals(false, null);
        var tokens = TextTokens.Of(text);
        string? cannotHelp = null;
        for (var i = 0; i < tokens.Count && cannotHelp is null; i++)
        {
            if (_cannotHelp.LongestAt(tokens, i) is { } hit) cannotHelp = Quote(tokens, new PhraseHit<Phrase>(hit.FirstToken, hit.TokenCount, Phrase.None));
        }
        return new BotMessageSignals(confidence < Options.BotUncertainty.ConfidenceThreshold, cannotHelp);
    }

    private IReadOnlyList<string> FindKeywords(TextTokens tokens)
    {
        if (_keywords.Length == 0) return [];
        List<string>? found = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Word) continue;
            var word = tokens.Lower(i);
            foreach (var keyword in _keywords)
            {
                // Inflections count: "refunds", "refunded", "cancelled", "cancellation".
                if (word.StartsWith(keyword, StringComparison.Ordinal) && word.Length <= keyword.Length + 5)
                    (found ??= []).Add(keyword);
            }
        }
        return found ?? (IReadOnlyList<string>)[];
    }

    private static string Quote<T>(TextTokens tokens, PhraseHit<T> hit) => Quote(tokens, (hit.FirstToken, hit.FirstToken + hit.TokenCount - 1));

    /// <summary>The customer's words around a match, as evidence: the match and a little context.</summary>
    private static string Quote(TextTokens tokens, (int First, int Last) match)
    {
        // A short message is its own best evidence; a long one is quoted around the match.
        if (tokens.Text.Length <= EvidenceLength) return tokens.Text.Trim().ReplaceLineEndings(" ");
        var first = Math.Max(0, match.First - 3);
        var last = Math.Min(tokens.Count - 1, match.Last + 3);
        var text = tokens.Span(first, last - first + 1);
        return text.Length <= EvidenceLength ? text : text[..EvidenceLength] + "…";
    }
}
