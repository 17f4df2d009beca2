using AgentConsole.Core.Conversations;

namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>
/// Decides the built-in bot's next turn from the customer's message and the answer it is waiting to
/// hear about, if any. Pure apart from retrieval, which uses the articles of <see cref="KnowledgeLibrary.Current"/>
/// at the start of each turn, so an admin's edit applies from the next message. The caller keeps <see cref="BotTurn.AwaitingFeedback"/>
/// and records <see cref="BotTurn.Attempt"/>. The bot never escalates by itself; it reports its
/// confidence and says plainly when it cannot help, and the desk's triggers decide.
/// </summary>
public sealed class BotReplies
{
    /// <summary>
    /// The default least confidence to answer with a passage, the same as the desk's default
    /// low-confidence threshold, so that every answer the bot gives counts as confident there.
    /// </summary>
    public const double DefaultAnswerThreshold = 0.5;

    private readonly KnowledgeLibrary _library;
    private readonly BotLines _lines;
    private readonly FeedbackPhrases _feedback;

    /// <summary>Replies from the articles in effect in <paramref name="library"/>.</summary>
    /// <param name="library">Holds the retriever that finds passages and their confidence.</param>
    /// <param name="answerThreshold">The least confidence to offer a passage, first or after one that did not help.</param>
    /// <param name="lines">The bot's wording; <see cref="BotLines.BuiltIn"/> when null.</param>
    /// <param name="feedback">Tells yes from no; <see cref="FeedbackPhrases.BuiltIn"/> when null.</param>
    public BotReplies(KnowledgeLibrary library, double answerThreshold = DefaultAnswerThreshold, BotLines? lines = null, FeedbackPhrases? feedback = null)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentOutOfRangeException.ThrowIfLessThan(answerThreshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(answerThreshold, 1);
        _library = library;
        AnswerThreshold = answerThreshold;
        _lines = lines ?? BotLines.BuiltIn;
        _feedback = feedback ?? FeedbackPhrases.BuiltIn;
    }

    /// <summary>The least confidence at which the bot answers with a passage.</summary>
    public double AnswerThreshold { get; }

    /// <summary>
    /// The bot's turn after the customer writes <paramref name="message"/>. When
    /// <paramref name="awaitingFeedback"/> is set and the message says the answer helped, the attempt
    /// succeeded and the bot closes (or answers the question the message also asks); when it says the
    /// answer did not help, the attempt failed and the bot offers the best passage of another article,
    /// or says a person will help. Any other message is a new question, and a pending attempt's outcome
    /// stays unknown.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="message"/> is blank.</exception>
    public BotTurn Next(string message, PendingAnswer? awaitingFeedback)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        // One retriever for the whole turn, whatever an admin saves meanwhile.
        var retriever = _library.Current;
        if (awaitingFeedback is null) return Answer(retriever, message, attempt: null);

        switch (_feedback.Classify(message))
        {
            case CustomerFeedback.Yes:
                var succeeded = new BotAttempt(awaitingFeedback.Description, AttemptOutcome.Succeeded);
                // "Thanks! And how do I …?" confirms the answer and asks something new in one message.
                return message.Contains('?') ? Answer(retriever, message, succeeded) : new BotTurn(_lines.Closing, 1, succeeded, null);
            case CustomerFeedback.No:
                return TryAnotherArticle(retriever, awaitingFeedback);
            default:
                return Answer(retriever, message, new BotAttempt(awaitingFeedback.Description, AttemptOutcome.Unknown));
        }
    }

    /// <summary>The line said when the conversation is handed to <paramref name="team"/>; see <see cref="BotLines.Handoff"/>.</summary>
    public string Handoff(string team) => _lines.Handoff(team);

    private BotTurn Answer(KnowledgeRetriever retriever, string question, BotAttempt? attempt)
    {
        var match = retriever.Find(question)!;
        if (match.Confidence < AnswerThreshold) return new BotTurn(_lines.NotSure, match.Confidence, attempt, null);

        var pending = new PendingAnswer(match.Passage.Id, match.Passage.Description, question, [match.Passage.ArticleSlug]);
        return new BotTurn(WithQuestion(match.Passage), match.Confidence, attempt, pending);
    }

    private BotTurn TryAnotherArticle(KnowledgeRetriever retriever, PendingAnswer failed)
    {
        var attempt = new BotAttempt(failed.Description, AttemptOutcome.Failed);
        var match = retriever.Find(failed.Question, failed.TriedArticles);
        if (match is null || match.Confidence < AnswerThreshold)
            return new BotTurn(_lines.GettingPerson, match?.Confidence ?? 0, attempt, null);

        var pending = new PendingAnswer(match.Passage.Id, match.Passage.Description, failed.Question, [.. failed.TriedArticles, match.Passage.ArticleSlug]);
        return new BotTurn($"{_lines.Retry}\n\n{WithQuestion(match.Passage)}", match.Confidence, attempt, pending);
    }

    private string WithQuestion(KnowledgePassage passage) => $"{passage.Markdown}\n\n{_lines.DidThatHelp}";
}
