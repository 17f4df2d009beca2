using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Data.Seeding.History;

/// <summary>One generated conversation: its transcript, the bot's leading category, its case if it escalated, and its rating if any.</summary>
internal sealed record GeneratedConversation(Conversation Conversation, IssueCategory BotGuess, Case? Case, (int Score, DateTime At)? Rating);
