using System.Text.Json;
using AgentConsole.Api;
using AgentConsole.Api.Contracts;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Data;
using AgentConsole.Core.Conversations.Ingestion;
using Microsoft.Extensions.Options;

namespace AgentConsole.Chat;

/// <summary>
/// The chat widget's public API under <c>/api/chat</c>. No login: a conversation is opened by its
/// token, sent as <c>Authorization: Bearer</c>, and no other id ever opens one. Every request is
/// limited per IP, messages per conversation too, and pages of origins not allowed are refused.
/// </summary>
public static class ChatEndpoints
{
    public const string Prefix = "/api/chat";
    private const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder routes)
    {
        var chat = routes.MapGroup(Prefix).WithTags("Chat widget").AllowAnonymous()
            .RequireCors(ChatServices.CorsPolicy).AddEndpointFilter<AllowedOriginFilter>();

        chat.MapPost("/sessions", StartAsync).RequireRateLimiting(ChatServices.SessionsPolicy)
            .WithSummary("Starts a conversation and returns its token.")
            .Produces<StartChatResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        chat.MapGet("/transcript", TranscriptAsync)
            .WithSummary("The conversation's transcript and status.")
            .Produces<ChatTranscriptResponse>().ProducesProblem(StatusCodes.Status401Unauthorized);
        chat.MapPost("/messages", SendAsync).RequireRateLimiting(ChatServices.MessagesPolicy)
            .WithSummary("Sends the customer's message; a retry with the same clientId is stored once.")
            .Produces<ChatSentResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        chat.MapPost("/page", PageAsync)
            .WithSummary("Records the page the customer has open.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        chat.MapPost("/typing", TypingAsync)
            .WithSummary("Tells the agent the customer is typing.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status401Unauthorized);
        chat.MapPost("/rating", RateAsync)
            .WithSummary("Rates the help: 1 to 5, with an optional comment.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict);
        chat.MapGet("/stream", ChatStream.RunAsync)
            .WithSummary("Server-Sent Events: message, status and typing, as they happen.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesProblem(StatusCodes.Status401Unauthorized);
        return routes;
    }

    private static async Task<IResult> StartAsync(HttpRequest request, CustomerChat chat, CancellationToken cancellationToken)
    {
        StartChatRequest? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var read = await JsonBody.ReadAsync<StartChatRequest>(request, MaxBodyBytes, cancellationToken);
            if (read.Problem is { } problem) return problem;
            body = read.Value;
            if (body!.Page is { } page) ValidatePage(page, "page", read.Errors);
            if (read.Errors.Any) return TypedResults.ValidationProblem(read.Errors.ToDictionary());
        }
        var snapshot = body?.Page is { Url: { } url } p ? new PageSnapshot(url, Clip(p.Title), null) : null;
        var (token, session) = await chat.StartAsync(snapshot, cancellationToken);
        var conversationId = await chat.ConversationIdAsync(session, cancellationToken);
        return TypedResults.Created($"{Prefix}/transcript", new StartChatResponse(token, conversationId ?? session.Id));
    }

    private static async Task<IResult> TranscriptAsync(HttpContext http, CustomerChat chat, CancellationToken cancellationToken)
    {
        if (await ChatAuth.SessionAsync(http, chat, cancellationToken) is not { } session) return ChatAuth.Unauthorized();
        var messages = await chat.TranscriptAsync(session, 0, cancellationToken);
        var status = await chat.StatusAsync(session, cancellationToken);
        return TypedResults.Ok(new ChatTranscriptResponse([.. messages.Select(ChatMessageResponse.From)], ChatStatusResponse.From(status),
            messages.Count == 0 ? 0 : messages[^1].Id));
    }

    private static async Task<IResult> SendAsync(HttpContext http, CustomerChat chat, CancellationToken cancellationToken)
    {
        if (await ChatAuth.SessionAsync(http, chat, cancellationToken) is not { } session) return ChatAuth.Unauthorized();
        var read = await JsonBody.ReadAsync<ChatMessageRequest>(http.Request, MaxBodyBytes, cancellationToken);
        if (read.Problem is { } problem) return problem;
        var body = read.Value!;
        if (body.ClientId is not { Length: > 0 and <= 64 } clientId || !clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            read.Errors.Add("clientId", "The clientId is 1 to 64 letters, digits, '-' or '_'.");
        if (string.IsNullOrWhiteSpace(body.Text)) read.Errors.Add("text", "Type a message first.");
        else if (body.Text.Trim().Length > chat.MaxTextLength) read.Errors.Add("text", $"A message may be at most {chat.MaxTextLength} characters.");
        if (read.Errors.Any) return TypedResults.ValidationProblem(read.Errors.ToDictionary(), detail: read.Errors.ToDictionary().First().Value[0]);

        var message = await chat.SendAsync(session, body.ClientId!, body.Text!, cancellationToken);
        return TypedResults.Accepted($"{Prefix}/transcript", new ChatSentResponse(ChatMessageResponse.From(message)));
    }

    private static async Task<IResult> PageAsync(HttpContext http, CustomerChat chat, CancellationToken cancellationToken)
    {
        if (await ChatAuth.SessionAsync(http, chat, cancellationToken) is not { } session) return ChatAuth.Unauthorized();
        var read = await JsonBody.ReadAsync<ChatPageRequest>(http.Request, MaxBodyBytes, cancellationToken);
        if (read.Problem is { } problem) return problem;
        ValidatePage(read.Value!, "", read.Errors);
        if (read.Errors.Any) return TypedResults.ValidationProblem(read.Errors.ToDictionary());
        await chat.RecordPageAsync(session, read.Value!.Url!, Clip(read.Value.Title), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> TypingAsync(HttpContext http, CustomerChat chat, CancellationToken cancellationToken)
    {
        if (await ChatAuth.SessionAsync(http, chat, cancellationToken) is not { } session) return ChatAuth.Unauthorized();
        await chat.TypingAsync(session, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RateAsync(HttpContext http, CustomerChat chat, CancellationToken cancellationToken)
    {
        if (await ChatAuth.SessionAsync(http, chat, cancellationToken) is not { } session) return ChatAuth.Unauthorized();
        var read = await JsonBody.ReadAsync<ChatRatingRequest>(http.Request, MaxBodyBytes, cancellationToken);
        if (read.Problem is { } problem) return problem;
        if (read.Value!.Score is not (>= 1 and <= 5)) read.Errors.Add("score", "The score is a whole number from 1 to 5.");
        if (read.Value.Comment is { Length: > ChatRating.MaxCommentLength }) read.Errors.Add("comment", $"A comment may be at most {ChatRating.MaxCommentLength} characters.");
        if (read.Errors.Any) return TypedResults.ValidationProblem(read.Errors.ToDictionary());
        await chat.RateAsync(session, read.Value.Score!.Value, read.Value.Comment, cancellationToken);
        return TypedResults.NoContent();
    }

    private static void ValidatePage(ChatPageRequest page, string parent, ValidationErrors errors)
    {
        var url = ValidationErrors.PathOf(parent, "url");
        if (page.Url is null || !Uri.TryCreate(page.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            errors.Add(url, "The page's url is an absolute http or https URL.");
        else if (page.Url.Length > FieldLimits.Url) errors.Add(url, $"The page's url may be at most {FieldLimits.Url} characters.");
    }

    // A page's title is whatever the host page says; keep what fits.
    private static string? Clip(string? title) => title is { Length: > FieldLimits.Title } ? title[..FieldLimits.Title] : title;
}
