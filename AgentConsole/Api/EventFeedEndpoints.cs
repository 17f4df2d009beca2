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

    // Numbers that do not parse are refused by the binder with a 400 problem; ranges are checked here.
    private static async Task<IResult> GetEventsAsync(string externalId, long? after, int? waitSeconds, int? limit,
        ClaimsPrincipal user, ConversationEventFeed feed, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Identifiers.IsValidExternalId(externalId)) errors["externalId"] = [Identifiers.ExternalIdRule];
        if (after < 0) errors["after"] = ["'after' must be 0 or more: the cursor of the last page."];
        if (waitSeconds is < 0 || waitSeconds > ConversationEventFeed.MaxWait.TotalSeconds) errors["waitSeconds"] = ["'waitSeconds' must be from 0 to 30."];
        if (limit is < 1 or > ConversationEventFeed.MaxPageSize) errors["limit"] = [$"'limit' must be from 1 to {ConversationEventFeed.MaxPageSize}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var page = await feed.ReadAsync(user.IntegrationId(), externalId, after ?? 0, TimeSpan.FromSeconds(waitSeconds ?? 0),
            limit ?? ConversationEventFeed.MaxPageSize, cancellationToken);
        return page is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No conversation '{externalId}' for this integration.")
            : TypedResults.Ok(page);
    }
}
