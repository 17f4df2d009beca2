using System.Security.Claims;
using AgentConsole.Core.Identity;
using AgentConsole.Core.Routing.Engine;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace AgentConsole.Auth;

/// <summary>
/// Authentication for the people who use the console: the claims that carry a user's role, their
/// agent record and team, and a bearer-token scheme for scripts. The console's cookie sign-in
/// (<see cref="ConsoleIdentity"/>) issues the same claims, so the pages, the hub and the console API
/// authorize the same way whichever way the user came in. SignalR clients send a token as
/// <c>access_token</c> in the query string, since browsers cannot set headers on WebSockets.
/// </summary>
public static class ConsoleAuth
{
    /// <summary>The bearer-token scheme.</summary>
    public const string TokenScheme = BearerTokenDefaults.AuthenticationScheme;

    /// <summary>The policy for every console endpoint and the hub: a signed-in user with a console role.</summary>
    public const string ConsolePolicy = "Console";

    /// <summary>The agent record the user is.</summary>
    public const string AgentIdClaim = "agent_id";

    /// <summary>The agent's team.</summary>
    public const string TeamIdClaim = "team_id";

    /// <summary>The name the console shows for the user.</summary>
    public const string DisplayNameClaim = "display_name";

    public static IServiceCollection AddConsoleAuthentication(this IServiceCollection services, Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication)
    {
        authentication.AddBearerToken(TokenScheme, options =>
        {
            options.BearerTokenExpiration = TimeSpan.FromHours(8);
            options.Events = new BearerTokenEvents
            {
                OnMessageReceived = context =>
                {
                    var token = context.Request.Query["access_token"];
                    if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs")) context.Token = token;
                    return Task.CompletedTask;
                },
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(ConsolePolicy, policy => policy
            .AddAuthenticationSchemes(TokenScheme, Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => TryGetActor(context.User, out _)));
        return services;
    }

    /// <summary>The claims of a console user.</summary>
    public static ClaimsPrincipal Principal(string name, ConsoleRole role, Guid? agentId, Guid? teamId)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, agentId?.ToString() ?? name),
            new(ClaimTypes.Name, name),
            new(DisplayNameClaim, name),
            new(ClaimTypes.Role, role.ToString()),
        };
        if (agentId is { } agent) claims.Add(new Claim(AgentIdClaim, agent.ToString()));
        if (teamId is { } team) claims.Add(new Claim(TeamIdClaim, team.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, TokenScheme));
    }

    /// <summary>The claims of the agent <paramref name="login"/>: a team's lead signs in as TeamLead unless <paramref name="asAgent"/>.</summary>
    public static ClaimsPrincipal Principal(AgentLogin login, bool asAgent = false) =>
        Principal(login.DisplayName, login.LeadsTeam && !asAgent ? ConsoleRole.TeamLead : ConsoleRole.Agent, login.AgentId, login.TeamId);

    /// <summary>The routing actor a signed-in user is; false when the claims do not make one.</summary>
    public static bool TryGetActor(ClaimsPrincipal user, out RoutingActor actor)
    {
        actor = null!;
        if (user.Identity?.IsAuthenticated != true) return false;
        if (!Enum.TryParse<ConsoleRole>(user.FindFirstValue(ClaimTypes.Role), out var role)) return false;
        Guid? agentId = Guid.TryParse(user.FindFirstValue(AgentIdClaim), out var a) ? a : null;
        Guid? teamId = Guid.TryParse(user.FindFirstValue(TeamIdClaim), out var t) ? t : null;
        // Agents and leads act as an agent of a team; supervisors and admins need neither.
        // A user with several roles acts in the highest.
        var roles = user.FindAll(ClaimTypes.Role).Select(c => Enum.TryParse<ConsoleRole>(c.Value, out var r) ? r : (ConsoleRole?)null).OfType<ConsoleRole>().ToList();
        if (roles.Count > 1) role = roles.Max();
        if (role is ConsoleRole.Agent or ConsoleRole.TeamLead && (agentId is null || teamId is null)) return false;
        actor = new RoutingActor(role, agentId, teamId, user.FindFirstValue(DisplayNameClaim) ?? user.FindFirstValue(ClaimTypes.Name) ?? "user");
        return true;
    }

    /// <summary>The actor for <paramref name="user"/>, who passed the console policy.</summary>
    public static RoutingActor ActorOf(ClaimsPrincipal user) =>
        TryGetActor(user, out var actor) ? actor : throw new InvalidOperationException("The user has no console role.");
}
