using AgentConsole.Core.Conversations;

namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>
/// An answer the bot gave and asked "Did that help?" about: what it remembers until the customer's next message.
/// </summary>
/// <param name="PassageId">The <see cref="KnowledgePassage.Id"/> the bot answered with.</param>
/// <param name="Description">How the attempt is described to agents (<see cref="KnowledgePassage.Description"/>).</param>
/// <param name="Question">The customer's question the passage answered; a second answer is looked for against it.</param>
/// <param name="TriedArticles">The slugs of every article already offered for this question, this one included.</param>
public sealed record PendingAnswer(string PassageId, string Description, string Question, IReadOnlyList<string> TriedArticles);

/// <summary>A solution the bot tried, for the conversation's record of attempts.</summary>
/// <param name="Description">What was tried: the article's title and the passage's heading.</param>
/// <param name="Outcome">How it went: <see cref="AttemptOutcome.Unknown"/> when the customer moved on without saying.</param>
public sealed record BotAttempt(string Description, AttemptOutcome Outcome);

/// <summary>The bot's next turn.</summary>
/// <param name="ReplyMarkdown">What the bot says, in Markdown.</param>
/// <param name="Confidence">The bot's confidence in the reply, in [0, 1]; low when it cannot answer, which the desk's triggers act on.</param>
/// <param name="Attempt">An attempt whose outcome this turn settled, to record; null when none did.</param>
/// <param name="AwaitingFeedback">The answer this turn asks "Did that help?" about, to pass back with the next message; null when none.</param>
public sealed record BotTurn(string ReplyMarkdown, double Confidence, BotAttempt? Attempt, PendingAnswer? AwaitingFeedback);
