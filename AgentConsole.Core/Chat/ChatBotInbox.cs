using System.Threading.Channels;

namespace AgentConsole.Core.Chat;

/// <summary>A customer's message the built-in bot should answer; <see cref="OpenedCaseId"/> when the message escalated.</summary>
public sealed record BotTurn(string ExternalId, Guid ConversationId, string Text, long? OpenedCaseId);

/// <summary>
/// The built-in bot's inbox: the customer's message is stored first and the bot answers after,
/// as an external bot would, so a customer's send never waits for the bot.
/// </summary>
public sealed class ChatBotInbox
{
    private readonly Channel<BotTurn> _turns = Channel.CreateUnbounded<BotTurn>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Hands a turn to the bot.</summary>
    public void Post(BotTurn turn) => _turns.Writer.TryWrite(turn);

    /// <summary>The turns, in the order they came.</summary>
    public ChannelReader<BotTurn> Turns => _turns.Reader;
}
