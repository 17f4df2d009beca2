using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;
using Microsoft.Extensions.Options;

namespace AgentConsole.Cluster;

/// <summary>
/// The node's side of its desk. At start it activates the desk's grain (which rebuilds routing from
/// the store, wherever Orleans places it) and waits until it is ready, as a single machine waits for its
/// engine. Then, every <see cref="ClusterOptions.KeepAliveSeconds"/>, it subscribes the node again: that
/// keeps the node hearing the desk's events and, after the node hosting the grain died, activates the
/// grain on a live one, and renews the node's lease on the agents' connections it holds (see
/// <see cref="ConnectionLeases"/>). Events from a grain on another node reach this node's <see cref="RoutingNotifier"/>,
/// so its consoles and hub see them as they would on one machine.
/// </summary>
public sealed partial class RoutingDeskClient(GrainRoutingDesk desk, DeskSilo silo, RoutingNotifier notifier,
    IOptions<ClusterOptions> options, StartupTimeline timeline, ILogger<RoutingDeskClient> logger) : BackgroundService, IRoutingEventListener
{
    // The silo holds observers weakly; this node's is itself, a singleton, so it lives as long as the node.
    // When the node stops, the desk drops it after a few missed subscriptions.
    private IRoutingEventListener? _reference;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = silo.Grains.CreateObjectReference<IRoutingEventListener>(this);
        await timeline.StepAsync("the routing desk (rebuild and drain)", () => FirstSubscribeAsync(cancellationToken));
        await base.StartAsync(cancellationToken);
    }

    // A desk being rebuilt on a busy cluster may take longer than one call's timeout: the node waits for it, as one
    // machine waits for its engine's rebuild, rather than fail to start.
    private async Task FirstSubscribeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await SubscribeAsync();
                return;
            }
            catch (Exception e) when (RoutingAvailability.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
            {
                LogStillWaiting(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(options.Value.KeepAliveSeconds), cancellationToken);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.KeepAliveSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await SubscribeAsync(); }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested) { LogSubscribeFailed(logger, e); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private Task SubscribeAsync() => desk.Grain.SubscribeAsync(desk.Node, _reference!, desk.Connections());

    /// <inheritdoc/>
    public async Task OnEventsAsync(RoutingEvent[] events)
    {
        foreach (var @event in events)
            await notifier.PublishAsync(@event, e => LogHandlerFailed(logger, e, @event.Name));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The node is still waiting for its routing desk to answer; it tries again.")]
    private static partial void LogStillWaiting(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The node could not reach its routing desk; it tries again.")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A routing event subscriber failed on {Event}.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string @event);
}
