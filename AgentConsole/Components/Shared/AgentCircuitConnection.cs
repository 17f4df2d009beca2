using AgentConsole.Core.Common;
using AgentConsole.Core.Routing.Engine;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AgentConsole.Components.Shared;

/// <summary>
/// The signed-in agent's console as one live connection for presence, for as long as the browser
/// is really connected. Blazor keeps a circuit for minutes after its browser drops, so the circuit's
/// lifetime alone would hide a lost connection: this handler closes the engine's connection when
/// the circuit's connection goes down and opens it again when the browser reconnects. An agent
/// whose browser stays away past the presence grace goes Away; one who reconnects in time never
/// does, and their chosen presence comes back if they did.
/// <para>
/// Scoped per circuit. <see cref="AgentConnection"/> attaches the agent once the console renders
/// interactively and detaches them when it is disposed; Blazor calls the connection methods on the
/// circuit's dispatcher, in order, and the engine keeps the order of what it is sent.
/// </para>
/// </summary>
public sealed class AgentCircuitConnection(IRoutingDesk engine, ILogger<AgentCircuitConnection> logger) : CircuitHandler
{
    private Guid? _agentId;
    private bool _counted;
    private bool _browserConnected = true;

    /// <summary>The agent this circuit counts for, once attached.</summary>
    public Guid? AgentId => _agentId;

    /// <summary>Whether the engine counts this circuit as a live connection of the agent now.</summary>
    public bool Counted => _counted;

    /// <summary>Counts the circuit as <paramref name="agentId"/>'s connection while the browser is connected.</summary>
    public Task AttachAsync(Guid agentId)
    {
        if (_agentId is not null) return Task.CompletedTask;
        _agentId = agentId;
        return _browserConnected ? OpenAsync() : Task.CompletedTask;
    }

    /// <summary>Stops counting the circuit: the console closed.</summary>
    public Task DetachAsync()
    {
        var close = CloseAsync();
        _agentId = null;
        return close;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _browserConnected = false;
        return CloseAsync();
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _browserConnected = true;
        return _agentId is null ? Task.CompletedTask : OpenAsync();
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) => DetachAsync();

    // The flag changes before the call, so a close that comes while an open is in flight still follows it.
    private async Task OpenAsync()
    {
        if (_counted || _agentId is not { } agentId) return;
        _counted = true;
        try { await engine.ConnectionOpenedAsync(agentId); }
        catch (Exception e) when (e is DomainException or OperationCanceledException)
        {
            logger.LogWarning(e, "Could not count the console connection of agent {AgentId}.", agentId);
        }
    }

    private async Task CloseAsync()
    {
        if (!_counted || _agentId is not { } agentId) return;
        _counted = false;
        try { await engine.ConnectionClosedAsync(agentId); }
        catch (Exception e) when (e is DomainException or OperationCanceledException)
        {
            // The engine stopped with the host, or never knew the agent: nothing to close.
            logger.LogDebug(e, "Could not close the console connection of agent {AgentId}.", agentId);
        }
    }
}
