namespace AgentConsole.Core.Triggers;

/// <summary>
/// One reason a conversation was escalated: its reported category, the trigger that fired, and
/// the evidence (the message text or signal) that fired it.
/// </summary>
public sealed class EscalationReason
{
    /// <summary>For the store.</summary>
    public EscalationReason() { }

    public EscalationReason(ReasonCategory category, string trigger, string evidence, long? messageId = null)
    {
        Category = category;
        Trigger = trigger;
        Evidence = evidence;
        MessageId = messageId;
    }

    public ReasonCategory Category { get; set; }
    /// <summary>The trigger's name, such as "keyword-repeat" or "explicit-request".</summary>
    public string Trigger { get; set; } = "";
    public string Evidence { get; set; } = "";
    /// <summary>The message that fired the trigger, when one did.</summary>
    public long? MessageId { get; set; }
}
