using AgentConsole.Auth;
using AgentConsole.Core.Routing.Engine;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace AgentConsole.Tests.Components;

/// <summary>
/// One setup for component tests, in the MudBlazor pattern: loose JS interop, MudBlazor services
/// with the popover-provider check off, and helpers to sign in as a console role.
/// </summary>
public abstract class BunitTestBase : BunitContext
{
    protected BunitTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddScoped<AgentConsole.Components.Shared.AgentCircuitConnection>();
        Auth = AddAuthorization();
    }

    protected BunitAuthorizationContext Auth { get; }

    /// <summary>Signs the test in with the same claims the console's sign-in issues.</summary>
    protected void SignInAs(ConsoleRole role, string name, Guid? agentId = null, Guid? teamId = null)
    {
        var principal = ConsoleAuth.Principal(name, role, agentId, teamId);
        Auth.SetAuthorized(name);
        // SetRoles rebuilds the user, so it goes before the claims that must survive.
        Auth.SetRoles(role.ToString());
        Auth.SetClaims([.. principal.Claims.Where(c => c.Type is not (System.Security.Claims.ClaimTypes.Name or System.Security.Claims.ClaimTypes.Role))]);
    }
}
