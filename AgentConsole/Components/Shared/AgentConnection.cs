using AgentConsole.Auth;
using AgentConsole.Core.Common;
using AgentConsole.Core.Routing.Engine;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AgentConsole.Components.Shared;

/// <summary>
/// Counts the signed-in agent's open console as a live connection, so presence works without the
/// SignalR hub: <see cref="RoutingEngine.ConnectionOpenedAsync"/> once, when the component first
/// renders interactively (never while prerendering), and <see cref="RoutingEngine.ConnectionClosedAsync"/>
/// when it is disposed, which is at the latest when the circuit ends. An agent whose last
/// connection closes is set Away by the engine after its presence grace, unless they come back.
/// <para>
/// The layout places it once per circuit, so every page an agent or lead has open counts, not
/// only the agent pages.
/// </para>
/// </summary>
public sealed class AgentConnection : ComponentBase, IAsyncDisposable
{
    private Guid? _agentId;

    [Inject] private RoutingEngine Engine { get; set; } = default!;
    [Inject] private ILogger<AgentConnection> Logger { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || AuthenticationState is null) return;
        if (!ConsoleAuth.TryGetActor((await AuthenticationState).User, out var actor) || actor.AgentId is not { } agentId) return;
        // Marked before the call: a dispose that comes while it is in flight still closes it (the engine keeps the order).
        _agentId = agentId;
        try { await Engine.ConnectionOpenedAsync(agentId); }
        catch (Exception e) when (e is DomainException or OperationCanceledException)
        {
            Logger.LogWarning(e, "Could not count the console connection of agent {AgentId}.", agentId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_agentId is not { } agentId) return;
        _agentId = null;
        try { await Engine.ConnectionClosedAsync(agentId); }
        catch (Exception e) when (e is DomainException or OperationCanceledException)
        {
            // The engine stopped with the host, or never knew the agent: nothing to close.
            Logger.LogDebug(e, "Could not close the console connection of agent {AgentId}.", agentId);
        }
    }
}
