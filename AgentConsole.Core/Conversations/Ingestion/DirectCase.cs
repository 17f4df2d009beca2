using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Conversations.Ingestion;

/// <summary>What whoever opens a case directly asks for; each part left null is decided by the triggers from the text.</summary>
public sealed record RequestedRouting(IssueCategory? Category, CasePriority? Priority, Skill? Skill)
{
    /// <summary>Nothing asked for: the triggers decide it all.</summary>
    public static RequestedRouting None { get; } = new(null, null, null);
}

/// <summary>
/// A case opened directly, with no bot: an email thread or a phone call that goes straight to
/// humans. Its customer messages are stored like a batch's, and the case opens at once.
/// <see cref="RequestJson"/> is the request in one canonical form: a retry must carry the same.
/// </summary>
public sealed record DirectCase(
    string Channel,
    CustomerReference Customer,
    PageSnapshot? Page,
    IReadOnlyList<CustomerMessageEvent> Messages,
    RequestedRouting Requested,
    string RequestJson)
{
    /// <summary>The name of the trigger a direct case's reason gives.</summary>
    public const string Trigger = "direct";

    /// <summary>
    /// Why the case opened: the customer came to humans themselves, so the reason is a customer
    /// request, from the <see cref="Trigger"/> "direct" rather than from anything a bot saw.
    /// </summary>
    public EscalationReason Reason() =>
        new(ReasonCategory.CustomerRequest, Trigger, $"Opened directly ({Channel}), with no bot");

    /// <summary>The batch that stores the case's messages and the ledger's record of the request.</summary>
    internal EventBatch ToBatch(DateTime now) =>
        new(Channel, Customer, Page, [.. Messages, new CaseOpenedDirectlyEvent(CaseOpenedDirectlyEvent.LedgerId, now, RequestJson)]);
}

/// <summary>
/// The ledger's record that a conversation was opened as a direct case, with the request as sent
/// in canonical form: it tells a retry (the same request) from a conflict (another one under the same key).
/// </summary>
public sealed record CaseOpenedDirectlyEvent(string Id, DateTime At, string RawJson) : InboundEventData(Id, At, RawJson)
{
    public const string TypeName = "case.opened_directly";

    /// <summary>The event id the record takes in its conversation; no customer message may take it.</summary>
    public const string LedgerId = "case.opened_directly";

    public override string Type => TypeName;
}

/// <summary>A direct case refused because its key is taken: by a bot's conversation, or by a direct case opened with another request.</summary>
public sealed class DirectCaseConflictException(string message) : DomainException(message);
