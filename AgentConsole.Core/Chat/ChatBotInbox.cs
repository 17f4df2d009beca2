using System.Threading.Channels;

namespace AgentConsole.Core.Chat;

/// <summary>
/// A customer's message the built-in bot should answer: <see cref="EventId"/> is the message's
/// event id, from which the bot's own events take theirs, so a replayed turn is stored once.
/// <see cref="OpenedCaseId"/> is set when the message escalated.
/// </summary>
public sealed record CustomerTurn(string ExternalId, Guid ConversationId, string EventId, string Text, long? OpenedCaseId);

/// <summary>
/// The built-in bot's inbox: the customer's message is stored first and the bot answers after,
/// as an external bot would, so a customer's send never waits for the bot.
/// </summary>
public sealed class ChatBotInbox
{
    private readonly Channel<CustomerTurn> _turns = Channel.CreateUnbounded<CustomerTurn>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Hands a turn to the bot.</summary>
    public void Post(CustomerTurn turn) => _turns.Writer.TryWrite(turn);

    /// <summary>The turns, in the order they came.</summary>
    public ChannelReader<CustomerTurn> Turns => _turns.Reader;
}
