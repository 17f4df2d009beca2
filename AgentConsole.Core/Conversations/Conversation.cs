using AgentConsole.Core.Common;

namespace AgentConsole.Core.Conversations;

/// <summary>
/// A conversation between a customer and the bot, and later a human. It owns its transcript,
/// the solutions already attempted and the pages the customer viewed. It stores only its own
/// <see cref="Stage"/>, which moves along <see cref="ConversationStatusRules"/>; the status the bot
/// API reports also says where the open case is, and is derived with <see cref="ConversationStatuses.Of"/>.
/// </summary>
/// <remarks>
/// Child collections are never loaded: they hold only the rows added since the conversation was
/// read, which the caller stores, so ingesting a message costs the same whatever the transcript's
/// length. The ingestion path stores the new messages, attempts and pages with prepared inserts as
/// soon as a batch adds them, and its own row with one update (see <c>ConversationRows</c>);
/// elsewhere (the demo seeder) change tracking stores them.
/// </remarks>
public sealed class Conversation
{
    private readonly List<Message> _messages = [];
    private readonly List<AttemptedSolution> _attempts = [];
    private readonly List<PageContext> _pages = [];

    private Conversation() { }

    /// <summary>Starts a conversation that an integration knows by <paramref name="externalId"/>.</summary>
    public Conversation(Guid integrationId, string externalId, string channel, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        Id = Guid.CreateVersion7();
        IntegrationId = integrationId;
        ExternalId = externalId;
        Channel = channel;
        Stage = ConversationStage.WithBot;
        CreatedAt = LastActivityAt = now.EnsureUtc(nameof(now));
    }

    /// <summary>A conversation as the store has it, read by the ingestion path's own query.</summary>
    internal static Conversation Restore(Guid id, Guid integrationId, string externalId, string channel, Guid? customerId, ConversationStage stage,
        DateTime createdAt, DateTime lastActivityAt, DateTime? firstCustomerMessageAt) => new()
    {
        Id = id,
        IntegrationId = integrationId,
        ExternalId = externalId,
        Channel = channel,
        CustomerId = customerId,
        Stage = stage,
        CreatedAt = createdAt,
        LastActivityAt = lastActivityAt,
        FirstCustomerMessageAt = firstCustomerMessageAt,
    };

    public Guid Id { get; private set; }
    /// <summary>The bot integration that owns the conversation; external ids are unique per integration.</summary>
    public Guid IntegrationId { get; private set; }
    public string ExternalId { get; private set; } = "";
    public string Channel { get; private set; } = "";
    public Guid? CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    /// <summary>Who has the conversation: the bot, humans (a case is open), or nobody any more.</summary>
    public ConversationStage Stage { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime LastActivityAt { get; private set; }
    /// <summary>When the customer first wrote, which starts the unresolved-time clock.</summary>
    public DateTime? FirstCustomerMessageAt { get; private set; }
    /// <summary>
    /// When the conversation's words were last replaced by the redaction marker (a customer's erasure
    /// or retention), or null; the store sets it, and a later message makes the conversation due again.
    /// </summary>
    public DateTime? AnonymisedAt { get; private set; }
    public IReadOnlyList<Message> Messages => _messages;
    public IReadOnlyList<AttemptedSolution> AttemptedSolutions => _attempts;
    public IReadOnlyList<PageContext> PageViews => _pages;

    /// <summary>Ties the conversation to a customer. A conversation cannot change hands.</summary>
    public void AttachCustomer(Customer customer)
    {
        if (CustomerId is { } current && current != customer.Id)
            throw new DomainException("The conversation already belongs to another customer.");
        Customer = customer;
        CustomerId = customer.Id;
    }

    /// <summary>Appends a message. A customer writing into a resolved conversation reopens it with the bot.</summary>
    public Message AddMessage(MessageAuthor author, string text, DateTime sentAt, string? eventId = null, double? botConfidence = null) =>
        Append(author, text, sentAt, eventId, botConfidence, agentId: null);

    /// <summary>Appends a reply written by the agent <paramref name="agentId"/>.</summary>
    public Message AddAgentMessage(Guid agentId, string text, DateTime sentAt) => Append(MessageAuthor.Agent, text, sentAt, eventId: null, botConfidence: null, agentId);

    private Message Append(MessageAuthor author, string text, DateTime sentAt, string? eventId, double? botConfidence, Guid? agentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        EnsureOpen();
        if (botConfidence is < 0 or > 1) throw new DomainException("The bot's confidence must be between 0 and 1.");
        if (author == MessageAuthor.Customer && Stage == ConversationStage.Resolved) MoveTo(ConversationStage.WithBot);

        var message = new Message(Id, author, text, sentAt.EnsureUtc(nameof(sentAt)), eventId, author == MessageAuthor.Bot ? botConfidence : null, agentId);
        _messages.Add(message);
        if (author == MessageAuthor.Customer && (FirstCustomerMessageAt is null || sentAt < FirstCustomerMessageAt))
            FirstCustomerMessageAt = sentAt;
        Touch(sentAt);
        return message;
    }

    /// <summary>Records a solution the bot or the customer already tried.</summary>
    public AttemptedSolution RecordAttempt(AttemptSource source, string description, AttemptOutcome outcome, DateTime at, string? eventId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        EnsureOpen();
        var attempt = new AttemptedSolution(Id, source, description, outcome, at.EnsureUtc(nameof(at)), eventId);
        _attempts.Add(attempt);
        Touch(at);
        return attempt;
    }

    /// <summary>Records a page the customer viewed.</summary>
    public PageContext RecordPageView(string url, string? title, DateTime viewedAt, string? eventId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        EnsureOpen();
        var page = new PageContext(Id, url, title, viewedAt.EnsureUtc(nameof(viewedAt)), eventId);
        _pages.Add(page);
        Touch(viewedAt);
        return page;
    }

    /// <summary>Moves the conversation to <paramref name="next"/>, or throws if the move is not allowed.</summary>
    public void MoveTo(ConversationStage next)
    {
        if (!ConversationStatusRules.CanMove(Stage, next))
            throw new DomainException($"A conversation cannot move from {Stage} to {next}.");
        Stage = next;
    }

    private void EnsureOpen()
    {
        if (Stage == ConversationStage.Closed) throw new DomainException("The conversation is closed.");
    }

    private void Touch(DateTime at)
    {
        if (at > LastActivityAt) LastActivityAt = at;
    }
}
