using System.Diagnostics;
using System.Text;
using AgentConsole.Tests.Integration.Delivery;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Integration.Cluster;

/// <summary>The YARP front end (<c>AgentConsole.Proxy</c>, built beside the tests) as a process on a free loopback port, before the given nodes.</summary>
public sealed class ProxyProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ProxyProcess(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    public Uri BaseAddress { get; }

    public static ProxyProcess Start(IEnumerable<Uri> nodes)
    {
        // bin/<configuration>/<framework>/ of the tests, and the same of the proxy's project.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!;
        var root = configuration.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "AgentConsole.Proxy", "bin", configuration.Name, framework.Name, "AgentConsole.Proxy.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("The front end is built with the tests; it is missing.", dll);
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
        await Eventually.HoldsAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"The front end exited with {_process.ExitCode}:\n{Output}");
            try { return (await client.GetAsync("/healthz")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, timeout, "the front end to reach a node's /healthz");
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
