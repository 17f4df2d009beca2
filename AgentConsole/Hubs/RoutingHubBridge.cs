using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Telemetry;
using AgentConsole.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace AgentConsole.Hubs;

/// <summary>
/// Carries the engine's events to SignalR clients: to each concerned agent's group, to their
/// teams' groups (every lead for queue changes) and to the supervisors. It takes events off the
/// engine's thread through its own channel, so a slow connection never holds up routing.
/// <para>
/// It hears the desk's feed (<see cref="FeedKey"/>), which only the node hosting the desk's grain
/// publishes to: a hub message reaches clients on every node through the Redis backplane, so it is
/// sent once in the cluster, not once per node. Consoles' circuits and customers' streams, which live
/// on one node each, hear the node's own <see cref="RoutingNotifier"/>.
/// </para>
/// </summary>
public sealed class RoutingHubBridge([FromKeyedServices(RoutingHubBridge.FeedKey)] RoutingNotifier notifier, IHubContext<AgentHub> hub, ILogger<RoutingHubBridge> logger, DeskTelemetry? telemetry = null)
    : RoutingEventPump(notifier, logger)
{
    /// <summary>The key of the desk's feed among the app's <see cref="RoutingNotifier"/>s.</summary>
    public const string FeedKey = "desk";

    protected override Task HandleAsync(RoutingEvent routingEvent, CancellationToken cancellationToken) => SendAsync(routingEvent, cancellationToken);

    private async Task SendAsync(RoutingEvent @event, CancellationToken cancellationToken)
    {
        var audience = @event.Audience;
        var groups = new List<string>(audience.Agents.Count + audience.Teams.Count + 1) { AgentHub.SupervisorsGroup };
        groups.AddRange(audience.Agents.Select(AgentHub.AgentGroup));
        if (audience.AllTeams) groups.Add(AgentHub.LeadsGroup);
        else groups.AddRange(audience.Teams.Where(t => t != Guid.Empty).Select(AgentHub.TeamGroup));
        await hub.Clients.Groups(groups).SendAsync(@event.Name, @event, cancellationToken);
        telemetry?.Pushed(@event);
    }
}
