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
/// Why a case moved: stored on its log entries beside the type, and carried by the routing events
/// (<c>OfferWithdrawn</c>, <c>CaseAssigned</c>, <c>CaseReassigned</c>) as the reason's name. The
/// console says them in words with <see cref="CaseEventReasonNames"/>; a human's own words go in
/// the entry's <see cref="CaseEvent.Comment"/>.
/// </summary>
public enum CaseEventReason
{
    /// <summary>The offered agent accepted the case.</summary>
    Accepted,
    /// <summary>Routing assigned the case outright, for a team that auto-assigns.</summary>
    AutoAssigned,
    /// <summary>The offered agent declined the case; their reason is the comment.</summary>
    Declined,
    /// <summary>The offer ran out before the agent answered.</summary>
    TimedOut,
    /// <summary>The offer was taken back because the agent became Away or Offline.</summary>
    AgentUnavailable,
    /// <summary>The assigned agent missed the first-reply deadline and the case was taken back.</summary>
    Reclaimed,
    /// <summary>The assigned agent was away longer than the hold.</summary>
    HoldExpired,
    /// <summary>A team lead or supervisor moved the case to an agent.</summary>
    Reassigned,
    /// <summary>A team lead or supervisor sent the case back to the queue.</summary>
    BackToQueue,
    /// <summary>The agent working the case passed it to a skill, a team or an agent.</summary>
    Transferred,
    /// <summary>The case went to the Engineering tier with a bug report.</summary>
    ToEngineering,
    /// <summary>The case was resolved.</summary>
    Resolved,
}

/// <summary>
/// Feedback an agent gives on how a case reached them, stored as a <see cref="FeedbackFlag"/>
/// (and logged as <see cref="CaseEventType.Flagged"/>) for trigger precision and routing quality.
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
