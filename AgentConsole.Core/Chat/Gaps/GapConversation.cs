using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Chat.Gaps;

/// <summary>One transcript line as the bot-gap rule reads it.</summary>
/// <param name="Id">The message's id, which orders equal timestamps.</param>
/// <param name="Author">Who wrote it.</param>
/// <param name="Text">What it says.</param>
/// <param name="SentAt">When (UTC).</param>
/// <param name="BotConfidence">The bot's confidence in it, for a bot message that reported one.</param>
/// <param name="PassageId">The knowledge passage a built-in bot answer was (its message's <c>awaiting.passageId</c> in the ledger).</param>
public sealed record GapMessage(long Id, MessageAuthor Author, string Text, DateTime SentAt, double? BotConfidence = null, string? PassageId = null);

/// <summary>A case of the conversation, as the bot-gap rule reads it.</summary>
/// <param name="OpenedAt">When it opened (UTC).</param>
/// <param name="ResolvedAt">When it was resolved, if it was.</param>
/// <param name="Reasons">Its escalation reasons' categories.</param>
/// <param name="RequestMessageIds">The customer messages that asked for a person (the <see cref="ReasonCategory.CustomerRequest"/> reasons' messages): they are not questions.</param>
public sealed record GapCase(DateTime OpenedAt, DateTime? ResolvedAt, IReadOnlyList<ReasonCategory> Reasons, IReadOnlyList<long> RequestMessageIds);

/// <summary>What the bot-gap rule reads of one conversation.</summary>
/// <param name="Id">The conversation.</param>
/// <param name="Messages">Its whole transcript.</param>
/// <param name="Cases">Its cases.</param>
/// <param name="FailedBotAttempts">When the bot's attempts were recorded as failed: the customer said the answer did not help.</param>
public sealed record GapConversation(Guid Id, IReadOnlyList<GapMessage> Messages, IReadOnlyList<GapCase> Cases, IReadOnlyList<DateTime> FailedBotAttempts);
