using System.Text.Json.Serialization;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentConsole.Auth;

/// <summary>
/// A test login for the demo and the tests, until the console's sign-in lands: it issues a
/// console bearer token for a seeded agent by email (a team's lead signs in as TeamLead), or for a
/// supervisor. It exists only in demo mode, where every login is a demo login anyway.
/// </summary>
public static class TestLoginEndpoints
{
    public const string Path = "/api/v1/auth/test-token";

    /// <summary>The request: an agent's email, or a role of Supervisor or Admin with a name.</summary>
    public sealed record TestLoginRequest(string? Email, [property: JsonConverter(typeof(JsonStringEnumConverter<ConsoleRole>))] ConsoleRole? Role, string? Name);

    public static IEndpointRouteBuilder MapTestLogin(this IEndpointRouteBuilder routes)
    {
        var demo = routes.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (!demo.Enabled) return routes;
        routes.MapPost(Path, SignInAsync).AllowAnonymous().WithTags("Demo")
            .WithSummary("Demo mode only: a console bearer token for a seeded agent (by email) or a supervisor, for the hub and tests.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> SignInAsync(TestLoginRequest? request, IDbContextFactory<AgentConsoleDbContext> dbFactory, CancellationToken cancellationToken)
    {
        if (request is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send an email or a role."] });
        if (request.Role is ConsoleRole.Supervisor or ConsoleRole.Admin)
            return TypedResults.SignIn(ConsoleAuth.Principal(request.Name ?? $"Demo {request.Role}", request.Role.Value, null, null), authenticationScheme: ConsoleAuth.TokenScheme);
        if (string.IsNullOrWhiteSpace(request.Email))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = ["An agent's email is required, or a role of Supervisor or Admin."] });

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var email = request.Email.Trim();
        var agent = await db.Agents.AsNoTracking().SingleOrDefaultAsync(a => a.Email == email, cancellationToken);
        if (agent is null) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No agent has this email.");
        var leads = await db.Teams.AsNoTracking().AnyAsync(t => t.Id == agent.TeamId && t.LeadAgentId == agent.Id, cancellationToken);
        var role = leads ? ConsoleRole.TeamLead : ConsoleRole.Agent;
        if (request.Role == ConsoleRole.Agent) role = ConsoleRole.Agent;
        return TypedResults.SignIn(ConsoleAuth.Principal(agent.DisplayName, role, agent.Id, agent.TeamId), authenticationScheme: ConsoleAuth.TokenScheme);
    }
}
