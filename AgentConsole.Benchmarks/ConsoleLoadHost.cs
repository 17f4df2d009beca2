using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace AgentConsole.Benchmarks;

/// <summary>What the app's heap report says: live managed bytes after a full collection, and its open circuits.</summary>
public sealed record HeapReading(long HeapBytes, int Circuits);

/// <summary>
/// The real app for <c>console-load</c>: started as a child process (<c>dotnet AgentConsole.dll</c>
/// of the Release build, Development environment so that the build output serves the framework's
/// scripts, warnings and errors only) on a free loopback port over a fresh SQLite file
/// that <see cref="ConsoleLoadStore"/> filled, with demo mode off and the heap report switched on
/// (<c>Diagnostics:HeapEndpoint</c>). Agents keep their presence while their console loads
/// (a long presence grace), and no first-reply deadline reclaims the cases they accept.
/// </summary>
public sealed class ConsoleLoadHost : IAsyncDisposable
{
    private const int LogLinesKept = 200;

    private readonly Process _process;
    private readonly string _folder;
    private readonly bool _keep;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly HttpClient _http;
    private int _logLines;

    private ConsoleLoadHost(Process process, string folder, bool keep, Uri baseAddress, string apiKey, IReadOnlyList<ConsoleLoadAgent> agents)
    {
        _process = process;
        _folder = folder;
        _keep = keep;
        BaseAddress = baseAddress;
        ApiKey = apiKey;
        Agents = agents;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }
    public string ApiKey { get; }
    public IReadOnlyList<ConsoleLoadAgent> Agents { get; }
    public int ProcessId => _process.Id;
    public string DatabasePath => Path.Combine(_folder, "console-load.db");

    /// <summary>Lines the server wrote (warnings and errors).</summary>
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

    /// <summary>Prepares the store for <paramref name="consoles"/> agents, starts the app and waits until <c>/healthz</c> answers.</summary>
    public static async Task<ConsoleLoadHost> StartAsync(ConsoleLoadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var hostPath = options.HostPath ?? EscalationLoadHost.LocateHost();
        if (!File.Exists(hostPath))
            throw new FileNotFoundException($"The app is not built at {hostPath}. Build it first: dotnet build AgentConsole -c Release (or pass --host).", hostPath);

        var folder = Directory.CreateTempSubdirectory("agentconsole-console-load-").FullName;
        Process? process = null;
        try
        {
            var database = Path.Combine(folder, "console-load.db");
            var watch = Stopwatch.StartNew();
            var (agents, apiKey) = await ConsoleLoadStore.PopulateAsync(database, folder, options.Consoles, cancellationToken);
            output.WriteLine($"Store: {database}: migrated, {agents.Count} agents with logins (Available specialists, every skill) in {watch.Elapsed.TotalSeconds:0.0} s");

            var port = EscalationLoadHost.FreePort();
            var start = new ProcessStartInfo(EscalationLoadHost.DotnetPath())
            {
                WorkingDirectory = Path.GetDirectoryName(hostPath)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(hostPath);
            // Command-line settings override appsettings.json and any environment variables.
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["urls"] = $"http://127.0.0.1:{port}",
                ["ConnectionStrings:AgentConsole"] = $"Data Source={database}",
                ["Demo:Enabled"] = "false",
                ["Diagnostics:HeapEndpoint"] = "true",
                ["Routing:PresenceGraceSeconds"] = "3600",
                ["Routing:FirstReplyMinutes"] = "0",
                ["Routing:UrgentFirstReplyMinutes"] = "0",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            })
                start.ArgumentList.Add($"--{key}={value}");
            // The build output serves the framework's and MudBlazor's scripts (blazor.web.js) only in
            // Development; in Production they come from a publish folder, and no console would connect.
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["DOTNET_ENVIRONMENT"] = "Development";
            start.Environment.Remove("ASPNETCORE_URLS");
            start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
            start.Environment.Remove("ASPNETCORE_HTTPS_PORTS");

            watch.Restart();
            process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
            var host = new ConsoleLoadHost(process, folder, options.KeepStore, new Uri($"http://127.0.0.1:{port}/"), apiKey, agents);
            process.OutputDataReceived += (_, e) => host.Logged(e.Data, options.ShowServerLog, output);
            process.ErrorDataReceived += (_, e) => host.Logged(e.Data, options.ShowServerLog, output);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process = null;
            try
            {
                // Generous: on a busy shared machine the first start (migrations, the classifier's model) is slow.
                await host.WaitUntilHealthyAsync(TimeSpan.FromMinutes(5), cancellationToken);
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }
            output.WriteLine($"Server: {hostPath} (pid {host.ProcessId}) healthy at {host.BaseAddress} in {watch.Elapsed.TotalSeconds:0.0} s");
            return host;
        }
        catch
        {
            if (process is not null) EscalationLoadHost.Kill(process);
            EscalationLoadHost.TryDelete(folder);
            throw;
        }
    }

    /// <summary>The live managed heap after a full collection, and the open circuits (the app pauses while it collects).</summary>
    public async Task<HeapReading> HeapAsync(CancellationToken cancellationToken)
    {
        var report = await _http.GetFromJsonAsync<JsonElement>("diagnostics/heap", cancellationToken);
        return new HeapReading(report.GetProperty("heapBytes").GetInt64(), report.GetProperty("circuits").GetInt32());
    }

    /// <summary>The open circuits, without a collection.</summary>
    public async Task<int> CircuitsAsync(CancellationToken cancellationToken) =>
        (await _http.GetFromJsonAsync<JsonElement>("diagnostics/circuits", cancellationToken)).GetProperty("circuits").GetInt32();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        EscalationLoadHost.Kill(_process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { }
        _process.Dispose();
        SqliteConnection.ClearAllPools();
        if (!_keep) EscalationLoadHost.TryDelete(_folder);
    }

    private void Logged(string? line, bool echo, TextWriter output)
    {
        if (line is null) return;
        Interlocked.Increment(ref _logLines);
        _log.Enqueue(line);
        while (_log.Count > LogLinesKept) _log.TryDequeue(out _);
        if (echo) output.WriteLine($"  [server] {line}");
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was healthy:{Environment.NewLine}{string.Join(Environment.NewLine, LogTail.TakeLast(40))}");
            try
            {
                using var response = await _http.GetAsync("healthz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"The app was not healthy within {timeout.TotalSeconds:0} s:{Environment.NewLine}{string.Join(Environment.NewLine, LogTail.TakeLast(40))}");
            await Task.Delay(200, cancellationToken);
        }
    }
}
