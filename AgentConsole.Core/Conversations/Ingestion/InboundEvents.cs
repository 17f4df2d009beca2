namespace AgentConsole.Core.Conversations.Ingestion;

/// <summary>
/// An event a bot integration sends about a conversation. <see cref="Id"/> is the sender's id,
/// which makes a retried delivery a no-op; <see cref="RawJson"/> is kept for audit.
/// </summary>
public abstract record InboundEventData(string Id, DateTime At, string RawJson)
{
    /// <summary>The wire name of the event type, such as <c>customer.message</c>.</summary>
    public abstract string Type { get; }
}

/// <summary>The customer wrote to the bot.</summary>
public sealed record CustomerMessageEvent(string Id, DateTime At, string RawJson, string Text) : InboundEventData(Id, At, RawJson)
{
    public const string TypeName = "customer.message";
    public override string Type => TypeName;
}

/// <summary>The bot answered, with its own confidence in the answer when it reports one.</summary>
public sealed record BotMessageEvent(string Id, DateTime At, string RawJson, string Text, double? Confidence) : InboundEventData(Id, At, RawJson)
{
    public const string TypeName = "bot.message";
    public override string Type => TypeName;
}

/// <summary>The bot tried a solution, and it went as <see cref="Outcome"/> says.</summary>
public sealed record BotAttemptedSolutionEvent(string Id, DateTime At, string RawJson, string Description, AttemptOutcome Outcome) : InboundEventData(Id, At, RawJson)
{
    public const string TypeName = "bot.attempted_solution";
    public override string Type => TypeName;
}

/// <summary>The customer says they already tried something.</summary>
public sealed record CustomerTriedEvent(string Id, DateTime At, string RawJson, string Description) : InboundEventData(Id, At, RawJson)
{
    public const string TypeName = "customer.tried";
    public override string Type => TypeName;
}

/// <summary>The customer opened a page.</summary>
public sealed record PageViewedEvent(string Id, DateTime At, string RawJson, string Url, string? Title) : InboundEventData(Id, At, RawJson)
{
    public const string TypeName = "page.viewed";
    public override string Type => TypeName;
}

/// <summary>The bot itself asks for a human.</summary>
public sealed record HandoffRequestedEvent(string Id, DateTime At, string RawJson, string Reason) : InboundEventData(Id, At, RawJson)
{
    public const string TypeName = "bot.handoff_requested";
    public override string Type => TypeName;
}

/// <summary>A customer as a batch names them: their id and whatever profile fields the bot knows.</summary>
public sealed record CustomerReference(string ExternalId, CustomerProfile Profile);

/// <summary>The page the customer is on, sent beside a batch rather than as an event.</summary>
public sealed record PageSnapshot(string Url, string? Title, DateTime? At);

/// <summary>One delivery from a bot: events for a conversation, with optional customer and page context.</summary>
public sealed record EventBatch(string? Channel, CustomerReference? Customer, PageSnapshot? Page, IReadOnlyList<InboundEventData> Events);
