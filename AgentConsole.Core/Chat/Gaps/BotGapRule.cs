using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Chat.Gaps;

/// <summary>
/// Finds the questions the bot failed on in one conversation, from what is stored. Pure.
/// </summary>
/// <remarks>
/// <para>
/// <b>A question</b> is a customer message written while the bot has the conversation (no case is
/// open), except a reply to the bot's answer that reads as feedback (a no, or a yes that asks nothing
/// new, by <see cref="FeedbackPhrases"/>) and a message that an escalation names as the customer asking
/// for a person. A question's <b>turn</b> runs from it to the customer's next question.
/// </para>
/// <para>
/// <b>The bot failed on a question</b> when, in its turn:
/// <list type="bullet">
/// <item>a bot message reported a confidence below the low-confidence threshold (the desk's
/// <c>Triggers:BotUncertainty:ConfidenceThreshold</c>): it answered unsure, or said it could not answer;</item>
/// <item>the customer said the answer did not help: a bot attempt was recorded as failed, or the
/// customer's reply to the answer reads as a no;</item>
/// <item>or a case opened (at or after the question, before the next) with a reason of
/// <see cref="ReasonCategory.AutomationUncertainty"/> (the bot was unsure or could not help),
/// <see cref="ReasonCategory.CustomerRequest"/> (the customer asked for a person) or
/// <see cref="ReasonCategory.Timeout"/> (unresolved too long).</item>
/// </list>
/// A question answered confidently whose customer said it helped, or moved on, is not a failure;
/// nor is one escalated only for other reasons (security, sentiment, customer value).
/// </para>
/// </remarks>
public sealed class BotGapRule(double lowConfidence, FeedbackPhrases? feedback = null)
{
    /// <summary>How many messages before a question its transcript excerpt shows.</summary>
    public const int LinesBefore = 2;

    /// <summary>The most messages a transcript excerpt shows.</summary>
    public const int MaxLines = 10;

    private static readonly ReasonCategory[] BotFailureReasons = [ReasonCategory.AutomationUncertainty, ReasonCategory.CustomerRequest, ReasonCategory.Timeout];

    private readonly FeedbackPhrases _feedback = feedback ?? FeedbackPhrases.BuiltIn;

    /// <summary>The least bot confidence that is not low.</summary>
    public double LowConfidence { get; } = lowConfidence is >= 0 and <= 1 ? lowConfidence : throw new ArgumentOutOfRangeException(nameof(lowConfidence));

    /// <summary>The questions of <paramref name="conversation"/> asked in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) that the bot failed on, in order.</summary>
    public IReadOnlyList<FailedQuestion> Find(GapConversation conversation, DateTime fromUtc, DateTime toUtc)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var messages = conversation.Messages.OrderBy(m => m.SentAt).ThenBy(m => m.Id).ToArray();
        var kinds = messages.Select((m, i) => KindOf(conversation, messages, i)).ToArray();
        var questions = Enumerable.Range(0, messages.Length).Where(i => kinds[i] == Kind.Question).ToArray();

        var found = new List<FailedQuestion>();
        for (var q = 0; q < questions.Length; q++)
        {
            var start = questions[q];
            var end = q + 1 < questions.Length ? questions[q + 1] : messages.Length;
            var question = messages[start];
            if (question.SentAt < fromUtc || question.SentAt >= toUtc) continue;
            var turnEnd = end < messages.Length ? messages[end].SentAt : DateTime.MaxValue;
            var turn = Enumerable.Range(start + 1, end - start - 1).ToArray();

            var failure = GapFailure.None;
            if (turn.Any(i => messages[i] is { Author: MessageAuthor.Bot, BotConfidence: { } c } && c < LowConfidence)) failure |= GapFailure.LowConfidence;
            if (turn.Any(i => kinds[i] == Kind.SaidNo) || conversation.FailedBotAttempts.Any(at => at >= question.SentAt && at < turnEnd))
                failure |= GapFailure.NotHelped;
            var cases = conversation.Cases.Where(c => c.OpenedAt >= question.SentAt && c.OpenedAt < turnEnd).ToArray();
            if (cases.Any(c => c.Reasons.Any(BotFailureReasons.Contains))) failure |= GapFailure.Escalated;
            if (failure == GapFailure.None) continue;

            var passages = turn.Select(i => messages[i]).Where(m => m.Author == MessageAuthor.Bot && m.PassageId is not null)
                .Select(m => m.PassageId!).Distinct(StringComparer.Ordinal).ToArray();
            var first = Math.Max(0, start - LinesBefore);
            var last = Math.Min(end, first + MaxLines);
            var transcript = messages[first..last].Select(m => new GapLine(m.Author, m.Text, m.SentAt, m.BotConfidence, m.Id == question.Id)).ToArray();
            found.Add(new FailedQuestion(conversation.Id, question.Id, question.Text, question.SentAt, failure, cases.Length > 0, passages, transcript));
        }
        return found;
    }

    private Kind KindOf(GapConversation conversation, GapMessage[] messages, int index)
    {
        var message = messages[index];
        if (message.Author != MessageAuthor.Customer) return Kind.Other;
        // With humans: a case opened before it and not yet resolved. A message that itself opened a case was still written to the bot.
        if (conversation.Cases.Any(c => c.OpenedAt < message.SentAt && (c.ResolvedAt is not { } resolved || message.SentAt < resolved))) return Kind.Other;
        if (conversation.Cases.Any(c => c.RequestMessageIds.Contains(message.Id))) return Kind.Other;
        if (index > 0 && messages[index - 1].Author == MessageAuthor.Bot)
        {
            switch (_feedback.Classify(message.Text))
            {
                case CustomerFeedback.No: return Kind.SaidNo;
                // "Thanks! And how do I …?" confirms the answer and asks something new.
                case CustomerFeedback.Yes when !message.Text.Contains('?'): return Kind.Other;
            }
        }
        return Kind.Question;
    }

    private enum Kind { Other, Question, SaidNo }
}
