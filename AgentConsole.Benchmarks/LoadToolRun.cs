namespace AgentConsole.Benchmarks;

/// <summary>How a load tool runs from the command line: Ctrl+C cancels it (exit 130), and the errors it expects end it with their message (exit 1).</summary>
internal static class LoadToolRun
{
    public static async Task<int> CancellableAsync(string tool, Func<CancellationToken, Task<int>> run, Func<Exception, bool>? expected = null)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await run(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine($"{tool}: cancelled");
            return 130;
        }
        catch (Exception e) when (expected?.Invoke(e) == true)
        {
            Console.Error.WriteLine($"{tool}: {e.Message}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
