using System.Text.Json;
using AgentConsole.Auth;
using AgentConsole.Core.Identity;
using AgentConsole.Core.Routing.Engine;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Support;

/// <summary>
/// Console bearer tokens for tests, issued by the running app's own token scheme for the same
/// claims its sign-ins give: an agent found by email (a team's lead as TeamLead), or a supervisor.
/// The test login endpoint exists only in Development, so tests in other environments sign in here.
/// </summary>
public static class ConsoleTokens
{
    /// <summary>A token for the agent with <paramref name="email"/>, or for a supervisor when <paramref name="role"/> is Supervisor.</summary>
    public static async Task<string> IssueAsync(IServiceProvider services, string? email = null, string? role = null)
    {
        var principal = role == nameof(ConsoleRole.Supervisor)
            ? ConsoleAuth.Principal("Test Supervisor", ConsoleRole.Supervisor, null, null)
            : ConsoleAuth.Principal(await services.GetRequiredService<AgentLogins>().FindByEmailAsync(email!)
                ?? throw new InvalidOperationException($"No agent has the email {email}."), asAgent: role == nameof(ConsoleRole.Agent));

        // The bearer-token handler writes the token as the body of a sign-in response.
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await context.SignInAsync(ConsoleAuth.TokenScheme, principal);
        body.Position = 0;
        var response = await JsonSerializer.DeserializeAsync<JsonElement>(body);
        return response.GetProperty("accessToken").GetString()!;
    }
}
