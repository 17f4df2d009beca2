using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;

namespace AgentConsole.Api.Contracts;

/// <summary>One delivery from a bot: events for a conversation, with optional customer and page context.</summary>
/// <param name="Channel">Letters, digits, '-' or '_'; <c>web</c> when left out.</param>
/// <param name="Customer">The conversation's customer; <c>externalId</c> is required here.</param>
/// <param name="Page">The page the customer is on.</param>
/// <param name="Events">The events, each with an id unique in the batch; ids already accepted are skipped.</param>
public sealed record EventBatchRequest(string? Channel, CustomerProfileRequest? Customer, PageRequest? Page, [property: Required] IReadOnlyList<EventRequest?>? Events)
{
    /// <summary>The batch the Core stores. Call it on a validated request, with each event's JSON text as sent.</summary>
    public EventBatch ToEventBatch(IReadOnlyList<string> rawEvents)
    {
        var events = Events ?? [];
        if (rawEvents.Count != events.Count) throw new ArgumentException("There must be one raw text per event.", nameof(rawEvents));
        return new EventBatch(
            Channel?.ToLowerInvariant(),
            Customer is { } customer ? new CustomerReference(customer.ExternalId!, customer.ToProfile()) : null,
            Page is { } page ? new PageSnapshot(page.Url!, page.Title, page.At) : null,
            events.Select((e, i) => EventTypes.Map(e!, rawEvents[i])).ToList());
    }
}

/// <summary>The page the customer is on, sent beside a batch.</summary>
/// <param name="Url">An absolute http or https URL.</param>
/// <param name="Title">The page's title.</param>
/// <param name="At">When the customer opened it, with a UTC offset.</param>
public sealed record PageRequest([property: Required] string? Url, string? Title, [property: JsonConverter(typeof(TimestampConverter))] DateTime? At);

/// <summary>
/// One event. <c>type</c> is one of customer.message (text), bot.message (text, confidence),
/// bot.attempted_solution (description, outcome), customer.tried (description),
/// page.viewed (url, title) or bot.handoff_requested (reason).
/// </summary>
/// <param name="Id">The sender's id for the event, unique in its conversation.</param>
/// <param name="Type">What happened; it says which other fields the event has.</param>
/// <param name="At">When it happened: an ISO 8601 timestamp with a UTC offset.</param>
/// <param name="Text">The message (customer.message, bot.message).</param>
/// <param name="Confidence">The bot's confidence in its message, 0 to 1 (bot.message).</param>
/// <param name="Description">What was tried (bot.attempted_solution, customer.tried).</param>
/// <param name="Outcome">How the bot's attempt went (bot.attempted_solution).</param>
/// <param name="Url">The page opened (page.viewed).</param>
/// <param name="Title">The page's title (page.viewed).</param>
/// <param name="Reason">Why the bot asks for a human (bot.handoff_requested).</param>
public sealed record EventRequest(
    [property: Required] string? Id, [property: Required] string? Type, [property: Required, JsonConverter(typeof(TimestampConverter))] DateTime? At,
    string? Text, double? Confidence,
    string? Description, AttemptOutcome? Outcome, string? Url, string? Title, string? Reason);
