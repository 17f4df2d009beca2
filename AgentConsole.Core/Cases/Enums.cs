namespace AgentConsole.Core.Cases;

/// <summary>Where an escalation is: waiting for routing, in the queue, offered, assigned, or done.</summary>
public enum CaseStatus { Escalated, Queued, Offered, Assigned, Resolved }

/// <summary>The kinds of entry in a case's append-only log.</summary>
public enum CaseEventType { Escalated, Queued, Offered, Accepted, Declined, TimedOut, Transferred, Reassigned, Replied, Resolved, Flagged, Rated }

/// <summary>Who caused a case event.</summary>
public enum ActorKind { System, Agent, User, Integration }
