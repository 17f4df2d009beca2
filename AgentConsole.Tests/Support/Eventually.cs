using System.Diagnostics;

namespace AgentConsole.Tests.Support;

/// <summary>
/// Waits for a condition, checking it again every few milliseconds, and fails with a message when
/// it does not hold within the timeout. <c>tick</c> runs between checks, such as moving a fake clock
/// on so the app's timers come due; nothing here asserts that something did not happen.
/// </summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string because, Action? tick = null)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout) throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for: {because}");
            tick?.Invoke();
            await Task.Delay(20);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string because, Action? tick = null) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, because, tick);
}
