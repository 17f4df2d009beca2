using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace AgentConsole.Benchmarks;

/// <summary>
/// The YARP front end (<c>AgentConsole.Proxy</c>, built beside this assembly in the same configuration) as a
/// process on a free loopback port, before the given nodes: what the cluster test and the crash harness's
/// cluster mode send their clients through, as a desk's browsers and bots would reach a cluster.
/// </summary>
public sealed class ProxyProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ProxyProcess(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    public Uri BaseAddress { get; }

    public static ProxyProcess Start(IEnumerable<Uri> nodes)
    {
        var configuration = typeof(ProxyProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Release";
        var dll = Path.Combine(ServerScript.RepositoryRoot(), "AgentConsole.Proxy", "bin", configuration, "net10.0", "AgentConsole.Proxy.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"The front end is not built: dotnet build AgentConsole.Proxy -c {configuration}.", dll);
        var port = AppProcess.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            // Its appsettings.json (the ReverseProxy section) is in the build output, its content root.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add($"--nodes={string.Join(',', nodes)}");
        var process = new Process { StartInfo = start };
        var proxy = new ProxyProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => proxy.Append(e.Data);
        process.ErrorDataReceived += (_, e) => proxy.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return proxy;
    }

    /// <summary>Waits until the front end answers itself and reaches a healthy node.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The front end exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (watch.Elapsed > timeout) throw new TimeoutException($"The front end reached no healthy node in {timeout.TotalSeconds:0} s:\n{Output}");
            await Task.Delay(100);
        }
    }

    private string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        finally { _process.Dispose(); }
    }
}
