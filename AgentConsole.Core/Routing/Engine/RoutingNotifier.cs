namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// The in-process feed of routing events, for Blazor circuits and the SignalR bridge. A singleton
/// with a locked subscriber list; subscribing returns an <see cref="IDisposable"/> that ends the
/// subscription. Handlers run on the engine's thread after the change is stored, so they must be
/// quick and must not call back into the engine synchronously: a Blazor component re-renders
/// through <c>InvokeAsync</c>.
/// </summary>
public sealed class RoutingNotifier
{
    private readonly Lock _lock = new();
    private Subscription[] _subscribers = [];

    /// <summary>Calls <paramref name="handler"/> with every event published from now on, until disposed.</summary>
    public IDisposable Subscribe(Func<RoutingEvent, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler);
        lock (_lock) _subscribers = [.. _subscribers, subscription];
        return subscription;
    }

    /// <summary>How many subscriptions are live.</summary>
    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <summary>Delivers <paramref name="event"/> to every subscriber; a failing subscriber does not stop the others.</summary>
    public async Task PublishAsync(RoutingEvent @event, Action<Exception>? onError = null)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try { await subscriber.Handler(@event); }
            catch (Exception e) { onError?.Invoke(e); }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock) _subscribers = [.. _subscribers.Where(s => s != subscription)];
    }

    private sealed class Subscription(RoutingNotifier owner, Func<RoutingEvent, Task> handler) : IDisposable
    {
        public Func<RoutingEvent, Task> Handler { get; } = handler;
        public void Dispose() => owner.Remove(this);
    }
}
