using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers.Sentiment;

/// <summary>How one customer message reads: its valence, how frustrated it sounds, and the evidence.</summary>
/// <param name="Score">-1 (furious) to +1 (delighted), 0 neutral: the lexicon read with negation, intensifiers and contrast.</param>
/// <param name="Frustration">0 to 1: negative valence combined with the surface signals (capitals, "!!!", "???", time pressure, profanity, sarcasm).</param>
/// <param name="Cues">Human-readable evidence quoting the customer's own words, such as "\"this is ridiculous\"" or "72% capitals".</param>
/// <param name="CapsRatio">Shouted words over words; 0 for fewer than three words.</param>
/// <param name="LongestExclamationRun">The longest run of '!'.</param>
/// <param name="LongestQuestionRun">The longest run of '?'.</param>
/// <param name="TimePressure">The customer says they have waited or repeated themselves ("for hours", "third time", "since monday").</param>
/// <param name="Profanity">The message swears.</param>
/// <param name="WordCount">Words in the message, numbers excluded.</param>
/// <param name="FaceValueFrame">A sarcasm frame ("oh perfect", "thanks for that") read at face value because the
/// lexicon heard nothing negative beside it; the rule stage calls it sarcasm beside a problem it recognises.</param>
public sealed record MessageSentiment(
    double Score,
    double Frustration,
    IReadOnlyList<string> Cues,
    double CapsRatio,
    int LongestExclamationRun,
    int LongestQuestionRun,
    bool TimePressure,
    bool Profanity,
    int WordCount,
    string? FaceValueFrame = null);

/// <summary>
/// Reads the sentiment and frustration of one customer message from a <see cref="SentimentLexicon"/>.
/// One pass over the tokens does the lexicon (longest phrase first), negation, intensifiers, contrast,
/// sarcasm frames and time pressure; the surface signals come from the tokenizer's counts. The cost
/// is linear in the message and the analyser is immutable, so one instance serves every thread.
/// </summary>
public sealed class SentimentAnalyzer
{
    private readonly SentimentLexicon _lexicon;
    private readonly double _problemWeight;

    /// <param name="lexicon">The words and phrases read.</param>
    /// <param name="problemWeight">
    /// How much a term that only reports a problem ("keeps crashing", <see cref="SentimentLexicon.Problem"/>)
    /// counts toward frustration, 0 to 1; 1 counts it like any other negative term. A bug report is not a complaint.
    /// </param>
    public SentimentAnalyzer(SentimentLexicon lexicon, double problemWeight = 1)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentOutOfRangeException.ThrowIfLessThan(problemWeight, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(problemWeight, 1);
        _lexicon = lexicon;
        _problemWeight = problemWeight;
    }

    /// <summary>Tokenizes and reads <paramref name="text"/>.</summary>
    public MessageSentiment Analyze(string text) => Analyze(TextTokens.Of(text));

    /// <summary>Reads a message that is already tokenized, so the engine tokenizes each message once.</summary>
    public MessageSentiment Analyze(TextTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var cues = new CueList();
        var reading = new ValenceWalk(_lexicon, tokens);
        reading.Run(ref cues);

        var surface = SurfaceSignals.Of(tokens);
        if (reading.Sarcastic) cues.Add($"\"{reading.SarcasmQuote}\" (sarcasm)");
        surface.AddCues(ref cues);

        var score = FrustrationModel.Score(reading);
        var frustration = FrustrationModel.Frustration(reading, surface, _problemWeight);
        return new MessageSentiment(
            Math.Round(score, 4), Math.Round(frustration, 4), cues.ToList(), surface.CapsRatio,
            tokens.LongestExclamationRun, tokens.LongestQuestionRun, reading.TimePressure, reading.Profanity, tokens.WordCount, reading.FaceValueFrame);
    }
}

/// <summary>The evidence for a reading: at most a handful of distinct, short quotes.</summary>
internal struct CueList
{
    public const int MaxCues = 8;
    public const int MaxQuoteLength = 80;
    /// <summary>Quotes tried at most, so a message that repeats one word thousands of times stays cheap.</summary>
    private const int MaxAttempts = 2 * MaxCues;
    private List<string>? _items;
    private int _attempts;

    public readonly bool IsFull => _attempts >= MaxAttempts || _items is { Count: >= MaxCues };

    public void Add(string cue)
    {
        if (IsFull) return;
        _attempts++;
        _items ??= new List<string>(4);
        if (!_items.Contains(cue)) _items.Add(cue);
    }

    /// <summary>Quotes tokens <paramref name="first"/> to <paramref name="end"/> (exclusive), shortened when long.</summary>
    public void Quote(TextTokens tokens, int first, int end)
    {
        if (IsFull || end <= first) return;
        var text = tokens.Span(first, end - first);
        Add(text.Length <= MaxQuoteLength ? $"\"{text}\"" : $"\"{text[..MaxQuoteLength]}…\"");
    }

    public readonly IReadOnlyList<string> ToList() => _items is null ? [] : _items.ToArray();
}

/// <summary>
/// The lexicon pass: walks the tokens once, matching the longest lexicon phrase at each position,
/// and keeps the running valence with negation scope, pending intensifiers, contrast weights,
/// sarcasm candidates and time-pressure phrases.
/// </summary>
internal struct ValenceWalk
{
    /// <summary>How much a shouted term gains, in valence.</summary>
    private const double ShoutBoost = 0.6;
    /// <summary>A negated positive term keeps this much of its valence, turned negative ("not good").</summary>
    private const double NegatedPositive = -0.74;
    /// <summary>A negated negative term turns mildly positive ("not bad").</summary>
    private const double NegatedNegative = -0.4;
    private const int NegationScope = 3;
    /// <summary>Words a pending intensifier survives before it fades ("so very much disappointed").</summary>
    private const int BoostReach = 1;
    /// <summary>Plain words quoted before a term for context ("this is ridiculous").</summary>
    private const int QuoteContext = 2;
    /// <summary>"never ... again" within this many tokens is a customer walking away ("I'll never order from you again").</summary>
    private const int NeverAgainReach = 7;
    /// <summary>Glad wording besides a sarcasm frame that makes the frame sincere: more than "ok", as much as "fine now".</summary>
    private const double SincereBeside = 1.0;
    private const double NeverAgain = -2.6;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TimeUnits = WordLists.Set("Sentiment/time-units");

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WaitingWords = WordLists.Set("Sentiment/waiting-words");

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WaitingAfter = WordLists.Set("Sentiment/waiting-after");

    private readonly PhraseMatcher<LexiconEntry> _matcher;
    private readonly TextTokens _tokens;

    private int _negationLeft;
    private int _negationStart;
    private int _neverAt;
    private double _boost;
    private int _boostStart;
    private int _boostAge;
    /// <summary>A swear word boosts the next term: "don't fucking ignore me" is anger, not a negated complaint.</summary>
    private bool _boostProfane;
    private double _weight;
    private bool _concessive;
    private int _quoteFloor;
    private int _timePressureEnd;
    private double _sarcasmNegative;
    private double _sarcasmPositive;
    private bool _sarcasmThenContrast;

    public ValenceWalk(SentimentLexicon lexicon, TextTokens tokens)
    {
        _matcher = lexicon.Matcher;
        _tokens = tokens;
        _negationStart = -1;
        _neverAt = -1;
        _boostStart = -1;
        _weight = 1;
    }

    /// <summary>The sum of negative contributions (0 or less).</summary>
    public double Negative { get; private set; }
    /// <summary>The part of <see cref="Negative"/> that came from terms that only report a problem (0 or less).</summary>
    public double ProblemNegative { get; private set; }
    /// <summary>The sum of positive contributions (0 or more).</summary>
    public double Positive { get; private set; }
    /// <summary>'!' in the message, up to four: each adds emphasis.</summary>
    public int Exclamations { get; private set; }
    public bool Profanity { get; private set; }
    public bool TimePressure { get; private set; }
    public bool Sarcastic { get; private set; }
    public string? SarcasmQuote { get; private set; }
    /// <summary>A sarcasm frame read at face value for want of other negative evidence, quoted; null when none.</summary>
    public string? FaceValueFrame { get; private set; }
    private int SarcasmFirst { get; set; }
    private int SarcasmEnd { get; set; }

    public void Run(ref CueList cues)
    {
        var tokens = _tokens;
        var count = tokens.Count;
        PhraseHit<LexiconEntry>? next = null;
        var skipUntil = 0;
        SarcasmFirst = -1;
        for (var t = skipUntil; t < count; t++)
        {
            if (t < skipUntil) continue;
            var hit = next is { } cached && cached.FirstToken == t ? cached : _matcher.LongestAt(tokens, t);
            next = null;
            if (hit is { Value.Active: false } passive)
            {
                // A time-pressure phrase or a count word: note it, then read the same words for their valence.
                if (passive.Value.TimePressure && t >= _timePressureEnd) MarkTimePressure(t, t + passive.TokenCount, ref cues);
                if (passive.Value.Count) CheckCount(t, ref cues);
                hit = _matcher.LongestAt(tokens, t, IsActive);
            }
            if (hit is not { } found)
            {
                Plain(t, ref cues);
                continue;
            }
            skipUntil = t + found.TokenCount;
            var entry = found.Value;
            if (entry.TimePressure && t >= _timePressureEnd) MarkTimePressure(t, skipUntil, ref cues);
            if (entry.Profane) Profanity = true;

            if (entry.Marker != Marker.None && IsMarker(entry.Marker, t, skipUntil))
            {
                ApplyMarker(entry.Marker, skipUntil);
                continue;
            }
            if (entry.Negator && !entry.Scored)
            {
                _negationLeft = entry.ShortScope ? 1 : NegationScope;
                _negationStart = t;
                if (tokens.Lower(t).SequenceEqual("never")) _neverAt = t;
                continue;
            }
            if (entry.Boost != 0)
            {
                // A word that is both a term and a booster ("fucking", "damn") boosts a scored word right after it.
                var asBooster = !entry.Scored;
                if (!asBooster && skipUntil < count)
                {
                    next = _matcher.LongestAt(tokens, skipUntil);
                    asBooster = next is { } after && (after.Value.Scored || after.Value.Boost != 0) && !after.Value.Negator;
                }
                if (asBooster)
                {
                    if (_boostStart < 0) _boostStart = t;
                    _boost += entry.Boost;
                    _boostProfane |= entry.Profane;
                    _boostAge = 0;
                    continue;
                }
            }
            if (entry.Scored) Score(found, entry, ref cues);
        }
        ResolveSarcasm();
    }

    private static readonly Func<LexiconEntry, bool> IsActive = static e => e.Active;

    /// <summary>A token that no lexicon phrase starts at: punctuation ends the clause, words age the modifiers.</summary>
    private void Plain(int t, ref CueList cues)
    {
        var token = _tokens[t];
        if (token.Kind == TokenKind.Number || char.IsAsciiDigit(_tokens.Lower(t)[0])) CheckCount(t, ref cues);
        if (token.Kind == TokenKind.Symbol)
        {
            var text = _tokens.Lower(t);
            if (text.IndexOfAny(".,;:!?()[]") < 0) return;
            for (var c = 0; c < text.Length && Exclamations < 4; c++)
                if (text[c] == '!') Exclamations++;
            EndClause(t + 1);
            _concessive = false;
            return;
        }
        if (_negationLeft > 0 && --_negationLeft == 0) _negationStart = -1;
        if (_boost != 0 && ++_boostAge > BoostReach) ClearBoost();
    }

    /// <summary>"yet" is a contrast only when it opens a clause ("..., yet"); every marker needs words after it.</summary>
    private readonly bool IsMarker(Marker marker, int first, int end)
    {
        if (end >= _tokens.Count || _tokens[end].Kind == TokenKind.Symbol) return false;
        if (marker == Marker.Contrast && _tokens.Lower(first).SequenceEqual("yet"))
            return first == 0 || _tokens[first - 1].Kind == TokenKind.Symbol || _tokens.Lower(first - 1).SequenceEqual("and");
        return true;
    }

    private void ApplyMarker(Marker marker, int end)
    {
        EndClause(end);
        if (marker == Marker.Concessive)
        {
            _concessive = true;
            return;
        }
        // "but" halves what came before and weighs what follows half as much again.
        Negative *= 0.5;
        ProblemNegative *= 0.5;
        Positive *= 0.5;
        _sarcasmNegative *= 0.5;
        _sarcasmPositive *= 0.5;
        if (SarcasmFirst >= 0) _sarcasmThenContrast = true;
        _weight = 1.5;
        _concessive = false;
    }

    private void Score(PhraseHit<LexiconEntry> hit, LexiconEntry entry, ref CueList cues)
    {
        var first = hit.FirstToken;
        var end = first + hit.TokenCount;
        var weight = _weight * (_concessive ? 0.5 : 1);
        // "not very helpful" is plain criticism, not a sarcasm frame.
        if (entry.Sarcasm is { } sarcasm && _negationLeft == 0)
        {
            _sarcasmNegative += sarcasm * weight;
            _sarcasmPositive += (entry.Valence ?? -sarcasm) * weight;
            if (SarcasmFirst < 0)
            {
                SarcasmFirst = first;
                SarcasmEnd = end;
            }
            AfterTerm(end);
            return;
        }

        var valence = entry.Valence ?? -(entry.Sarcasm ?? 0);
        if (valence == 0)
        {
            AfterTerm(end);
            return;
        }
        if (_neverAt >= 0 && first - _neverAt <= NeverAgainReach && hit.TokenCount == 1 && _tokens.Lower(first).SequenceEqual("again"))
        {
            Negative += NeverAgain * weight;
            if (!cues.IsFull) cues.Quote(_tokens, _neverAt, end);
            _neverAt = -1;
            AfterTerm(end);
            return;
        }
        if (IsShouted(first, end)) valence += Math.Sign(valence) * ShoutBoost;
        if (_boost != 0) valence *= Math.Clamp(1 + _boost, 0.3, 2.5);
        var negated = _negationLeft > 0 && !entry.Profane && !_boostProfane;
        if (negated) valence *= valence > 0 ? NegatedPositive : NegatedNegative;
        valence *= weight;

        if (valence < 0)
        {
            Negative += valence;
            if (entry.Problem) ProblemNegative += valence;
            if (first >= _timePressureEnd || !TimePressure) QuoteTerm(first, end, negated, ref cues);
        }
        else Positive += valence;

        if (_negationLeft > 0)
        {
            _negationLeft = Math.Max(0, _negationLeft - hit.TokenCount);
            if (_negationLeft == 0) _negationStart = -1;
        }
        AfterTerm(end);
    }

    private void AfterTerm(int end)
    {
        ClearBoost();
        _quoteFloor = end;
    }

    /// <summary>Quotes a negative term with its modifiers and a couple of words before it, inside the clause.</summary>
    private readonly void QuoteTerm(int first, int end, bool negated, ref CueList cues)
    {
        if (cues.IsFull) return;
        var from = first;
        if (_boostStart >= 0) from = Math.Min(from, _boostStart);
        if (negated && _negationStart >= 0) from = Math.Min(from, _negationStart);
        for (var k = 0; k < QuoteContext && from - 1 >= _quoteFloor && _tokens[from - 1].Kind == TokenKind.Word; k++) from--;
        cues.Quote(_tokens, from, end);
    }

    private readonly bool IsShouted(int first, int end)
    {
        for (var k = first; k < end; k++)
            if (_tokens[k].Shouted) return true;
        return false;
    }

    private void EndClause(int next)
    {
        _negationLeft = 0;
        _negationStart = -1;
        _neverAt = -1;
        ClearBoost();
        _quoteFloor = next;
    }

    private void ClearBoost()
    {
        _boost = 0;
        _boostStart = -1;
        _boostAge = 0;
        _boostProfane = false;
    }

    /// <summary>
    /// A sarcasm frame ("oh great", "thanks a lot") is sarcastic beside other negative evidence and
    /// without a "but" after it; otherwise it is read at face value.
    /// </summary>
    private void ResolveSarcasm()
    {
        if (SarcasmFirst < 0) return;
        // Other negative evidence: a negative term, swearing, a complaint of waiting, or a second frame ("Wonderful. Really accurate.").
        var otherNegative = Negative <= -1.0 || Profanity || TimePressure || _sarcasmNegative <= -3.5;
        var quote = _tokens.Span(SarcasmFirst, SarcasmEnd - SarcasmFirst);
        quote = quote.Length <= CueList.MaxQuoteLength ? quote : quote[..CueList.MaxQuoteLength] + "…";
        if (otherNegative && !_sarcasmThenContrast)
        {
            Negative += _sarcasmNegative;
            Sarcastic = true;
            SarcasmQuote = quote;
        }
        else
        {
            // The rule stage may still hear it as sarcasm, beside a problem the lexicon has no word for ("the debit
            // failed"), unless other words are glad ("it's fine now, great service"): then the praise is sincere.
            if (!_sarcasmThenContrast && Positive < SincereBeside) FaceValueFrame = quote;
            Positive += _sarcasmPositive;
        }
    }

    /// <summary>Counted waits and repeats after a number or count word: "5 times", "for 3 hours", "two days now", "since 9am".</summary>
    private void CheckCount(int t, ref CueList cues)
    {
        if (t < _timePressureEnd) return;
        if (t > 0 && char.IsAsciiDigit(_tokens.Lower(t)[0]) && _tokens.Lower(t - 1).SequenceEqual("since"))
        {
            var end = t + 1 < _tokens.Count && TimeUnits.Contains(_tokens.Lower(t + 1)) ? t + 2 : t + 1;
            MarkTimePressure(t - 1, end, ref cues);
            return;
        }
        if (t + 1 >= _tokens.Count) return;
        var unit = _tokens.Lower(t + 1);
        // "how many times can I withdraw" asks about a limit; it does not complain of repeating.
        if (unit.SequenceEqual("times") && !IsOne(t) && !(t > 0 && _tokens.Lower(t - 1).SequenceEqual("how")))
        {
            MarkTimePressure(t, t + 2, ref cues);
            return;
        }
        var waitingBefore = t > 0 && WaitingWords.Contains(_tokens.Lower(t - 1));
        if (TimeUnits.Contains(unit) && (waitingBefore || (t + 2 < _tokens.Count && WaitingAfter.Contains(_tokens.Lower(t + 2)))))
        {
            MarkTimePressure(waitingBefore ? t - 1 : t, t + 2, ref cues);
        }
    }

    private readonly bool IsOne(int t) => _tokens.Lower(t) is "1" or "one";

    private void MarkTimePressure(int first, int end, ref CueList cues)
    {
        TimePressure = true;
        _timePressureEnd = end;
        cues.Quote(_tokens, first, end);
    }
}

/// <summary>How the message looks: capitals and runs of '!' and '?', from the tokenizer's counts.</summary>
internal readonly record struct SurfaceSignals(double CapsRatio, int ShoutedWords, int ExclamationRun, int QuestionRun)
{
    /// <summary>Capitals count as shouting from this share of the words, with at least two shouted words.</summary>
    public const double ShoutingRatio = 0.5;

    public static SurfaceSignals Of(TextTokens tokens)
    {
        var ratio = tokens.WordCount < 3 ? 0 : Math.Round((double)tokens.ShoutedWordCount / tokens.WordCount, 4);
        return new SurfaceSignals(ratio, tokens.ShoutedWordCount, tokens.LongestExclamationRun, tokens.LongestQuestionRun);
    }

    public bool Shouting => CapsRatio >= ShoutingRatio && ShoutedWords >= 2;

    public void AddCues(ref CueList cues)
    {
        if (Shouting) cues.Add($"{Math.Round(CapsRatio * 100)}% capitals");
        if (ExclamationRun >= 2) cues.Add(Run('!', ExclamationRun));
        if (QuestionRun >= 2) cues.Add(Run('?', QuestionRun));
    }

    private static string Run(char c, int length) =>
        length <= 10 ? $"\"{new string(c, length)}\"" : $"\"{new string(c, 10)}…\" ({length})";
}

/// <summary>The pure arithmetic that turns a reading and its surface signals into a score and a frustration level.</summary>
internal static class FrustrationModel
{
    /// <summary>VADER's normalisation constant: a sum of ±3.9 maps to about ±0.7.</summary>
    private const double Alpha = 15;
    private const double ExclamationEmphasis = 0.292;
    /// <summary>Politeness and praise offset negativity only in part: "thanks, but this is ridiculous" is still frustrated.</summary>
    private const double PositiveOffset = 0.4;

    public static double Score(in ValenceWalk reading)
    {
        var sum = reading.Negative + reading.Positive;
        if (sum == 0) return 0;
        sum += Math.Sign(sum) * reading.Exclamations * ExclamationEmphasis;
        return Math.Clamp(sum / Math.Sqrt(sum * sum + Alpha), -1, 1);
    }

    public static double Frustration(in ValenceWalk reading, SurfaceSignals surface, double problemWeight)
    {
        // What only reports a problem counts at its weight: "app keeps crashing" is a bug report, "this is ridiculous" is not.
        var felt = reading.Negative - (1 - problemWeight) * reading.ProblemNegative;
        var negative = felt < 0 ? felt - reading.Exclamations * ExclamationEmphasis : 0;
        var effective = negative + PositiveOffset * reading.Positive;
        var fromValence = effective < 0 ? -effective / Math.Sqrt(effective * effective + Alpha) : 0;

        var calm = 1.0;
        if (surface.Shouting) calm *= 1 - 0.4 * Math.Min(1, surface.CapsRatio);
        calm *= 1 - surface.ExclamationRun switch { >= 5 => 0.2, >= 3 => 0.15, 2 => 0.1, _ => 0 };
        calm *= 1 - surface.QuestionRun switch { >= 3 => 0.15, 2 => 0.1, _ => 0 };
        if (reading.TimePressure) calm *= 1 - 0.25;
        if (reading.Profanity) calm *= 1 - 0.3;
        if (reading.Sarcastic) calm *= 1 - 0.15;
        var fromSurface = 1 - calm;
        // Capitals and "!!!" beside praise and nothing negative are delight, not anger.
        if (reading.Negative == 0 && reading.Positive >= 1) fromSurface *= 0.3;

        return Math.Clamp(1 - (1 - fromValence) * (1 - fromSurface), 0, 1);
    }
}
