using System.Security.Claims;
using AgentConsole.Core.Data;
using AgentConsole.Core.Identity;
using AgentConsole.Core.Routing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentConsole.Auth;

/// <summary>
/// Sign-in for the console: ASP.NET Core Identity stored through EF Core in the desk's database,
/// with a cookie. A password policy, lockout after failed attempts and an idle timeout apply; the
/// cookie carries the same claims as the bearer token (<see cref="ConsoleAuth"/>), so the hub, the
/// console API and the pages authorize a cookie user exactly as a token user.
/// </summary>
public static class ConsoleIdentity
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/denied";

    /// <summary>How long a signed-in user may be idle before signing in again.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static IServiceCollection AddConsoleIdentity(this IServiceCollection services, Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication)
    {
        services.AddIdentityCore<ConsoleUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AgentConsoleDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ConsoleClaimsFactory>();
        services.AddScoped<SecurityStampValidator<ConsoleUser>>();
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, DueSecurityStampValidator>());

        authentication.AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = LoginPath;
            options.LogoutPath = LogoutPath;
            options.AccessDeniedPath = AccessDeniedPath;
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
            options.Cookie.Name = "AgentConsole.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // APIs and the hub answer 401/403; only pages redirect to the login page.
            options.Events.OnRedirectToLogin = context => Redirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Redirect(context, StatusCodes.Status403Forbidden);
        });
        return services;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs")) context.Response.StatusCode = status;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Adds the console's claims to a signed-in user: display name, role, agent record and team.</summary>
public sealed class ConsoleClaimsFactory(UserManager<ConsoleUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    AgentTeamQuery agentTeams) : UserClaimsPrincipalFactory<ConsoleUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ConsoleUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ConsoleAuth.DisplayNameClaim, user.DisplayName));
        if (user.AgentId is { } agentId)
        {
            var teamId = await agentTeams.TeamOfAsync(agentId);
            identity.AddClaim(new Claim(ConsoleAuth.AgentIdClaim, agentId.ToString()));
            if (teamId is { } team) identity.AddClaim(new Claim(ConsoleAuth.TeamIdClaim, team.ToString()));
        }
        return identity;
    }
}
