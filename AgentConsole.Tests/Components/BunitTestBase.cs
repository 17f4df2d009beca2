using AgentConsole.Auth;
using AgentConsole.Core.Routing.Engine;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace AgentConsole.Tests.Components;

/// <summary>
/// One setup for component tests, in the MudBlazor pattern: loose JS interop, a renderer that
/// renders as a circuit does, MudBlazor services with the popover-provider check off, an
/// antiforgery token for forms, and helpers to sign in as a console role.
/// </summary>
public abstract class BunitTestBase : BunitContext
{
    /// <summary>The form field the console's forms carry, as the host's antiforgery names it.</summary>
    protected const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>The token every form gets in component tests.</summary>
    protected const string AntiforgeryTokenValue = "test-antiforgery-token";

    private bool _rendererInfoSet;

    protected BunitTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddScoped<AgentConsole.Components.Shared.AgentCircuitConnection>();
        Services.AddSingleton<AntiforgeryStateProvider>(new TestAntiforgery());
        Auth = AddAuthorization();
    }

    protected BunitAuthorizationContext Auth { get; }

    /// <summary>
    /// Renders <typeparamref name="TComponent"/> as it renders over a circuit, not as it prerenders.
    /// bUnit builds its services when the renderer is first touched, so the renderer learns that it
    /// is interactive at the first render, once the test has added its services.
    /// </summary>
    protected new IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameterBuilder = null)
        where TComponent : IComponent
    {
        if (!_rendererInfoSet)
        {
            SetRendererInfo(new RendererInfo("Server", isInteractive: true));
            _rendererInfoSet = true;
        }
        return base.Render(parameterBuilder);
    }

    /// <summary>Renders from now on as the server prerenders a page, before any circuit; call before the first render.</summary>
    protected void RenderAsPrerendering()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        _rendererInfoSet = true;
    }

    /// <summary>Signs the test in with the same claims the console's sign-in issues.</summary>
    protected void SignInAs(ConsoleRole role, string name, Guid? agentId = null, Guid? teamId = null)
    {
        var principal = ConsoleAuth.Principal(name, role, agentId, teamId);
        Auth.SetAuthorized(name);
        // SetRoles rebuilds the user, so it goes before the claims that must survive.
        Auth.SetRoles(role.ToString());
        Auth.SetClaims([.. principal.Claims.Where(c => c.Type is not (System.Security.Claims.ClaimTypes.Name or System.Security.Claims.ClaimTypes.Role))]);
    }

    private sealed class TestAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(AntiforgeryTokenValue, AntiforgeryField);
    }
}
