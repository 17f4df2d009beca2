using System.Text.Json.Serialization;
using AgentConsole.Core.Identity;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;
using AgentConsole.Security;
using Microsoft.Extensions.Options;

namespace AgentConsole.Auth;

/// <summary>
/// A login for scripts and load tests on a developer's machine: it issues a console bearer token
/// for a seeded agent by email (a team's lead signs in as TeamLead), or for a supervisor, without a
/// password. It exists only in the Development environment with demo mode on, and never issues an
/// Admin token: anyone who can reach it gets the token, so it must not reach a real desk.
/// </summary>
public static class TestLoginEndpoints
{
    public const string Path = "/api/v1/auth/test-token";

    /// <summary>The request: an agent's email (with a role of Agent to sign a lead in as an agent), or a role of Supervisor with a name.</summary>
    public sealed record TestLoginRequest(string? Email, [property: JsonConverter(typeof(JsonStringEnumConverter<ConsoleRole>))] ConsoleRole? Role, string? Name);

    /// <summary>Whether the test login exists: in the Development environment with demo mode on, and nowhere else.</summary>
    public static bool IsAvailable(IHostEnvironment environment, DemoOptions demo) => environment.IsDevelopment() && demo.Enabled;

    public static WebApplication MapTestLogin(this WebApplication app)
    {
        if (!IsAvailable(app.Environment, app.Services.GetRequiredService<IOptions<DemoOptions>>().Value)) return app;
        app.MapPost(Path, SignInAsync).AllowAnonymous().WithSignInThrottle().WithTags("Demo")
            .WithSummary("Development with demo mode only: a console bearer token for a seeded agent (by email) or a supervisor, for scripts and load tests.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> SignInAsync(TestLoginRequest? request, AgentLogins logins, CancellationToken cancellationToken)
    {
        if (request is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send an email or a role."] });
        if (request.Role is ConsoleRole.Admin)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The test login does not issue Admin tokens.",
                detail: "Sign in as an admin on the sign-in page.");
        if (request.Role is ConsoleRole.Supervisor)
            return TypedResults.SignIn(ConsoleAuth.Principal(request.Name ?? "Demo Supervisor", ConsoleRole.Supervisor, null, null), authenticationScheme: ConsoleAuth.TokenScheme);
        if (string.IsNullOrWhiteSpace(request.Email))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = ["An agent's email is required, or a role of Supervisor."] });

        var login = await logins.FindByEmailAsync(request.Email.Trim(), cancellationToken);
        if (login is null) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No agent has this email.");
        return TypedResults.SignIn(ConsoleAuth.Principal(login, asAgent: request.Role == ConsoleRole.Agent), authenticationScheme: ConsoleAuth.TokenScheme);
    }
}
