using System.Threading.Channels;
using AgentConsole.Core.Routing.Engine;

namespace AgentConsole.Hosting;

/// <summary>
/// Takes the engine's events off its thread through a channel of its own and handles them one at a
/// time, so a slow consumer (a SignalR connection, a customer's stream) never holds up routing. A
/// failure to handle one event is logged and the next one goes on.
/// </summary>
public abstract class RoutingEventPump(RoutingNotifier notifier, ILogger logger) : BackgroundService
{
    private readonly Channel<RoutingEvent> _events = Channel.CreateUnbounded<RoutingEvent>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Handles one event, after the engine stored and published it.</summary>
    protected abstract Task HandleAsync(RoutingEvent routingEvent, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifier.Subscribe(e =>
        {
            _events.Writer.TryWrite(e);
            return Task.CompletedTask;
        });
        await foreach (var @event in _events.Reader.ReadAllAsync(stoppingToken))
        {
            try { await HandleAsync(@event, stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning(e, "Handling {Event} in {Pump} failed.", @event.Name, GetType().Name); }
        }
    }
}
