using AgentConsole.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AgentConsole.Components.Shared;

/// <summary>
/// Counts the signed-in agent's open console as a live connection, so presence works without the
/// SignalR hub. It attaches the agent to the circuit's <see cref="AgentCircuitConnection"/> once,
/// when it first renders interactively (never while prerendering), and detaches them when it is
/// disposed, which is at the latest when the circuit ends; in between, the circuit's connection
/// going down and up closes and reopens the engine's connection. An agent whose last connection
/// closes is set Away by the engine after its presence grace, unless they come back.
/// <para>
/// The layout places it once per circuit, so every page an agent or lead has open counts, not
/// only the agent pages.
/// </para>
/// </summary>
public sealed class AgentConnection : ComponentBase, IAsyncDisposable
{
    private bool _attached;

    [Inject] private AgentCircuitConnection Connection { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || AuthenticationState is null) return;
        if (!ConsoleAuth.TryGetActor((await AuthenticationState).User, out var actor) || actor.AgentId is not { } agentId) return;
        _attached = true;
        await Connection.AttachAsync(agentId);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_attached) return;
        _attached = false;
        await Connection.DetachAsync();
    }
}
