using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Handoff;

/// <summary>
/// The case view's transcript: messages and attempts in one timeline, in the order they happened.
/// Messages are ordered by their time and then by id (the order the desk received them); at the same
/// instant a message comes before the attempt it led to.
/// </summary>
public static class CaseTranscript
{
    /// <summary>The transcript of <paramref name="context"/>, each message marked with the reasons it fired.</summary>
    public static IReadOnlyList<TranscriptEntry> From(ContextPackage context, IReadOnlyList<EscalationReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Build(Messages(context.Transcript, reasons), Attempts(context.Attempts));
    }

    /// <summary>Messages as transcript entries; <paramref name="reasons"/> mark the ones that fired them.</summary>
    public static IEnumerable<TranscriptEntry> Messages(IEnumerable<TranscriptLine> lines, IReadOnlyList<EscalationReason> reasons)
    {
        var byMessage = reasons.Where(r => r.MessageId is not null).GroupBy(r => r.MessageId!.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<EscalationReason>)[.. g]);
        return lines.Select(m => new TranscriptEntry(TranscriptEntryKind.Message, m.SentAt, m.Id, m.Author, m.Text, m.BotConfidence, null, null,
            byMessage.GetValueOrDefault(m.Id) ?? []));
    }

    /// <summary>What the bot or the customer tried, as transcript entries, in the order given.</summary>
    public static IEnumerable<TranscriptEntry> Attempts(IEnumerable<AttemptLine> attempts) =>
        attempts.Select(a => new TranscriptEntry(TranscriptEntryKind.Attempt, a.At, null, null, a.Description, null, a.Source, a.Outcome, []));

    /// <summary>One timeline of <paramref name="messages"/> (in any order) and <paramref name="attempts"/> (already in their order).</summary>
    public static IReadOnlyList<TranscriptEntry> Build(IEnumerable<TranscriptEntry> messages, IEnumerable<TranscriptEntry> attempts)
    {
        var orderedMessages = messages.OrderBy(m => m.At).ThenBy(m => m.MessageId).Select((m, i) => (Order: i, Entry: m));
        var orderedAttempts = attempts.Select((a, i) => (Order: i, Entry: a));
        return [.. orderedMessages.Concat(orderedAttempts).OrderBy(x => x.Entry.At).ThenBy(x => x.Entry.Kind).ThenBy(x => x.Order).Select(x => x.Entry)];
    }
}
