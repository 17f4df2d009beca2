using System.Text.RegularExpressions;

namespace AgentConsole.Core.Cases;

/// <summary>What in a customer's message says they were made to repeat themselves, and which kind of cue it was.</summary>
/// <param name="Cue">The kind of cue, such as <c>already-said</c>.</param>
/// <param name="Excerpt">The words that matched, as the customer wrote them.</param>
public sealed record RepeatComplaint(string Cue, string Excerpt);

/// <summary>
/// Finds a customer's complaint that they had to repeat what they had already said ("I already told
/// the bot", "as I said", "you need my order number again?") in a message written after the
/// handoff, where it means the context did not reach the person, or the person did not read it.
/// "Again" about something that happened again ("it failed again") is not a complaint, nor is a
/// customer asking the agent to say something again. Pure and thread-safe.
/// </summary>
public static partial class RepeatComplaints
{
    /// <summary>The first complaint in <paramref name="text"/>, or null when it has none.</summary>
    public static RepeatComplaint? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Every cue has one of these words: most messages are ruled out without running a pattern.
        if (!MayComplain(text)) return null;
        foreach (var (cue, pattern) in Cues)
        {
            var match = pattern.Match(text);
            if (match.Success) return new RepeatComplaint(cue, match.Value.Trim());
        }
        return null;
    }

    private static bool MayComplain(string text)
    {
        var span = text.AsSpan();
        foreach (var word in Keywords)
        {
            if (span.Contains(word, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static readonly string[] Keywords = ["already", "said", "told", "again", "repeat", "mentioned", "explain", "scroll", "above", "in the c", "in this c", "in the t", "times", "over", "scratch", "make me", "making me", "makes me", "bot", "assistant"];

    private static readonly (string Cue, Regex Pattern)[] Cues =
    [
        ("already-said", AlreadySaid()),
        ("as-i-said", AsISaid()),
        ("asked-again", AskedAgain()),
        ("repeat-myself", RepeatMyself()),
        ("look-above", LookAbove()),
    ];

    // "I already told the bot", "I've already explained this twice", "which I already gave you".
    [GeneratedRegex(@"\b(?<!n['’]t\s)(?<!not\s)already\s+(?:\w+\s+){0,2}?(?:told|said|explained|gave|given|sent|provided|mentioned|answered|typed|wrote|written|shared|listed|went\s+through|gone\s+through|been\s+through|put)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlreadySaid();

    // "as I said", "like I told the bot", "as I mentioned earlier", "I just said that".
    [GeneratedRegex(@"\b(?:as|like)\s+i(?:\s+(?:already|just|have|'ve|’ve))?\s+(?:said|told|mentioned|explained|wrote|stated|typed)\b|\bi\s+(?:just|literally)\s+(?:said|told|explained|gave|wrote|typed)\b|\b(?:told|gave|explained\s+(?:it|this|that|everything)\s+to)\s+(?:the|your)\s+(?:bot|chatbot|assistant|automated)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsISaid();

    // "you need my order number again?", "why are you asking for my email again", "my account id again?!".
    [GeneratedRegex(@"\b(?:need|want|ask(?:ing)?(?:\s+me)?(?:\s+for)?|give\s+you|send\s+you|tell\s+you)\s+(?:my|the|our|all\s+(?:my|the))\s+(?:\w+\s+){0,3}?again\b|\b(?:my|the|our)\s+(?:\w+\s+){0,2}?(?:number|email|address|details|name|id|account|order|invoice|info|information|card|code)\s+again\s*\?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AskedAgain();

    // "do I have to repeat myself", "I have to explain this all over again", "stop making me repeat", "how many times do I have to".
    [GeneratedRegex(@"\brepeat(?:ing)?\s+myself\b|\b(?:have|need|had|got)\s+to\s+(?:repeat|explain|go\s+through|type|say|tell\s+you)\s+(?:it|this|that|everything|all\s+(?:of\s+)?(?:this|that|it)|my\s+\w+(?:\s+\w+)?)\s+(?:all\s+)?(?:over\s+)?again\b|\b(?:make|makes|making)\s+me\s+(?:repeat|explain|say|type|tell)\b|\bhow\s+many\s+times\s+(?:do|must|should|will|have)\s+i\b|\bexplain(?:ed|ing)?\s+(?:it|this|that|everything|the\s+\w+)\s+(?:\w+\s+)?(?:twice|three\s+times|several\s+times|multiple\s+times|(?:so\s+)?many\s+times)\b|\b(?:have|need|had)\s+to\s+(?:start|begin)\s+(?:all\s+)?over\b|\b(?:explain|tell|describe)\w*\s+(?:\w+\s+){0,3}?from\s+scratch\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RepeatMyself();

    // "scroll up", "read the chat above", "it's all in the conversation".
    [GeneratedRegex(@"\bscroll\s+up\b|\bread\s+(?:the\s+)?(?:chat|conversation|messages?|transcript|thread)\s+(?:above|before)\b|\b(?:it['’]?s|it\s+is|everything\s+is)\s+(?:all\s+)?(?:right\s+)?(?:above|in\s+(?:the|this)\s+(?:chat|conversation|transcript|thread))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LookAbove();
}

/// <summary>
/// A customer's message, written while a person had the case, that complains of having to repeat
/// themselves (<see cref="RepeatComplaints"/>): the automatic counterpart of an agent's
/// <see cref="CaseFlag.CustomerRepeated"/> flag. Stored with the message, in the same transaction.
/// </summary>
public sealed class RepeatMention
{
    private RepeatMention() { }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public long MessageId { get; private set; }
    /// <summary>The kind of cue, as <see cref="RepeatComplaint.Cue"/>.</summary>
    public string Cue { get; private set; } = "";
    /// <summary>The words that matched.</summary>
    public string Excerpt { get; private set; } = "";
    /// <summary>When the customer wrote the message.</summary>
    public DateTime At { get; private set; }
}

/// <summary>Stores the <see cref="RepeatMention"/>s of customers' messages written while a person has the case.</summary>
public static class RepeatMentions
{
    /// <summary>
    /// Looks for a complaint in each customer message of <paramref name="messages"/> (already stored, so
    /// with their ids) and stores one mention per message that has one, on case <paramref name="caseId"/>,
    /// in the caller's transaction.
    /// </summary>
    public static void Append(Microsoft.EntityFrameworkCore.DbContext db, long caseId, IEnumerable<Conversations.Message> messages)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(messages);
        List<object?[]>? rows = null;
        foreach (var message in messages)
        {
            if (message.Author != Conversations.MessageAuthor.Customer || RepeatComplaints.Find(message.Text) is not { } complaint) continue;
            var excerpt = complaint.Excerpt.Length <= ExcerptLength ? complaint.Excerpt : complaint.Excerpt[..ExcerptLength];
            (rows ??= []).Add([caseId, message.Id, complaint.Cue, excerpt, message.SentAt]);
        }
        if (rows is null) return;
        new Data.RowInserter<RepeatMention>(db, nameof(RepeatMention.CaseId), nameof(RepeatMention.MessageId), nameof(RepeatMention.Cue),
            nameof(RepeatMention.Excerpt), nameof(RepeatMention.At)).InsertKeys(rows);
    }

    private const int ExcerptLength = 200;
}
