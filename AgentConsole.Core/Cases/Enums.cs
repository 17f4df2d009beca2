namespace AgentConsole.Core.Cases;

/// <summary>Where an escalation is: waiting for routing, in the queue, offered, assigned, or done.</summary>
public enum CaseStatus { Escalated, Queued, Offered, Assigned, Resolved }

/// <summary>The kinds of entry in a case's append-only log.</summary>
public enum CaseEventType
{
    Escalated, Queued, Offered, Accepted, Declined, TimedOut, Transferred, Reassigned, Replied, Resolved, Flagged, Rated,
    /// <summary>The routing policy decided; the detail is the decision's one-line summary, the case keeps the full explanation.</summary>
    Routed,
    /// <summary>An offer was taken back because the agent went away or the case was reassigned.</summary>
    Withdrawn,
    /// <summary>The assigned agent missed the first-reply deadline and the case was taken back.</summary>
    Reclaimed,
    /// <summary>The agent was away longer than the hold, and the case went back to the queue.</summary>
    HoldExpired,
    /// <summary>A manual assignment above the agent's capacity, allowed by an explicit override.</summary>
    CapacityOverride,
    /// <summary>An agent escalated the case to engineering with a bug report.</summary>
    ToEngineering,
    /// <summary>The team lead was alerted about the case.</summary>
    LeadAlerted,
    /// <summary>An internal note on the case, for the desk only; the customer never sees it.</summary>
    Noted,
}

/// <summary>
/// Feedback an agent gives on how a case reached them, logged as <see cref="CaseEventType.Flagged"/>
/// for trigger precision and routing quality.
/// </summary>
public enum CaseFlag
{
    /// <summary>The case came to the wrong person or team.</summary>
    Misrouted,
    /// <summary>The bot could have handled it: a false-positive trigger.</summary>
    UnnecessaryEscalation,
    /// <summary>The agent had to ask the customer to repeat something the handoff should have carried.</summary>
    CustomerRepeated,
}

/// <summary>Who caused a case event.</summary>
public enum ActorKind { System, Agent, User, Integration }
