using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentConsole.Core.Delivery;

/// <summary>The event types an external bot hears about, as the envelope's <c>type</c> names them.</summary>
public static class OutboundEventTypes
{
    /// <summary>A case was opened for the conversation: humans take over. Data: <see cref="CaseEscalatedData"/>.</summary>
    public const string CaseEscalated = "case.escalated";

    /// <summary>The case's place in the queue changed. Data: <see cref="QueuePositionData"/>.</summary>
    public const string QueuePosition = "case.queue_position";

    /// <summary>An agent has the case now. Data: <see cref="CaseAssignedData"/>.</summary>
    public const string CaseAssigned = "case.assigned";

    /// <summary>The case is resolved; the bot should ask the customer to rate it. Data: <see cref="CaseResolvedData"/>.</summary>
    public const string CaseResolved = "case.resolved";

    /// <summary>The agent replied: the bot shows the text to the customer. Data: <see cref="AgentMessageData"/>.</summary>
    public const string AgentMessage = "agent.message";

    /// <summary>The agent is typing a reply. Nothing is stored for it but this row. Data: <see cref="AgentTypingData"/>.</summary>
    public const string AgentTyping = "agent.typing";

    /// <summary>Every type, in the order a case usually goes through them.</summary>
    public static readonly IReadOnlyList<string> All = [CaseEscalated, QueuePosition, CaseAssigned, AgentTyping, AgentMessage, CaseResolved];
}

/// <summary>One reason the case was opened.</summary>
/// <param name="Category">The reason's category, such as <c>CustomerRequest</c> or <c>SecurityCompliance</c>.</param>
/// <param name="Trigger">The trigger that fired, such as <c>explicit-request</c>.</param>
/// <param name="Evidence">What fired it: the words or the signal.</param>
public sealed record EscalationReasonData(string Category, string Trigger, string Evidence);

/// <summary>The data of <c>case.escalated</c>.</summary>
/// <param name="CaseId">The desk's id of the case.</param>
/// <param name="Category">The issue category, such as <c>Billing</c> or <c>Security</c>.</param>
/// <param name="Priority"><c>Low</c>, <c>Normal</c>, <c>High</c> or <c>Urgent</c>.</param>
/// <param name="Reasons">Why the conversation was escalated.</param>
/// <param name="Team">Who will take it, in plain words for the customer, such as "Billing" or "Technical support".</param>
/// <param name="Skill">The skill the case needs, as the desk names it.</param>
public sealed record CaseEscalatedData(long CaseId, string Category, string Priority, IReadOnlyList<EscalationReasonData> Reasons, string Team, string Skill);

/// <summary>The data of <c>case.queue_position</c>.</summary>
/// <param name="CaseId">The desk's id of the case.</param>
/// <param name="Position">1 for the next case to be taken.</param>
/// <param name="EstimatedWaitSeconds">The estimated wait at that place, or null while no agent works or the case waits for an opening.</param>
/// <param name="ExpectedAnswerAt">
/// When every team that could take the case is closed (business hours): the UTC instant the first of
/// them opens, when the customer can expect an answer. Null while a team is open, and for urgent and security cases.
/// </param>
public sealed record QueuePositionData(long CaseId, int Position, int? EstimatedWaitSeconds, DateTime? ExpectedAnswerAt = null);

/// <summary>The data of <c>case.assigned</c>.</summary>
/// <param name="CaseId">The desk's id of the case.</param>
/// <param name="AgentName">The agent's display name, to show the customer.</param>
public sealed record CaseAssignedData(long CaseId, string AgentName);

/// <summary>The data of <c>case.resolved</c>.</summary>
/// <param name="CaseId">The desk's id of the case.</param>
/// <param name="CsatRequested">Always true: the bot should ask the customer to rate the help.</param>
public sealed record CaseResolvedData(long CaseId, bool CsatRequested);

/// <summary>The data of <c>agent.message</c>.</summary>
/// <param name="CaseId">The desk's id of the case.</param>
/// <param name="MessageId">The desk's id of the message.</param>
/// <param name="Text">The reply, as the agent wrote it (Markdown).</param>
/// <param name="AgentName">The agent's display name.</param>
public sealed record AgentMessageData(long CaseId, long MessageId, string Text, string AgentName);

/// <summary>The data of <c>agent.typing</c>.</summary>
/// <param name="CaseId">The desk's id of the case.</param>
/// <param name="AgentName">The agent's display name.</param>
public sealed record AgentTypingData(long CaseId, string AgentName);

/// <summary>How payloads and envelopes are written: camelCase JSON, as the rest of the API.</summary>
public static class OutboundJson
{
    /// <summary>The serializer options of every payload and envelope.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The payload as stored in <see cref="OutboundEvent.Payload"/>.</summary>
    public static string Serialize<T>(T data) => JsonSerializer.Serialize(data, Options);
}
