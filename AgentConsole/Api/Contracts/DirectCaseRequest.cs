using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Api.Contracts;

/// <summary>A case opened directly, with no bot: an email thread or a phone call that goes straight to humans.</summary>
/// <param name="ExternalId">
/// The idempotency key: the external id of the case's conversation, such as the email thread or the call id, unique per
/// integration. A retry with the same key and the same request finds the same case; another request under the key is refused.
/// </param>
/// <param name="Channel">Where the customer wrote or called, such as <c>email</c> or <c>phone</c>: letters, digits, '-' or '_'.</param>
/// <param name="Customer">The customer; <c>externalId</c> is required here.</param>
/// <param name="Messages">What the customer wrote or said (the subject belongs in the first message): at least one.</param>
/// <param name="Page">The page the customer was on, if any.</param>
/// <param name="Category">The issue's category, if known; otherwise the triggers' classifier decides it from the text.</param>
/// <param name="Priority">The case's priority, if known; otherwise the triggers' rules decide it.</param>
/// <param name="Skill">The skill to route to, if known; otherwise it follows the category.</param>
public sealed record DirectCaseRequest(
    [property: Required] string? ExternalId,
    [property: Required] string? Channel,
    [property: Required] CustomerProfileRequest? Customer,
    [property: Required] IReadOnlyList<DirectMessageRequest?>? Messages,
    PageRequest? Page,
    IssueCategory? Category,
    CasePriority? Priority,
    Skill? Skill)
{
    /// <summary>The case the Core opens. Call it on a validated request.</summary>
    public DirectCase ToDirectCase()
    {
        var normalized = this with { Channel = Channel!.ToLowerInvariant() };
        var messages = Messages!.Select((m, i) => new CustomerMessageEvent(
            DirectMessageRequest.IdAt(m!, i), m!.At!.Value, JsonSerializer.Serialize(m, ContractJson.Options), m.Text!.Trim())).ToList();
        return new DirectCase(
            normalized.Channel!,
            new CustomerReference(Customer!.ExternalId!, Customer.ToProfile()),
            Page is { } page ? new PageSnapshot(page.Url!, page.Title, page.At) : null,
            messages,
            new RequestedRouting(Category, Priority, Skill),
            // One canonical form (field order, names, UTC times), so a retry matches however its JSON was laid out.
            JsonSerializer.Serialize(normalized, ContractJson.Options));
    }
}

/// <summary>One thing the customer wrote or said.</summary>
/// <param name="Id">The sender's id for the message, unique in the case; its position (1, 2, …) when left out.</param>
/// <param name="At">When it was sent or said: an ISO 8601 timestamp with a UTC offset.</param>
/// <param name="Text">What the customer wrote or said.</param>
public sealed record DirectMessageRequest(string? Id, [property: Required, JsonConverter(typeof(TimestampConverter))] DateTime? At, [property: Required] string? Text)
{
    /// <summary>The message's id: the one sent, or its position counted from 1.</summary>
    internal static string IdAt(DirectMessageRequest message, int index) => message.Id ?? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
