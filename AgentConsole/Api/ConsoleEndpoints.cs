using System.Security.Claims;
using AgentConsole.Api.Contracts;
using AgentConsole.Auth;
using AgentConsole.Core.Audit;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;

namespace AgentConsole.Api;

/// <summary>
/// The console's actions over HTTP under <c>/api/v1/console</c>, for the signed-in user: the same
/// engine calls, with the same actor, as the hub and the console pages, so each is authorized the
/// same way (<see cref="RoutingPermissions"/>).
/// </summary>
public static class ConsoleEndpoints
{
    public sealed record DeclineRequest(string? Reason);
    public sealed record ReassignRequest(Guid? AgentId, string? Note, bool OverrideCapacity);
    public sealed record TransferRequest(Skill? Skill, Guid? TeamId, Guid? AgentId, string? Note, bool OverrideCapacity);
    public sealed record EngineeringRequest(string? Title, string[]? StepsToReproduce, string? Expected, string? Actual);
    public sealed record ReplyRequest(string? Text);
    public sealed record ResolveRequest(string? Note);
    public sealed record PresenceRequest(Presence? Presence);
    public sealed record CompanyOwnerRequest(string? Company, Guid? AgentId, Guid? TeamId);

    public static IEndpointRouteBuilder MapConsoleApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1/console").RequireAuthorization(ConsoleAuth.ConsolePolicy).WithTags("Console")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/routing", GetRoutingAsync).WithSummary("Agents, open cases and the queue, as far as the user may see them.").Produces<RoutingSnapshot>();
        api.MapGet("/cases/{caseId:long}/routing", GetExplanationAsync).WithSummary("Why the case went where it went: the latest routing explanation.");
        api.MapPost("/cases/{caseId:long}/accept", (long caseId, ClaimsPrincipal user, IRoutingDesk engine) =>
            engine.AcceptOfferAsync(caseId, Actor(user))).WithSummary("Accepts an offer made to the user.");
        api.MapPost("/cases/{caseId:long}/decline", async (long caseId, DeclineRequest request, ClaimsPrincipal user, IRoutingDesk engine) =>
        {
            if (string.IsNullOrWhiteSpace(request.Reason)) return Invalid("reason", "Say why you decline the case.");
            await engine.DeclineOfferAsync(caseId, request.Reason, Actor(user));
            return Results.NoContent();
        }).WithSummary("Declines an offer made to the user, with a reason.");
        api.MapPost("/cases/{caseId:long}/reassign", async (long caseId, ReassignRequest request, ClaimsPrincipal user, IRoutingDesk engine) =>
            Results.Ok(await engine.ReassignAsync(caseId, request.AgentId, request.Note, request.OverrideCapacity, Actor(user))))
            .WithSummary("A team lead moves a case to an agent of their team, or back to the queue (agentId null), with a note.");
        api.MapPost("/cases/{caseId:long}/transfer", async (long caseId, TransferRequest request, ClaimsPrincipal user, IRoutingDesk engine) =>
        {
            var target = new TransferTarget(request.Skill, request.TeamId, request.AgentId);
            if (!target.IsValid) return Invalid("target", "Give exactly one of skill, teamId or agentId.");
            return Results.Ok(await engine.TransferAsync(caseId, target, request.Note, Actor(user), request.OverrideCapacity));
        }).WithSummary("Transfers a case to a skill, a team or an agent, with a note.");
        api.MapPost("/cases/{caseId:long}/engineering", async (long caseId, EngineeringRequest request, ClaimsPrincipal user, IRoutingDesk engine) =>
        {
            if (string.IsNullOrWhiteSpace(request.Title)) return Invalid("title", "A bug report needs a title.");
            if (request.StepsToReproduce is null || request.StepsToReproduce.All(string.IsNullOrWhiteSpace))
                return Invalid("stepsToReproduce", "A bug report needs at least one reproduction step.");
            var report = await engine.EscalateToEngineeringAsync(caseId, new BugReportInput(request.Title, request.StepsToReproduce, request.Expected, request.Actual), Actor(user));
            return Results.Ok(report);
        }).WithSummary("Escalates a product defect to the Engineering tier with a structured bug report.");
        api.MapPost("/cases/{caseId:long}/reply", async (long caseId, ReplyRequest request, ClaimsPrincipal user, IRoutingDesk engine) =>
        {
            if (string.IsNullOrWhiteSpace(request.Text)) return Invalid("text", "A reply needs text.");
            if (request.Text.Length > FieldLimits.WrittenText) return Invalid("text", $"A reply may be at most {FieldLimits.WrittenText} characters.");
            return Results.Ok(new { messageId = await engine.ReplyAsync(caseId, request.Text, Actor(user)) });
        }).WithSummary("The assigned agent replies to the customer.");
        api.MapPost("/cases/{caseId:long}/resolve", async (long caseId, ResolveRequest request, ClaimsPrincipal user, IRoutingDesk engine) =>
        {
            if (string.IsNullOrWhiteSpace(request.Note)) return Invalid("note", "A resolution note is required.");
            await engine.ResolveAsync(caseId, request.Note, Actor(user));
            return Results.NoContent();
        }).WithSummary("Resolves a case with a note.");
        api.MapPut("/agents/{agentId:guid}/presence", async (Guid agentId, PresenceRequest request, ClaimsPrincipal user, IRoutingDesk engine) =>
        {
            if (request.Presence is not { } presence || !Enum.IsDefined(presence)) return Invalid("presence", "Use Available, Busy, Away, InMeeting or Offline.");
            await engine.SetPresenceAsync(agentId, presence, Actor(user));
            return Results.NoContent();
        }).WithSummary("Sets an agent's presence: your own, your team's as its lead, anyone's as a supervisor.");
        api.MapPut("/customers/{customerId:guid}/owner", SetOwnerAsync)
            .WithSummary("Sets who owns a customer's account: {\"agentId\":…} or {\"teamId\":…}, {} for no one. Team leads, supervisors and admins.");
        api.MapPut("/companies/owner", SetCompanyOwnerAsync)
            .WithSummary("Sets who owns a company's accounts: {\"company\":…, \"agentId\":…} or {\"company\":…, \"teamId\":…}, company alone for no one. Team leads, supervisors and admins.");
        return routes;
    }

    private static async Task<IResult> SetOwnerAsync(Guid customerId, AccountOwnerRequest request, ClaimsPrincipal user, AccountOwners owners,
        CancellationToken cancellationToken)
    {
        var actor = Actor(user);
        // The role first: an agent learns nothing about which owners exist.
        if (!AccountOwners.MayEdit(actor)) return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only team leads, supervisors and admins set account owners.");
        var owner = new AccountOwner(request.AgentId, request.TeamId);
        if (await owners.ProblemAsync(owner, cancellationToken) is { } problem) return Invalid(request.AgentId is not null ? "agentId" : "teamId", problem);
        return Results.Ok(await owners.SetAsync(customerId, owner, actor, AuditActorOf(user, actor), cancellationToken));
    }

    private static async Task<IResult> SetCompanyOwnerAsync(CompanyOwnerRequest request, ClaimsPrincipal user, AccountOwners owners, CancellationToken cancellationToken)
    {
        var actor = Actor(user);
        // The role first, as for a customer's owner.
        if (!AccountOwners.MayEdit(actor)) return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only team leads, supervisors and admins set account owners.");
        if (CompanyOwner.KeyOf(request.Company) is null) return Invalid("company", "Name the company.");
        if (request.Company!.Trim().Length > FieldLimits.Name) return Invalid("company", $"A company name is at most {FieldLimits.Name} characters long.");
        if (request.AgentId is not null && request.TeamId is not null) return Invalid("agentId", "Name an agent (agentId) or a team (teamId), not both.");
        var owner = new AccountOwner(request.AgentId, request.TeamId);
        if (await owners.ProblemAsync(owner, cancellationToken) is { } problem) return Invalid(request.AgentId is not null ? "agentId" : "teamId", problem);
        return Results.Ok(await owners.SetCompanyAsync(request.Company, owner, actor, AuditActorOf(user, actor), cancellationToken));
    }

    private static AuditActor AuditActorOf(ClaimsPrincipal user, RoutingActor actor) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id ? id : actor.Name, user.Identity?.Name ?? actor.Name);

    private static async Task<IResult> GetRoutingAsync(ClaimsPrincipal user, IRoutingDesk engine)
    {
        var actor = Actor(user);
        var snapshot = await engine.SnapshotAsync();
        if (actor.IsSupervisor) return Results.Ok(snapshot);
        var agents = actor.Role == ConsoleRole.TeamLead
            ? snapshot.Agents.Where(a => a.TeamId == actor.TeamId).ToList()
            : snapshot.Agents.Where(a => a.Id == actor.AgentId).ToList();
        var cases = snapshot.Cases.Where(c => MaySee(actor, snapshot, c)).ToList();
        var ids = cases.Select(c => c.Id).ToHashSet();
        return Results.Ok(snapshot with { Agents = agents, Cases = cases, QueueOrder = snapshot.QueueOrder.Where(ids.Contains).ToList() });
    }

    private static async Task<IResult> GetExplanationAsync(long caseId, ClaimsPrincipal user, IRoutingDesk engine, RoutingExplanationQuery explanations,
        CancellationToken cancellationToken)
    {
        var actor = Actor(user);
        var snapshot = await engine.SnapshotAsync();
        if (snapshot.Cases.SingleOrDefault(c => c.Id == caseId) is not { } state) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "The case is not open.");
        if (!MaySee(actor, snapshot, state)) return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You may not see this case's routing.");
        var json = await explanations.JsonAsync(caseId, cancellationToken);
        return json is null ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No routing decision yet.") : Results.Text(json, "application/json");
    }

    private static bool MaySee(RoutingActor actor, RoutingSnapshot snapshot, CaseState state)
    {
        Guid? holderTeam = state.Holder is { } h ? snapshot.Agents.SingleOrDefault(a => a.Id == h)?.TeamId : null;
        return RoutingPermissions.MaySee(actor, state.Holder, holderTeam, state.TeamId, state.Status == CaseStatus.Queued);
    }

    private static RoutingActor Actor(ClaimsPrincipal user) => ConsoleAuth.ActorOf(user);

    private static IResult Invalid(string field, string message) => Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
