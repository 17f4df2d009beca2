using System.Diagnostics;
using System.Threading.Channels;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Telemetry;

namespace AgentConsole.Hosting;

/// <summary>
/// Takes the engine's events off its thread through a channel of its own and handles them one at a
/// time, so a slow consumer (a SignalR connection, a customer's stream) never holds up routing. A
/// failure to handle one event is logged and the next one goes on. Each event is handled in a
/// <see cref="DeskActivity.Push"/> span under the engine's route span that published it.
/// </summary>
public abstract class RoutingEventPump(RoutingNotifier notifier, ILogger logger) : BackgroundService
{
    private readonly Channel<(RoutingEvent Event, ActivityContext Parent)> _events =
        Channel.CreateUnbounded<(RoutingEvent, ActivityContext)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Handles one event, after the engine stored and published it.</summary>
    protected abstract Task HandleAsync(RoutingEvent routingEvent, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifier.Subscribe(e =>
        {
            // Published on the engine's loop, inside the command's route span: that span is the parent.
            _events.Writer.TryWrite((e, DeskActivity.CurrentContext));
            return Task.CompletedTask;
        });
        await foreach (var (@event, parent) in _events.Reader.ReadAllAsync(stoppingToken))
        {
            using var activity = DeskActivity.Source.StartActivity(DeskActivity.Push, ActivityKind.Producer, parent);
            activity?.SetTag("agentconsole.push.event", @event.Name);
            activity?.SetTag("agentconsole.push.pump", GetType().Name);
            try { await HandleAsync(@event, stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                activity.Failed(e);
                logger.LogWarning(e, "Handling {Event} in {Pump} failed.", @event.Name, GetType().Name);
            }
        }
    }
}
