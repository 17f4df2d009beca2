using System.Security.Claims;
using AgentConsole.Api.Contracts;
using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Privacy;
using AgentConsole.Core.Triggers;
using Microsoft.Extensions.Options;

namespace AgentConsole.Api;

/// <summary>The bot ingestion API under <c>/api/v1</c>.</summary>
public static class IngestionEndpoints
{
    public const string BotPolicy = "BotIntegration";

    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1").RequireAuthorization(BotPolicy).WithTags("Bot integration")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPut("/customers/{externalId}", PutCustomerAsync)
            .WithName("UpsertCustomer").WithSummary("Creates or updates a customer profile; fields left out keep their value.")
            .Accepts<CustomerProfileRequest>("application/json")
            .Produces<CustomerResponse>().Produces<CustomerResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapDelete("/customers/{externalId}", DeleteCustomerAsync)
            .WithName("EraseCustomer").WithSummary("Erases a customer: their profile and the words of their conversations; counts, times and categories stay.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/conversations/{externalId}/events", PostEventsAsync)
            .WithName("PostConversationEvents").WithSummary("Stores a batch of conversation events, all or nothing; event ids already seen are skipped.")
            .Accepts<EventBatchRequest>("application/json")
            .Produces<IngestionResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapPost("/cases", PostCaseAsync)
            .WithName("OpenDirectCase").WithSummary("Opens a case directly, with no bot (email, phone): stores the customer's messages and queues the case, all or nothing; a retry with the same key and request finds the same case.")
            .Accepts<DirectCaseRequest>("application/json")
            .Produces<DirectCaseResponse>(StatusCodes.Status201Created).Produces<DirectCaseResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/conversations/{externalId}", GetConversationAsync)
            .WithName("GetConversation").WithSummary("The conversation's status, transcript and, once escalated, its case, queue position and agent.")
            .Produces<ConversationView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/triggers/evaluate", EvaluateAsync)
            .WithName("EvaluateTriggers").WithSummary("Runs the triggers on a transcript and returns the decision. Stores nothing: a playground for tuning.")
            .Accepts<EvaluationRequest>("application/json")
            .Produces<EscalationDecision>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        return routes;
    }

    private static async Task<IResult> EvaluateAsync(HttpRequest request, TriggerEngine engine, IOptions<IngestionOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<EvaluationRequest>(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body.Problem is { } problem) return problem;
        var now = time.UtcNowDateTime();
        EvaluationValidator.Validate(body.Value!, options.Value, now, body.Errors);
        if (body.Errors.Any) return TypedResults.ValidationProblem(body.Errors.ToDictionary());

        var input = body.Value!.ToInput(now);
        return TypedResults.Ok(engine.Evaluate(input.Transcript, input.Customer, now, cancellationToken));
    }

    private static async Task<IResult> PutCustomerAsync(
        string externalId, HttpRequest request, ClaimsPrincipal user, ConversationIngestor ingestor, AccountOwners owners, IOptions<IngestionOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (InvalidExternalId(externalId) is { } invalid) return invalid;
        var body = await JsonBody.ReadAsync<CustomerProfileRequest>(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body.Problem is { } problem) return problem;
        CustomerProfileValidator.Validate(body.Value!, time.UtcNowDateTime(), body.Errors);
        await CustomerProfileValidator.CheckOwnerAsync(externalId, body.Value!, owners, body.Errors, cancellationToken);
        if (body.Errors.Any) return TypedResults.ValidationProblem(body.Errors.ToDictionary());

        var integration = $"integration:{user.IntegrationId()}";
        var result = await ingestor.UpsertCustomerAsync(externalId, body.Value!.ToProfile(), new AuditActor(integration, integration), cancellationToken);
        var reply = CustomerResponse.From(result.Customer);
        return result.Created ? TypedResults.Created($"/api/v1/customers/{Uri.EscapeDataString(externalId)}", reply) : TypedResults.Ok(reply);
    }

    private static async Task<IResult> DeleteCustomerAsync(string externalId, ClaimsPrincipal user, CustomerErasure erasure, CancellationToken cancellationToken)
    {
        if (InvalidExternalId(externalId) is { } invalid) return invalid;
        // An open case answers 409 through the domain exception handler; an erased customer is unknown from then on (404).
        var erased = await erasure.EraseAsync(externalId, $"integration:{user.IntegrationId()}", cancellationToken);
        return erased is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No customer '{externalId}'.")
            : TypedResults.NoContent();
    }

    private static async Task<IResult> PostEventsAsync(
        string externalId, HttpRequest request, ClaimsPrincipal user, ConversationIngestor ingestor,
        IOptions<IngestionOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (InvalidExternalId(externalId) is { } invalid) return invalid;
        var body = await JsonBody.ReadAsync<EventBatchRequest>(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body.Problem is { } problem) return problem;
        EventBatchValidator.Validate(body.Value!, options.Value, time.UtcNowDateTime(), body.Errors);
        if (body.Errors.Any) return TypedResults.ValidationProblem(body.Errors.ToDictionary());

        var batch = body.Value!.ToEventBatch(RawEvents.Of(body.Utf8.Span));
        var result = await ingestor.IngestAsync(user.IntegrationId(), externalId, batch, cancellationToken);
        return TypedResults.Ok(new IngestionResponse(result.ConversationId, result.ExternalId, result.Status, result.ConversationCreated,
            result.NewEvents, result.DuplicateEvents, result.Escalation, result.Decision));
    }

    private static async Task<IResult> PostCaseAsync(
        HttpRequest request, ClaimsPrincipal user, ConversationIngestor ingestor, IOptions<IngestionOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<DirectCaseRequest>(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body.Problem is { } problem) return problem;
        DirectCaseValidator.Validate(body.Value!, options.Value, time.UtcNowDateTime(), body.Errors);
        if (body.Errors.Any) return TypedResults.ValidationProblem(body.Errors.ToDictionary());

        var externalId = body.Value!.ExternalId!;
        var result = await ingestor.OpenDirectCaseAsync(user.IntegrationId(), externalId, body.Value.ToDirectCase(), cancellationToken);
        // A direct case is with humans from its first moment, so its conversation always has one.
        var escalation = result.Escalation ?? throw new InvalidOperationException($"The direct case for '{externalId}' has no case.");
        var reply = new DirectCaseResponse(escalation.Id, result.ConversationId, result.ExternalId, result.Status, result.ConversationCreated, escalation);
        return result.ConversationCreated
            ? TypedResults.Created($"/api/v1/conversations/{Uri.EscapeDataString(externalId)}", reply)
            : TypedResults.Ok(reply);
    }

    private static async Task<IResult> GetConversationAsync(
        string externalId, ClaimsPrincipal user, ConversationQueries queries, CancellationToken cancellationToken)
    {
        if (InvalidExternalId(externalId) is { } invalid) return invalid;
        var view = await queries.GetAsync(user.IntegrationId(), externalId, cancellationToken);
        return view is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No conversation '{externalId}' for this integration.")
            : TypedResults.Ok(view);
    }

    private static IResult? InvalidExternalId(string externalId) =>
        Identifiers.IsValidExternalId(externalId)
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["externalId"] = [Identifiers.ExternalIdRule] });
}
