namespace AgentConsole.Core.Cases;

/// <summary>How people read a <see cref="CaseEventReason"/>: in the console and in the case's history.</summary>
public static class CaseEventReasonNames
{
    public static string Of(CaseEventReason reason) => reason switch
    {
        CaseEventReason.AutoAssigned => "Assigned automatically",
        CaseEventReason.TimedOut => "Offer timed out",
        CaseEventReason.AgentUnavailable => "Agent became unavailable",
        CaseEventReason.Reclaimed => "No first reply in time",
        CaseEventReason.HoldExpired => "Agent away longer than the hold",
        CaseEventReason.Reassigned => "Reassigned by a lead",
        CaseEventReason.BackToQueue => "Sent back to the queue",
        CaseEventReason.ToEngineering => "Escalated to engineering",
        _ => reason.ToString(),
    };
}
