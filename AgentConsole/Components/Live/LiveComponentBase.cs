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
/// <para>
/// A page whose events say only "something changed" calls <see cref="RequestRefresh"/>, which
/// coalesces: one reload (<see cref="RefreshAsync"/>) runs at a time, and any number of requests
/// while it runs make one more, never a reload per event.
/// </para>
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private bool _refreshing;
    private bool _refreshAgain;
    private bool _disposed;

    [Inject] protected RoutingNotifier Notifier { get; set; } = default!;
    [Inject] protected IRoutingDesk Engine { get; set; } = default!;
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

    /// <summary>
    /// Reloads what the page shows, for <see cref="RequestRefresh"/>; the page re-renders after it.
    /// Runs on the component's dispatcher, never twice at once.
    /// </summary>
    protected virtual Task RefreshAsync() => Task.CompletedTask;

    /// <summary>
    /// Asks for one <see cref="RefreshAsync"/>. With none running it starts now; while one runs, the
    /// request (and every other until it ends) makes exactly one more, which starts when it ends. The
    /// caller never waits for it: an event handler that awaited a read of the engine would wait for
    /// the engine's loop, which is waiting for the handler.
    /// </summary>
    protected void RequestRefresh()
    {
        if (_disposed) return;
        if (_refreshing)
        {
            _refreshAgain = true;
            return;
        }
        _refreshing = true;
        _ = InvokeAsync(RefreshLoopAsync);
    }

    private async Task RefreshLoopAsync()
    {
        try
        {
            do
            {
                _refreshAgain = false;
                await RefreshAsync();
                if (!_disposed) StateHasChanged();
            }
            while (_refreshAgain && !_disposed);
        }
        catch (Exception e)
        {
            // A page that has gone has no error boundary left to show it.
            if (!_disposed) await DispatchExceptionAsync(e);
        }
        finally
        {
            _refreshing = false;
        }
    }

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
        _disposed = true;
        _subscription?.Dispose();
        _subscription = null;
        GC.SuppressFinalize(this);
    }
}
