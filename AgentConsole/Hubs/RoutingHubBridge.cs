using System.Threading.Channels;
using AgentConsole.Core.Routing.Engine;
using Microsoft.AspNetCore.SignalR;

namespace AgentConsole.Hubs;

/// <summary>
/// Carries the engine's events to SignalR clients: to each concerned agent's group, to their
/// teams' groups (every lead for queue changes) and to the supervisors. It takes events off the
/// engine's thread through its own channel, so a slow connection never holds up routing.
/// </summary>
public sealed class RoutingHubBridge(RoutingNotifier notifier, IHubContext<AgentHub> hub, ILogger<RoutingHubBridge> logger) : BackgroundService
{
    private readonly Channel<RoutingEvent> _events = Channel.CreateUnbounded<RoutingEvent>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifier.Subscribe(e =>
        {
            _events.Writer.TryWrite(e);
            return Task.CompletedTask;
        });
        await foreach (var @event in _events.Reader.ReadAllAsync(stoppingToken))
        {
            try { await SendAsync(@event, stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning(e, "Sending {Event} to hub clients failed.", @event.Name); }
        }
    }

    private async Task SendAsync(RoutingEvent @event, CancellationToken cancellationToken)
    {
        var audience = @event.Audience;
        var groups = new List<string>(audience.Agents.Count + audience.Teams.Count + 1) { AgentHub.SupervisorsGroup };
        groups.AddRange(audience.Agents.Select(AgentHub.AgentGroup));
        if (audience.AllTeams) groups.Add(AgentHub.LeadsGroup);
        else groups.AddRange(audience.Teams.Where(t => t != Guid.Empty).Select(AgentHub.TeamGroup));
        await hub.Clients.Groups(groups).SendAsync(@event.Name, @event, cancellationToken);
    }
}
