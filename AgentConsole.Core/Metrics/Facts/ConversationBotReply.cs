using AgentConsole.Core.Conversations;

namespace AgentConsole.Core.Metrics.Facts;

/// <summary>How many times the bot sent one text in one conversation, with the conversation's filter columns, redone with the conversation's other facts (<see cref="FactsSql"/>).</summary>
public sealed class ConversationBotReply
{
    /// <summary>When the conversation started (UTC).</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>The conversation.</summary>
    public Guid ConversationId { get; private set; }

    /// <summary>The bot's text.</summary>
    public string Text { get; private set; } = "";

    /// <summary>The conversation's channel.</summary>
    public string Channel { get; private set; } = "";

    /// <summary>The customer's tier; null with no known customer.</summary>
    public CustomerTier? Tier { get; private set; }

    /// <summary>Whether the conversation is a case opened directly.</summary>
    public bool Direct { get; private set; }

    /// <summary>Times the bot sent the text there.</summary>
    public int Sent { get; private set; }
}
