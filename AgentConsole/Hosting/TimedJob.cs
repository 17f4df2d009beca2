namespace AgentConsole.Hosting;

/// <summary>
/// Work the host runs on a timer from the injected clock (so tests move it with their fake clock):
/// a run that fails is logged, and the next tick runs it again.
/// </summary>
public abstract class TimedJob(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>How long between runs; read once, when the host starts.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the log calls the job.</summary>
    protected abstract string Name { get; }

    /// <summary>One run.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The {Job} failed; it will run again at the next tick.", Name);
            }
        }
    }
}
