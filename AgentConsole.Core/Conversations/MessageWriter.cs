using AgentConsole.Core.Data;

namespace AgentConsole.Core.Conversations;

/// <summary>
/// Stores messages, whoever wrote them: the customer and the bot (through ingestion), or an agent
/// (a reply). It writes inside the caller's context and transaction, so the messages commit or roll
/// back with the rest of the caller's work, and gives each message its store id at once.
/// </summary>
/// <remarks>
/// The rows go in with one prepared statement, outside change tracking, whose cost grows with the
/// number of tracked rows: messages are the bulk of every batch. <see cref="Conversation.Messages"/>
/// is not a navigation EF follows, so a message is never inserted twice.
/// </remarks>
public static class MessageWriter
{
    /// <summary>Stores <paramref name="message"/>, added with <see cref="Conversation.AddMessage"/>, in <paramref name="db"/>'s current transaction.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="db"/> has no transaction, or the message is already stored.</exception>
    public static void Append(AgentConsoleDbContext db, Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Append(db, [message]);
    }

    /// <summary>Stores <paramref name="messages"/> in order, in <paramref name="db"/>'s current transaction.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="db"/> has no transaction, or a message is already stored.</exception>
    public static void Append(AgentConsoleDbContext db, IReadOnlyCollection<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0) return;
        if (messages.Any(m => m.Id != 0)) throw new InvalidOperationException("A message is already stored.");
        var insert = new RowInserter<Message>(db, nameof(Message.ConversationId), nameof(Message.Author), nameof(Message.Text),
            nameof(Message.SentAt), nameof(Message.EventId), nameof(Message.BotConfidence), nameof(Message.AgentId));
        // One statement for them all.
        var ids = insert.InsertKeys([.. messages.Select(m => new object?[] { m.ConversationId, m.Author, m.Text, m.SentAt, m.EventId, m.BotConfidence, m.AgentId })]);
        foreach (var (message, id) in messages.Zip(ids)) message.Stored(id);
    }
}
