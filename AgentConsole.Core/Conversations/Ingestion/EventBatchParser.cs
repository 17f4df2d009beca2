using System.Text.Json;
using AgentConsole.Core.Data;

namespace AgentConsole.Core.Conversations.Ingestion;

/// <summary>
/// Turns a bot's JSON batch into typed events, or into a list of problems that name each bad
/// field. It touches nothing: a batch with any problem is refused whole.
/// </summary>
public static class EventBatchParser
{
    /// <summary>The event types a batch may carry.</summary>
    public static readonly IReadOnlyList<string> EventTypes =
    [
        CustomerMessageEvent.TypeName, BotMessageEvent.TypeName, BotAttemptedSolutionEvent.TypeName,
        CustomerTriedEvent.TypeName, PageViewedEvent.TypeName, HandoffRequestedEvent.TypeName,
    ];

    public static ParseResult<EventBatch> Parse(JsonElement root, IngestionOptions limits, DateTime now)
    {
        var errors = new ValidationErrors();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The body must be a JSON object.");
            return new(null, errors);
        }

        var reader = new JsonFieldReader(root, "", errors);
        var channel = reader.String("channel", FieldLimits.Channel);
        if (channel is not null && (channel.Length == 0 || !channel.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            errors.Add("channel", "The field must be letters, digits, '-' or '_'.");

        var customer = ReadCustomer(reader.Object("customer"), now);
        var page = ReadPage(reader.Object("page"), now, limits);
        var events = ReadEvents(reader, limits, now);

        return errors.Any ? new(null, errors) : new(new EventBatch(channel?.ToLowerInvariant(), customer, page, events), errors);
    }

    private static CustomerReference? ReadCustomer(JsonFieldReader? reader, DateTime now)
    {
        if (reader is null) return null;
        var externalId = reader.String("externalId", FieldLimits.ExternalId, required: true);
        if (externalId is not null && !Identifiers.IsValidExternalId(externalId))
            reader.Errors.Add(reader.FieldPath("externalId"), Identifiers.ExternalIdRule);
        var profile = CustomerProfileParser.Read(reader, now);
        return externalId is null ? null : new CustomerReference(externalId, profile);
    }

    private static PageSnapshot? ReadPage(JsonFieldReader? reader, DateTime now, IngestionOptions limits)
    {
        if (reader is null) return null;
        var url = ReadUrl(reader);
        var title = reader.String("title", FieldLimits.Title);
        var at = ReadAt(reader, now, limits, required: false);
        return url is null ? null : new PageSnapshot(url, title, at);
    }

    private static List<InboundEventData> ReadEvents(JsonFieldReader reader, IngestionOptions limits, DateTime now)
    {
        var events = new List<InboundEventData>();
        if (!reader.TryGet("events", out var array))
        {
            reader.Errors.Add("events", "The field is required.");
            return events;
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            reader.Errors.Add("events", "The field must be an array.");
            return events;
        }
        if (array.GetArrayLength() > limits.MaxEventsPerBatch)
        {
            reader.Errors.Add("events", $"A batch may carry at most {limits.MaxEventsPerBatch} events; it has {array.GetArrayLength()}.");
            return events;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"events[{index}]";
            if (element.ValueKind != JsonValueKind.Object)
                reader.Errors.Add(path, "Each event must be an object.");
            else if (ReadEvent(new JsonFieldReader(element, path, reader.Errors), element, limits, now) is { } parsed)
            {
                if (seen.TryGetValue(parsed.Id, out var first))
                    reader.Errors.Add($"{path}.id", $"The id '{parsed.Id}' is also used by events[{first}]; ids must be unique.");
                else
                {
                    seen[parsed.Id] = index;
                    events.Add(parsed);
                }
            }
            index++;
        }
        return events;
    }

    private static InboundEventData? ReadEvent(JsonFieldReader reader, JsonElement element, IngestionOptions limits, DateTime now)
    {
        var id = reader.String("id", FieldLimits.EventId, required: true);
        if (id is not null && id.Any(char.IsControl)) reader.Errors.Add(reader.FieldPath("id"), "The field must not contain control characters.");
        var type = reader.String("type", 64, required: true);
        var at = ReadAt(reader, now, limits, required: true);
        var raw = element.GetRawText();

        // Read every field the type has before deciding, so one reply lists all of an event's problems.
        InboundEventData? parsed = type switch
        {
            CustomerMessageEvent.TypeName => Text(reader, "text", limits) is { } text ? new CustomerMessageEvent(id!, at ?? default, raw, text) : null,
            BotMessageEvent.TypeName => (Text(reader, "text", limits), reader.Number("confidence", 0, 1)) is (string text, var confidence)
                ? new BotMessageEvent(id!, at ?? default, raw, text, confidence)
                : null,
            BotAttemptedSolutionEvent.TypeName => (Text(reader, "description", limits), reader.Enum<AttemptOutcome>("outcome")) is (string description, var outcome)
                ? new BotAttemptedSolutionEvent(id!, at ?? default, raw, description, outcome ?? AttemptOutcome.Unknown)
                : null,
            CustomerTriedEvent.TypeName => Text(reader, "description", limits) is { } description ? new CustomerTriedEvent(id!, at ?? default, raw, description) : null,
            PageViewedEvent.TypeName => (ReadUrl(reader), reader.String("title", FieldLimits.Title)) is (string url, var title)
                ? new PageViewedEvent(id!, at ?? default, raw, url, title)
                : null,
            HandoffRequestedEvent.TypeName => Text(reader, "reason", limits) is { } reason ? new HandoffRequestedEvent(id!, at ?? default, raw, reason) : null,
            null => null,
            _ => Unknown(reader, type),
        };
        return id is null || at is null || reader.Errors.Any ? null : parsed;
    }

    private static InboundEventData? Unknown(JsonFieldReader reader, string type)
    {
        reader.Errors.Add(reader.FieldPath("type"), $"Unknown event type '{type}'. Known types: {string.Join(", ", EventTypes)}.");
        return null;
    }

    private static string? Text(JsonFieldReader reader, string name, IngestionOptions limits) =>
        reader.String(name, limits.MaxTextLength, required: true)?.Trim();

    private static DateTime? ReadAt(JsonFieldReader reader, DateTime now, IngestionOptions limits, bool required)
    {
        var at = reader.Timestamp("at", required);
        if (at > now.AddSeconds(limits.MaxClockSkewSeconds))
        {
            reader.Errors.Add(reader.FieldPath("at"), "The field is in the future.");
            return null;
        }
        return at;
    }

    private static string? ReadUrl(JsonFieldReader reader)
    {
        var url = reader.String("url", FieldLimits.Url, required: true);
        if (url is null) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            reader.Errors.Add(reader.FieldPath("url"), "The field must be an absolute http or https URL.");
            return null;
        }
        return url;
    }
}
