using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data;

namespace AgentConsole.Api.Contracts;

/// <summary>
/// Checks an <see cref="EventBatchRequest"/> against the API's rules. Every problem is recorded
/// under its field's path, so one reply lists them all; a batch with any problem is refused whole.
/// </summary>
internal static class EventBatchValidator
{
    public static void Validate(EventBatchRequest batch, IngestionOptions limits, DateTime now, ValidationErrors errors)
    {
        var fields = new FieldRules(errors, "");
        Channel(fields, batch.Channel);
        if (batch.Customer is { } customer) CustomerProfileValidator.Check(customer, fields.Nested("customer"), requireExternalId: true, now);
        if (batch.Page is { } page) Page(fields.Nested("page"), page, limits, now);
        Events(batch.Events, fields, limits, now);
    }

    /// <summary>An optional channel: letters, digits, '-' or '_', at most <see cref="FieldLimits.Channel"/> characters.</summary>
    internal static void Channel(FieldRules fields, string? channel)
    {
        if (fields.MaxLength("channel", channel, FieldLimits.Channel) && channel is not null
            && (channel.Length == 0 || !channel.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            fields.Add("channel", "The field must be letters, digits, '-' or '_'.");
    }

    /// <summary>The page the customer is on: an http or https URL, a title, a time not in the future.</summary>
    internal static void Page(FieldRules pageFields, PageRequest page, IngestionOptions limits, DateTime now)
    {
        pageFields.HttpUrl("url", page.Url, FieldLimits.Url);
        pageFields.MaxLength("title", page.Title, FieldLimits.Title);
        NotInTheFuture(pageFields, page.At, limits, now);
    }

    /// <summary>An event's id: present, at most <see cref="FieldLimits.EventId"/> characters, no control characters.</summary>
    internal static bool EventId(FieldRules fields, string? id)
    {
        if (!fields.RequiredText("id", id, FieldLimits.EventId)) return false;
        if (!id!.Any(char.IsControl)) return true;
        fields.Add("id", "The field must not contain control characters.");
        return false;
    }

    /// <summary>An event's time may run ahead of the desk's clock by the allowed skew, no more.</summary>
    internal static void NotInTheFuture(FieldRules fields, DateTime? at, IngestionOptions limits, DateTime now)
    {
        if (at > now.AddSeconds(limits.MaxClockSkewSeconds)) fields.Add("at", "The field is in the future.");
    }

    private static void Events(IReadOnlyList<EventRequest?>? events, FieldRules fields, IngestionOptions limits, DateTime now)
    {
        if (!fields.Required("events", events)) return;
        if (events!.Count > limits.MaxEventsPerBatch)
        {
            fields.Add("events", $"A batch may carry at most {limits.MaxEventsPerBatch} events; it has {events.Count}.");
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var eventFields = fields.Item("events", i);
            if (events[i] is not { } inbound)
            {
                var path = $"{fields.PathOf("events")}[{i}]";
                if (!fields.Errors.Has(path)) fields.Errors.Add(path, "Each event must be an object.");
                continue;
            }
            EventTypes.Validate(inbound, eventFields, limits, now);
            if (inbound.Id is not { } id || eventFields.HasProblem("id")) continue;
            if (seen.TryGetValue(id, out var first)) eventFields.Add("id", $"The id '{id}' is also used by events[{first}]; ids must be unique.");
            else seen[id] = i;
        }
    }
}
