using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data;

namespace AgentConsole.Api.Contracts;

/// <summary>The event types a batch may carry: for each, the fields it requires and the Core event it becomes.</summary>
internal static class EventTypes
{
    private const int MaxTypeLength = 64;

    private sealed record Shape(Action<EventRequest, FieldRules, IngestionOptions> Validate, Func<EventRequest, DateTime, string, InboundEventData> Map);

    private static readonly Dictionary<string, Shape> Shapes = new(StringComparer.Ordinal)
    {
        [CustomerMessageEvent.TypeName] = new(
            (e, f, limits) => f.RequiredText("text", e.Text, limits.MaxTextLength),
            (e, at, raw) => new CustomerMessageEvent(e.Id!, at, raw, e.Text!.Trim())),
        [BotMessageEvent.TypeName] = new(
            (e, f, limits) =>
            {
                f.RequiredText("text", e.Text, limits.MaxTextLength);
                f.Range("confidence", e.Confidence, 0, 1);
            },
            (e, at, raw) => new BotMessageEvent(e.Id!, at, raw, e.Text!.Trim(), e.Confidence)),
        [BotAttemptedSolutionEvent.TypeName] = new(
            (e, f, limits) => f.RequiredText("description", e.Description, limits.MaxTextLength),
            (e, at, raw) => new BotAttemptedSolutionEvent(e.Id!, at, raw, e.Description!.Trim(), e.Outcome ?? AttemptOutcome.Unknown)),
        [CustomerTriedEvent.TypeName] = new(
            (e, f, limits) => f.RequiredText("description", e.Description, limits.MaxTextLength),
            (e, at, raw) => new CustomerTriedEvent(e.Id!, at, raw, e.Description!.Trim())),
        [PageViewedEvent.TypeName] = new(
            (e, f, _) =>
            {
                f.HttpUrl("url", e.Url, FieldLimits.Url);
                f.MaxLength("title", e.Title, FieldLimits.Title);
            },
            (e, at, raw) => new PageViewedEvent(e.Id!, at, raw, e.Url!, e.Title)),
        [HandoffRequestedEvent.TypeName] = new(
            (e, f, limits) => f.RequiredText("reason", e.Reason, limits.MaxTextLength),
            (e, at, raw) => new HandoffRequestedEvent(e.Id!, at, raw, e.Reason!.Trim())),
    };

    /// <summary>The wire names of the event types.</summary>
    public static IEnumerable<string> Names => Shapes.Keys;

    /// <summary>Checks the fields every event has, then those its type requires.</summary>
    public static void Validate(EventRequest e, FieldRules fields, IngestionOptions limits, DateTime now)
    {
        EventBatchValidator.EventId(fields, e.Id);
        var typed = fields.RequiredText("type", e.Type, MaxTypeLength);
        if (fields.Required("at", e.At)) EventBatchValidator.NotInTheFuture(fields, e.At, limits, now);
        if (!typed) return;
        if (Shapes.TryGetValue(e.Type!, out var shape)) shape.Validate(e, fields, limits);
        else fields.Add("type", $"Unknown event type '{e.Type}'. Known types: {string.Join(", ", Names)}.");
    }

    /// <summary>The Core event a validated <paramref name="e"/> becomes, with its raw JSON kept for the ledger.</summary>
    public static InboundEventData Map(EventRequest e, string rawJson) => Shapes[e.Type!].Map(e, e.At!.Value, rawJson);
}
