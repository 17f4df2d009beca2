using System.Globalization;
using System.Security.Claims;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Delivery;

namespace AgentConsole.Api;

/// <summary>
/// The pull API for bots that cannot take webhooks: a conversation's outbox after a cursor, with
/// long polling. The envelopes are the webhooks' own.
/// </summary>
public static class EventFeedEndpoints
{
    public static IEndpointRouteBuilder MapEventFeedApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1").RequireAuthorization(IngestionEndpoints.BotPolicy).WithTags("Bot integration")
            .MapGet("/conversations/{externalId}/events", GetEventsAsync)
            .WithName("GetConversationEvents")
            .WithSummary("What happened on the desk for the conversation, after a cursor: the webhook envelopes, oldest first, and the cursor to pass next. "
                + "With waitSeconds (0 to 30) and nothing new, waits for the next event.")
            .Produces<EventPage>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> GetEventsAsync(string externalId, string? after, string? waitSeconds, string? limit,
        ClaimsPrincipal user, ConversationEventFeed feed, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Identifiers.IsValidExternalId(externalId)) errors["externalId"] = [Identifiers.ExternalIdRule];
        var cursor = Parse(after, "after", 0, long.MaxValue, 0, "a whole number, 0 or more: the cursor of the last page", errors);
        var wait = Parse(waitSeconds, "waitSeconds", 0, (long)ConversationEventFeed.MaxWait.TotalSeconds, 0, "a whole number of seconds from 0 to 30", errors);
        var size = Parse(limit, "limit", 1, ConversationEventFeed.MaxPageSize, ConversationEventFeed.MaxPageSize, "a whole number from 1 to 100", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var page = await feed.ReadAsync(user.IntegrationId(), externalId, cursor, TimeSpan.FromSeconds(wait), (int)size, cancellationToken);
        return page is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No conversation '{externalId}' for this integration.")
            : TypedResults.Ok(page);
    }

    private static long Parse(string? value, string name, long min, long max, long fallback, string rule, Dictionary<string, string[]> errors)
    {
        if (value is null) return fallback;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max) return parsed;
        errors[name] = [$"'{name}' must be {rule}."];
        return fallback;
    }
}
