using AgentConsole.Auth;
using AgentConsole.Core.Routing.Engine;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AgentConsole.Components.Live;

/// <summary>
/// The base of every page that shows live routing data. It subscribes to the engine's in-process
/// feed when it initializes, hands each event to <see cref="OnRoutingEventAsync"/> on the
/// component's own dispatcher (through <c>InvokeAsync</c>), sends failures to the error boundary
/// with <c>DispatchExceptionAsync</c>, and ends the subscription when disposed.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private IDisposable? _subscription;

    [Inject] protected RoutingNotifier Notifier { get; set; } = default!;
    [Inject] protected RoutingEngine Engine { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The signed-in user as the routing engine sees them; null until initialized or when signed out.</summary>
    protected RoutingActor? Actor { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null && ConsoleAuth.TryGetActor((await AuthenticationState).User, out var actor)) Actor = actor;
        _subscription = Notifier.Subscribe(OnNotifiedAsync);
        await OnLiveInitializedAsync();
    }

    /// <summary>Loads the page's first state, after <see cref="Actor"/> is known and the feed is live.</summary>
    protected virtual Task OnLiveInitializedAsync() => Task.CompletedTask;

    /// <summary>Handles one event on the component's dispatcher. Return true to re-render.</summary>
    protected abstract Task<bool> OnRoutingEventAsync(RoutingEvent routingEvent);

    // The engine publishes from its single loop: queue the work on the circuit's dispatcher and
    // return at once, so a slow circuit (or a handler that calls back into the engine) can never
    // hold up routing. The dispatcher runs the queued events in order.
    private Task OnNotifiedAsync(RoutingEvent routingEvent)
    {
        _ = InvokeAsync(async () =>
        {
            try
            {
                if (await OnRoutingEventAsync(routingEvent)) StateHasChanged();
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        });
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
        GC.SuppressFinalize(this);
    }
}
