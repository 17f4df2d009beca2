using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers.Requests;

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

/// <summary>"call me Tom", "what should I call you", "my manager will call me": naming or someone else, not a request to be called.</summary>
internal static class Naming
{
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
        return !RequestVocabulary.ContinuesACall(view.Word(end));
    }
}

/// <summary>Whether the wish is negated: "I don't want to talk to an agent", "no need to speak to anyone".</summary>
internal static class WishNegation
{
    private const int DeclineReach = 6;

    /// <summary>
    /// A wish declined earlier in the clause, with words between: "I don't need a retention specialist",
    /// "I don't want a call or an agent". Such a message does not ask, whatever a learned vote hears.
    /// </summary>
    public static bool Declines(ref TokenView view, int first)
    {
        for (var t = first - 1; t > 0 && first - t <= DeclineReach; t--)
        {
            if (view.Has(t, WordClass.ClauseBreak)) return false;
            if (view.Has(t, WordClass.Desire) && (view.Has(t - 1, WordClass.Negator) || view.Is(t - 1, "no"))) return true;
        }
        return false;
    }

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
/// The frame reports or supposes rather than asks: "the branch told me to call the helpline", "the bot
/// said to contact a human", "when I phone the helpline, do I need my card".
/// </summary>
internal static class NotAsked
{
    public static bool Before(ref TokenView view, int chainStart)
    {
        var t = chainStart - 1;
        if (view.Is(t, "me") || view.Is(t, "us") || view.Is(t, "to")) t--;
        if (t >= 0 && RequestVocabulary.IsReportingVerb(view.Word(t))) return true;
        var subject = chainStart - 1;
        return (view.Is(subject, "i") || view.Is(subject, "we")) && subject > 0 && RequestVocabulary.IsConditionalOpener(view.Word(subject - 1));
    }
}

/// <summary>A preference for a person: "I'd rather do this with a person", "I'd prefer someone on the phone".</summary>
internal static class PreferenceFrame
{
    private const int Reach = 8;

    public static bool Before(ref TokenView view, int first)
    {
        for (var t = first - 1; t >= 0 && first - t <= Reach; t--)
        {
            if (view.Has(t, WordClass.ClauseBreak)) return false;
            if (view.Is(t, "rather") || view.Is(t, "prefer") || view.Is(t, "preferably"))
                return !view.Is(t + 1, "not") && !WishNegation.Before(ref view, t);
        }
        return false;
    }
}

/// <summary>
/// A question asking a person to act, opening its clause: "could a manager sort out my cancellation",
/// "can someone who actually knows the system check", "can a supervisor cancel it".
/// </summary>
internal static class ModalQuestion
{
    private const int ActionReach = 4;

    public static int? After(ref TokenView view, int first, int end)
    {
        var t = first - 1;
        // "the engineer" is one already booked; "a manager", "someone" ask for a person.
        if (view.Is(t, "a") || view.Is(t, "an")) t--;
        if (t >= 0 && RequestVocabulary.IsModalOpener(view.Word(t)) && (t == 0 || view.Has(t - 1, WordClass.ClauseBreak)))
            return Action(ref view, end);
        // "any chance someone could go through the bill with me?": the modal after the person, in a sentence that asks.
        if (t >= 0 && view.Is(t, "the")) return null;
        if (end < view.Count && !view.Is(end, "will") && RequestVocabulary.IsModalOpener(view.Word(end)) && (Asks(ref view, end) || AsksAChance(ref view, first)))
            return Action(ref view, end + 1);
        return null;
    }

    /// <summary>The end of a person's action a few words on: "can somebody from your team look at it", "could a real person please pick this up".</summary>
    private static int? Action(ref TokenView view, int from)
    {
        for (var next = from; next < view.Count && next <= from + ActionReach; next++)
        {
            if (view.Has(next, WordClass.ClauseBreak)) return null;
            if (RequestVocabulary.IsPersonAction(view.Word(next))) return next + 1;
        }
        return null;
    }

    /// <summary>Whether "any chance" or "is it possible" comes a few words before the person: a question without its mark.</summary>
    private static bool AsksAChance(ref TokenView view, int first)
    {
        for (var t = first - 1; t >= 0 && first - t <= ActionReach; t--)
        {
            if (view.Has(t, WordClass.ClauseBreak)) return false;
            if (view.Is(t, "chance") || view.Is(t, "possible")) return true;
        }
        return false;
    }

    /// <summary>Whether the sentence around token <paramref name="at"/> ends in a question mark.</summary>
    private static bool Asks(ref TokenView view, int at)
    {
        for (var t = at + 1; t < view.Count; t++)
        {
            var word = view.Word(t);
            if (word.Contains('?')) return true;
            if (word.IndexOfAny(".!") >= 0) return false;
        }
        return false;
    }
}

/// <summary>
/// A way of reaching the desk asked about, not asked for: "does your live chat work on weekends", "is the
/// helpline free". An auxiliary opens the question shortly before the phrase, with no request verb between.
/// </summary>
internal static class AskedAbout
{
    private const int Reach = 6;

    public static bool Before(ref TokenView view, int first)
    {
        for (var t = first - 1; t >= 0 && first - t <= Reach; t--)
        {
            if (view.Has(t, WordClass.ClauseBreak)) return false;
            if (view.Is(t, "does") || view.Is(t, "do") || view.Is(t, "is") || view.Is(t, "are") || view.Is(t, "was") || view.Is(t, "will")) return true;
        }
        return false;
    }
}
