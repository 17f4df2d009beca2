using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers.Requests;

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

    /// <summary>Runs one candidate through the steps; the words that asked, or null.</summary>
    /// <param name="view">The message's tokens and their word classes.</param>
    /// <param name="hit">The candidate phrase.</param>
    /// <param name="declined">Set when the candidate was turned away because the customer says they do not
    /// want a person ("I don't need an agent", "no need for anyone to call me", "a human isn't necessary").</param>
    public static RequestSpan? Evaluate(ref TokenView view, PhraseHit<Candidate> hit, out bool declined)
    {
        var candidate = hit.Value;
        var first = hit.FirstToken;
        var end = first + hit.TokenCount;
        declined = WishNegation.Declines(ref view, first);
        if (declined || ProductContext.After(ref view, end)) return null;
        if (NegatedAfter(ref view, end))
        {
            declined = true;
            return null;
        }

        var frame = FindFrame(ref view, first);
        var possessed = frame.OtherPossessive || frame.My;
        if (candidate.Kind is NounKind.Request or NounKind.Contact)
        {
            // "call me" from "my manager will call me" is someone else's promise, not a request.
            if (possessed && candidate.Kind == NounKind.Request && !frame.HasVerb) return null;
            if (candidate.Kind == NounKind.Contact && ProductContext.EditedField(ref view, first)) return null;
            if (candidate.Naming && Naming.IsAName(ref view, first, end)) return null;
            if (candidate.Kind == NounKind.Request && !frame.HasVerb && AskedAbout.Before(ref view, first)) return null;
            var start = frame.HasVerb ? frame.ChainStart : first;
            if (declined = WishNegation.Before(ref view, start)) return null;
            if (NotAsked.Before(ref view, start)) return null;
            return new RequestSpan(Subject(ref view, start), Extend(ref view, end));
        }

        if (frame.HasVerb && Accepts(candidate, frame.Kind) && !ProductContext.Possessed(candidate, frame))
        {
            if (Narrative.Tells(ref view, frame.ChainStart) || NotAsked.Before(ref view, frame.ChainStart)) return null;
            if (declined = WishNegation.Before(ref view, frame.ChainStart)) return null;
            return new RequestSpan(Subject(ref view, frame.ChainStart), Extend(ref view, end));
        }
        if (possessed) return null;
        if (declined = WishNegation.Before(ref view, first)) return null;
        if (candidate.Kind != NounKind.Channel && ForwardFrame(ref view, end) is { } forwardEnd)
            return new RequestSpan(first, forwardEnd);
        if (candidate.Kind != NounKind.Channel && ModalQuestion.After(ref view, first, end) is { } modalEnd)
            return new RequestSpan(Math.Max(0, first - 2), modalEnd);
        if (candidate.Kind != NounKind.Channel && PreferenceFrame.Before(ref view, first))
            return new RequestSpan(first, Extend(ref view, end));
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
        // "anyone there?", "is a human there": asked of the chat itself.
        if (view.Is(t, "there") && (t + 1 == view.Count || (view.Tokens[t + 1].Kind == TokenKind.Symbol && view.Word(t + 1).Contains('?')))) return t + 1;
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

