using AgentConsole.Core.Identity;
using Microsoft.AspNetCore.Identity;

namespace AgentConsole.Auth;

/// <summary>Signing out: a form post (with the antiforgery token) that ends the cookie session.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(ConsoleIdentity.LogoutPath, async (SignInManager<ConsoleUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect(ConsoleIdentity.LoginPath);
        }).ExcludeFromDescription();
        return routes;
    }
}
