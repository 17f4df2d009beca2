using System.Diagnostics;

namespace AgentConsole.Hosting;

/// <summary>
/// Logs each start-up step with how long it took and how long the process had run when it ended,
/// so that the path from a start (or a restart after a crash) to an app that answers can be measured
/// from the log alone: "Start-up: {Step} took … ms (… ms since the process started)".
/// </summary>
public sealed class StartupTimeline(ILogger<StartupTimeline> logger)
{
    /// <summary>Runs <paramref name="run"/> and logs how long it took.</summary>
    public async Task StepAsync(string step, Func<Task> run)
    {
        var watch = Stopwatch.StartNew();
        await run();
        Done(step, watch.Elapsed);
    }

    /// <summary>Logs a moment of start-up (the app listens, say) with the time since the process started.</summary>
    public void Mark(string moment) => Done(moment, null);

    private void Done(string step, TimeSpan? took)
    {
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        if (took is { } t)
            logger.LogInformation("Start-up: {Step} took {Milliseconds:0} ms ({SinceStart:0} ms since the process started).", step, t.TotalMilliseconds, sinceStart.TotalMilliseconds);
        else
            logger.LogInformation("Start-up: {Step} ({SinceStart:0} ms since the process started).", step, sinceStart.TotalMilliseconds);
    }
}
