using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace AgentConsole.Benchmarks;

/// <summary>
/// The real app as a child process (<c>dotnet AgentConsole.dll</c>) for the load tools: started on
/// a free loopback port in the Development environment, logging warnings and errors only, with the
/// settings a tool gives on its command line, its output kept as a ring of recent lines, and its temporary folder deleted when
/// it is disposed (unless kept).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly bool _keep;
    private readonly int _linesKept;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Action<string>? _onLine;
    private int _logLines;

    private AppProcess(Process process, string folder, bool keep, int linesKept, Uri baseAddress, Action<string>? onLine)
    {
        _onLine = onLine;
        _process = process;
        _folder = folder;
        _keep = keep;
        _linesKept = linesKept;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;

    /// <summary>Lines the server wrote (warnings and errors, since the tools start it logging at Warning).</summary>
    public int LogLineCount => Volatile.Read(ref _logLines);

    /// <summary>The last lines the server wrote.</summary>
    public IReadOnlyList<string> LogTail => [.. _log];

    /// <summary>The server's working set now, in bytes (managed heap, native memory and code).</summary>
    public long WorkingSet
    {
        get
        {
            try { _process.Refresh(); return _process.WorkingSet64; }
            catch (InvalidOperationException) { return 0; }
        }
    }

    /// <summary>CPU time the server has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            try { _process.Refresh(); return _process.TotalProcessorTime; }
            catch (InvalidOperationException) { return TimeSpan.Zero; }
        }
    }

    /// <summary>
    /// Starts <paramref name="hostPath"/> on <paramref name="port"/> with <paramref name="settings"/>
    /// (command-line settings override appsettings.json and any environment variables) and waits
    /// until <c>/healthz</c> answers. The process owns <paramref name="folder"/> from then on.
    /// <paramref name="onLine"/>, when given, sees every line the server writes, as it comes.
    /// </summary>
    public static async Task<AppProcess> StartAsync(string hostPath, string folder, int port, IReadOnlyDictionary<string, string> settings,
        bool keep, int linesKept, bool echo, TextWriter output, TimeSpan healthTimeout, CancellationToken cancellationToken, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo(DotnetPath())
        {
            WorkingDirectory = Path.GetDirectoryName(hostPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostPath);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        // Warnings and errors only: the tools keep and summarise what the server writes.
        foreach (var category in new[] { "Default", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore" })
            start.ArgumentList.Add($"--Logging:LogLevel:{category}=Warning");
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        // The build output serves the framework's and MudBlazor's scripts (blazor.web.js) only in
        // Development; in Production they come from a publish folder, and no console would connect.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment.Remove("ASPNETCORE_HTTPS_PORTS");

        var watch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        var app = new AppProcess(process, folder, keep, linesKept, new Uri($"http://127.0.0.1:{port}/"), onLine);
        process.OutputDataReceived += (_, e) => app.Logged(e.Data, echo, output);
        process.ErrorDataReceived += (_, e) => app.Logged(e.Data, echo, output);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync(healthTimeout, cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        output.WriteLine($"Server: {hostPath} (pid {app.ProcessId}) healthy at {app.BaseAddress} in {watch.Elapsed.TotalSeconds:0.0} s");
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        SqliteConnection.ClearAllPools();
        if (!_keep) TryDelete(_folder);
    }

    /// <summary>Kills the server at once (SIGKILL on Unix: no shutdown code runs) and waits until it has exited.</summary>
    public async Task KillAsync()
    {
        Kill(_process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { }
    }

    private void Logged(string? line, bool echo, TextWriter output)
    {
        if (line is null) return;
        Interlocked.Increment(ref _logLines);
        _log.Enqueue(line);
        while (_log.Count > _linesKept) _log.TryDequeue(out _);
        if (echo) output.WriteLine($"  [server] {line}");
        _onLine?.Invoke(line);
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was healthy:{Environment.NewLine}{string.Join(Environment.NewLine, LogTail.TakeLast(40))}");
            try
            {
                using var response = await http.GetAsync("healthz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"The app was not healthy within {timeout.TotalSeconds:0} s:{Environment.NewLine}{string.Join(Environment.NewLine, LogTail.TakeLast(40))}");
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>AgentConsole.dll of the same configuration as this build, found from the solution folder.</summary>
    public static string LocateHost()
    {
        var configuration = typeof(AppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "AgentConsole.sln"))) continue;
            var output = Path.Combine(dir.FullName, "AgentConsole", "bin", configuration);
            var candidates = Directory.Exists(output) ? Directory.GetFiles(output, "AgentConsole.dll", SearchOption.AllDirectories) : [];
            return candidates.OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() ?? Path.Combine(output, "net10.0", "AgentConsole.dll");
        }
        throw new FileNotFoundException("AgentConsole.sln was not found above this program; pass --host path/to/AgentConsole.dll.");
    }

    /// <summary>The app at <paramref name="hostPath"/>, or the build's own; a clear error when it is not built.</summary>
    public static string RequireHost(string? hostPath)
    {
        var path = hostPath ?? LocateHost();
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The app is not built at {path}. Build it first: dotnet build AgentConsole -c Release (or pass --host).", path);
    }

    /// <summary>The dotnet host that runs this process.</summary>
    private static string DotnetPath()
    {
        var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && Path.GetFileName(self).Equals(name, StringComparison.OrdinalIgnoreCase)) return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } configured && File.Exists(configured)) return configured;
        // <root>/shared/Microsoft.NETCore.App/<version>/
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar));
        var root = runtime.Parent?.Parent?.Parent?.FullName;
        return root is not null && File.Exists(Path.Combine(root, name)) ? Path.Combine(root, name) : name;
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Kill(Process process)
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }

    /// <summary>Deletes <paramref name="folder"/> and what it holds, if it can.</summary>
    public static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
