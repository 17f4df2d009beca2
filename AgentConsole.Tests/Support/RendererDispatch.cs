using Bunit;
using Microsoft.AspNetCore.Components;

namespace AgentConsole.Tests.Support;

/// <summary>
/// Runs work on a rendered component's renderer and resumes the test off it.
/// </summary>
/// <remarks>
/// A plain <c>await cut.InvokeAsync(work)</c> resumes the test inline, inside the renderer's work
/// item, when the work completes there. A bUnit wait that follows then blocks the renderer itself,
/// and the page's own awaits (a store that truly awaits, as PostgreSQL does) can never come back to
/// it: the page hangs until the wait times out. Here the test resumes on the thread pool.
/// </remarks>
public static class RendererDispatch
{
    public static Task DispatchAsync<TComponent>(this IRenderedComponent<TComponent> component, Func<Task> work) where TComponent : IComponent =>
        OffRenderer(component.InvokeAsync(work));

    public static Task DispatchAsync<TComponent>(this IRenderedComponent<TComponent> component, Action work) where TComponent : IComponent =>
        OffRenderer(component.InvokeAsync(work));

    private static Task OffRenderer(Task onRenderer)
    {
        var resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        onRenderer.ContinueWith(t =>
        {
            if (t.IsFaulted) resumed.SetException(t.Exception!.InnerExceptions);
            else if (t.IsCanceled) resumed.SetCanceled();
            else resumed.SetResult();
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return resumed.Task;
    }
}
