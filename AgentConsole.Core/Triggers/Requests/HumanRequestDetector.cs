using System.Buffers;
using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers.Requests;

/// <summary>A customer's request for a person.</summary>
/// <param name="Evidence">The customer's words that asked, such as "let me talk to someone".</param>
/// <param name="Manager">They asked for a manager or supervisor, or to escalate.</param>
public sealed record HumanRequestMatch(string Evidence, bool Manager);

/// <summary>What the phrase pipeline read in a message about asking for a person.</summary>
/// <param name="Match">The request, when the message makes one.</param>
/// <param name="Declined">The customer says they do not want a person ("I don't need an agent",
/// "no need for anyone to ring me back"): a learned vote, which cannot read negation, must not overrule it.</param>
/// <param name="Mentioned">The message names a person, a team or a way to reach one ("someone", "your
/// team", "a number", "ring"): without one, a message does not ask for a person, whatever it resembles.</param>
public readonly record struct HumanRequestReading(HumanRequestMatch? Match, bool Declined, bool Mentioned);

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
            var manager = RequestVocabulary.ManagerMarkers.Any(marker => key.Contains(marker, StringComparison.Ordinal));
            phrases[key] = new Candidate(NounKind.Request, manager);
        }
        _candidates = new PhraseMatcher<Candidate>(phrases);
    }

    /// <summary>Tokenizes <paramref name="text"/> and looks for a request for a human.</summary>
    public HumanRequestMatch? Detect(string text) => Detect(TextTokens.Of(text));

    /// <summary>Looks for a request for a human in a message that is already tokenized.</summary>
    public HumanRequestMatch? Detect(TextTokens tokens) => Read(tokens).Match;

    /// <summary>Looks for a request for a human, and notes whether the message declines one or names a person at all.</summary>
    public HumanRequestReading Read(TextTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count == 0) return default;
        var scan = Scan(tokens, tokens, out var hint);
        if (scan.Match is null && hint != RepairHint.None && TypoRepair.Repair(tokens, hint) is { } repaired)
        {
            var second = Scan(repaired, tokens, out _);
            scan = new HumanRequestReading(second.Match, scan.Declined || second.Declined, scan.Mentioned || second.Mentioned);
        }
        return scan.Match is null && !scan.Mentioned ? scan with { Mentioned = MentionsContact(tokens) } : scan;
    }

    /// <summary>Whether a word of the message is a way of reaching someone ("ring", "call", "number", "phone").</summary>
    private static bool MentionsContact(TextTokens tokens)
    {
        for (var t = 0; t < tokens.Count; t++)
        {
            if (tokens[t].Kind == TokenKind.Word && (RequestVocabulary.Classify(tokens, t) & (WordClass.Contact | WordClass.Channel)) != 0) return true;
        }
        return false;
    }

    /// <summary>
    /// Runs the pipeline over every candidate in <paramref name="tokens"/>; evidence is quoted from
    /// <paramref name="original"/>, which has the same tokens (typo repair swaps words one for one).
    /// </summary>
    private HumanRequestReading Scan(TextTokens tokens, TextTokens original, out RepairHint hint)
    {
        hint = RepairHint.None;
        bool sawCandidate = false, declined = false;
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
                if (RequestPipeline.Evaluate(ref view, hit, out var turnedDown) is { } found)
                    return new HumanRequestReading(new HumanRequestMatch(Evidence(original, found.First, found.End), hit.Value.Manager), false, true);
                declined |= turnedDown;
                t += hit.TokenCount - 1;
            }
            hint = TypoRepair.Hint(ref view, sawCandidate);
            return new HumanRequestReading(null, declined, sawCandidate);
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

