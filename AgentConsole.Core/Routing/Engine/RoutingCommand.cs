using System.Diagnostics;
using AgentConsole.Core.Telemetry;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// One request to the engine's loop: a handler to run on the loop's unit of work, and the task
/// its caller awaits, which completes once the work is stored and published.
/// </summary>
internal abstract class RoutingCommand(string name, bool storesNothing)
{
    /// <summary>The engine method that posted it, for logs and drift reports.</summary>
    public string Name { get; } = name;

    /// <summary>Answered from memory alone: no transaction, nothing stored, no drift check.</summary>
    public bool StoresNothing { get; } = storesNothing;

    /// <summary>
    /// The span that posted it (an ingest, a hub call), so the loop's route span joins the same
    /// trace though it runs later on another thread. Empty for the engine's own timer.
    /// </summary>
    public ActivityContext Parent { get; init; } = DeskActivity.CurrentContext;

    /// <summary>The engine's deadline tick: the loop runs due deadlines ahead of every other command, so a tick that finds none due is only a wake-up.</summary>
    public bool IsTick { get; init; }

    public abstract Task Completion { get; }
    public abstract Task RunAsync(RoutingWork work);
    public abstract void Complete();
    public abstract void Fail(Exception error);
    public abstract void Cancel();
}

/// <inheritdoc cref="RoutingCommand"/>
internal sealed class RoutingCommand<T>(string name, Func<RoutingWork, Task<T>> handle, bool storesNothing = false) : RoutingCommand(name, storesNothing)
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _done.Task;
    public override Task Completion => _done.Task;
    public override async Task RunAsync(RoutingWork work) => _result = await handle(work);
    public override void Complete() => _done.TrySetResult(_result!);
    public override void Fail(Exception error) => _done.TrySetException(error);
    public override void Cancel() => _done.TrySetCanceled();
}
