namespace AgentConsole.Core.Metrics.Facts;

/// <summary>An agent's first reply on a case (their earliest <c>Replied</c> entry), kept by the store's triggers: what context use counts a worked case by.</summary>
public sealed class CaseReply
{
    /// <summary>The case.</summary>
    public long CaseId { get; private set; }

    /// <summary>The replying agent, as the case log names the actor.</summary>
    public string AgentId { get; private set; } = "";

    /// <summary>Their first reply.</summary>
    public DateTime FirstReplyAt { get; private set; }
}
