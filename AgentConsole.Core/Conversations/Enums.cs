namespace AgentConsole.Core.Conversations;

/// <summary>The customer's commercial tier.</summary>
public enum CustomerTier { Free, Pro, Business, Enterprise }

/// <summary>Direction of the customer's product usage over recent weeks.</summary>
public enum UsageTrend { Unknown, Growing, Stable, Declining }

/// <summary>
/// Where a conversation is in its life, as the bot API reports it: its own stage, and while humans
/// have it, where its case is in routing. Derived with <see cref="ConversationStatuses.Of"/>, never stored.
/// </summary>
public enum ConversationStatus { BotActive, Escalated, Queued, Offered, Assigned, Resolved, Closed }

/// <summary>Who has a conversation: the one thing about its life the conversation itself stores.</summary>
public enum ConversationStage
{
    /// <summary>The bot is handling it.</summary>
    WithBot,
    /// <summary>It was escalated: its case is open.</summary>
    WithHumans,
    /// <summary>Its case was resolved; the customer writing again hands it back to the bot.</summary>
    Resolved,
    /// <summary>Final: it takes nothing more.</summary>
    Closed,
}

/// <summary>Who wrote a message.</summary>
public enum MessageAuthor { Customer, Bot, Agent, System }

/// <summary>Who tried a solution.</summary>
public enum AttemptSource { Bot, Customer }

/// <summary>How an attempted solution went.</summary>
public enum AttemptOutcome { Unknown, Failed, PartiallyWorked, Succeeded }

/// <summary>How people read an <see cref="AttemptOutcome"/>: in briefings and the console's transcript.</summary>
public static class AttemptOutcomeNames
{
    public static string Of(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Succeeded => "worked",
        AttemptOutcome.Failed => "did not work",
        AttemptOutcome.PartiallyWorked => "partly worked",
        _ => "outcome unknown",
    };
}
