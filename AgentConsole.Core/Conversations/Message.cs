namespace AgentConsole.Core.Conversations;

/// <summary>One line of the transcript.</summary>
public sealed class Message
{
    private Message() { }

    internal Message(Guid conversationId, MessageAuthor author, string text, DateTime sentAt, string? eventId, double? botConfidence, Guid? agentId = null)
    {
        AgentId = agentId;
        ConversationId = conversationId;
        Author = author;
        Text = text;
        SentAt = sentAt;
        EventId = eventId;
        BotConfidence = botConfidence;
    }

    /// <summary>Store-assigned and increasing, so it breaks ties between equal timestamps in arrival order.</summary>
    public long Id { get; private set; }

    /// <summary>Records the id the store gave the row when it was appended outside change tracking.</summary>
    internal void Stored(long id) => Id = Id == 0 ? id : throw new InvalidOperationException("The message is already stored.");
    public Guid ConversationId { get; private set; }
    public MessageAuthor Author { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime SentAt { get; private set; }
    /// <summary>The inbound event this message came from; null for messages written inside the desk.</summary>
    public string? EventId { get; private set; }
    /// <summary>The bot's own confidence in its answer, 0 to 1, for bot messages that report it.</summary>
    public double? BotConfidence { get; private set; }
    /// <summary>The agent who wrote an agent's message, so the customer sees who is helping them.</summary>
    public Guid? AgentId { get; private set; }
}

/// <summary>Something the bot or the customer already tried, so the human does not suggest it again.</summary>
public sealed class AttemptedSolution
{
    private AttemptedSolution() { }

    internal AttemptedSolution(Guid conversationId, AttemptSource source, string description, AttemptOutcome outcome, DateTime at, string? eventId)
    {
        ConversationId = conversationId;
        Source = source;
        Description = description;
        Outcome = outcome;
        At = at;
        EventId = eventId;
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public AttemptSource Source { get; private set; }
    public string Description { get; private set; } = "";
    public AttemptOutcome Outcome { get; private set; }
    public DateTime At { get; private set; }
    public string? EventId { get; private set; }

    internal void Stored(long id) => Id = Id == 0 ? id : throw new InvalidOperationException("The attempt is already stored.");
}

/// <summary>A page the customer had open, so the human sees what they were looking at.</summary>
public sealed class PageContext
{
    private PageContext() { }

    internal PageContext(Guid conversationId, string url, string? title, DateTime viewedAt, string? eventId)
    {
        ConversationId = conversationId;
        Url = url;
        Title = title;
        ViewedAt = viewedAt;
        EventId = eventId;
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public string Url { get; private set; } = "";
    public string? Title { get; private set; }
    public DateTime ViewedAt { get; private set; }
    public string? EventId { get; private set; }

    internal void Stored(long id) => Id = Id == 0 ? id : throw new InvalidOperationException("The page view is already stored.");
}

/// <summary>
/// The ledger of every inbound event a conversation has accepted, keyed by the sender's event id.
/// It is what makes a retried delivery a no-op, and it keeps the raw payload for audit and replay.
/// </summary>
public sealed class InboundEvent
{
    private InboundEvent() { }

    public InboundEvent(Guid conversationId, string eventId, string type, DateTime occurredAt, DateTime receivedAt, string payload)
    {
        ConversationId = conversationId;
        EventId = eventId;
        Type = type;
        OccurredAt = occurredAt;
        ReceivedAt = receivedAt;
        Payload = payload;
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public string EventId { get; private set; } = "";
    public string Type { get; private set; } = "";
    public DateTime OccurredAt { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public string Payload { get; private set; } = "";
}
