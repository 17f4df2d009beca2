namespace AgentConsole.Core.Conversations;

/// <summary>The customer's commercial tier.</summary>
public enum CustomerTier { Free, Pro, Business, Enterprise }

/// <summary>Direction of the customer's product usage over recent weeks.</summary>
public enum UsageTrend { Unknown, Growing, Stable, Declining }

/// <summary>Where a conversation is in its life.</summary>
public enum ConversationStatus { BotActive, Escalated, Queued, Offered, Assigned, Resolved, Closed }

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
