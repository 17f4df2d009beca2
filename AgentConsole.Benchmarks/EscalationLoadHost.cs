using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Data.Seeding;
using AgentConsole.Core.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Benchmarks;

/// <summary>An agent written into the load test's store, with the email that signs them in.</summary>
public sealed record EscalationLoadAgent(Guid Id, string Email, Guid TeamId, bool Lead);

/// <summary>
/// The real app, started as a child process (<c>dotnet AgentConsole.dll</c>) on a free loopback
/// port over a fresh SQLite file in a temporary folder: demo mode on, for an API key and the test
/// login, which exists only in the Development environment, so the app runs in Development; no demo
/// traffic, warnings and errors only. The store is migrated
/// and populated with the load test's teams and agents before the app starts, so the routing engine
/// loads them on start; a marker customer keeps the demo seeder from adding its own agents, who would
/// get offers nobody answers.
/// </summary>
public sealed class EscalationLoadHost : IAsyncDisposable
{
    private const int LogLinesKept = 400;

    private readonly Process _process;
    private readonly string _folder;
    private readonly bool _keep;
    private readonly ConcurrentQueue<string> _log = new();
    private int _logLines;

    private EscalationLoadHost(Process process, string folder, bool keep, Uri baseAddress, string apiKey, IReadOnlyList<EscalationLoadAgent> agents, string hostPath)
    {
        _process = process;
        _keep = keep;
        _folder = folder;
        BaseAddress = baseAddress;
        ApiKey = apiKey;
        Agents = agents;
        HostPath = hostPath;
    }

    public Uri BaseAddress { get; }
    public string ApiKey { get; }
    public IReadOnlyList<EscalationLoadAgent> Agents { get; }
    public string HostPath { get; }
    public int ProcessId => _process.Id;
    public string DatabasePath => Path.Combine(_folder, "load.db");

    /// <summary>Lines the server wrote (warnings and errors, since it logs at Warning).</summary>
    public int LogLineCount => Volatile.Read(ref _logLines);

    /// <summary>The last lines the server wrote.</summary>
    public IReadOnlyList<string> LogTail => [.. _log];

    /// <summary>
    /// The server's log entries (a "warn:"/"fail:" header and its message line) counted by
    /// header and message with numbers blanked, most frequent first.
    /// </summary>
    public IReadOnlyList<(int Count, string Entry)> LogSummary()
    {
        var entries = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = LogTail;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length < 5 || line[4] != ':' || line.StartsWith(' ')) continue;
            var message = i + 1 < lines.Count ? lines[i + 1].Trim() : "";
            var key = System.Text.RegularExpressions.Regex.Replace($"{line.Trim()} {message}", "[0-9]+", "#");
            entries[key] = entries.GetValueOrDefault(key) + 1;
        }
        return [.. entries.OrderByDescending(e => e.Value).Select(e => (e.Value, e.Key))];
    }

    /// <summary>CPU time the server has used so far.</summary>
    public TimeSpan ServerCpu
    {
        get
        {
            try { _process.Refresh(); return _process.TotalProcessorTime; }
            catch (InvalidOperationException) { return TimeSpan.Zero; }
        }
    }

    /// <summary>Prepares the store, starts the app and waits until <c>/healthz</c> answers.</summary>
    public static async Task<EscalationLoadHost> StartAsync(EscalationLoadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var hostPath = options.HostPath ?? LocateHost();
        if (!File.Exists(hostPath))
            throw new FileNotFoundException($"The app is not built at {hostPath}. Build it first: dotnet build AgentConsole -c Release (or pass --host).", hostPath);

        var folder = Directory.CreateTempSubdirectory("agentconsole-load-").FullName;
        Process? process = null;
        try
        {
            var database = Path.Combine(folder, "load.db");
            var watch = Stopwatch.StartNew();
            var agents = await PopulateAsync(database, folder, options, cancellationToken);
            output.WriteLine($"Store: {database}: migrated, {options.Teams} teams, {agents.Count} agents (Available, capacity {options.Capacity}, every skill) in {watch.Elapsed.TotalSeconds:0.0} s");

            var port = FreePort();
            var apiKey = "ac_load_" + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
            var start = new ProcessStartInfo(DotnetPath())
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
                ["Demo:Enabled"] = "true",
                ["Demo:ApiKey"] = apiKey,
                ["Demo:LiveTraffic"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            })
                start.ArgumentList.Add($"--{key}={value}");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["DOTNET_ENVIRONMENT"] = "Development";
            start.Environment.Remove("ASPNETCORE_URLS");
            start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
            start.Environment.Remove("ASPNETCORE_HTTPS_PORTS");

            watch.Restart();
            process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
            var baseAddress = new Uri($"http://127.0.0.1:{port}/");
            var host = new EscalationLoadHost(process, folder, options.KeepStore, baseAddress, apiKey, agents, hostPath);
            process.OutputDataReceived += (_, e) => host.Logged(e.Data, options.ShowServerLog, output);
            process.ErrorDataReceived += (_, e) => host.Logged(e.Data, options.ShowServerLog, output);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process = null;
            try
            {
                await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90), cancellationToken);
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }
            output.WriteLine($"Server: {hostPath} (pid {host.ProcessId}) healthy at {baseAddress} in {watch.Elapsed.TotalSeconds:0.0} s");
            return host;
        }
        catch
        {
            if (process is not null) Kill(process);
            TryDelete(folder);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { }
        _process.Dispose();
        SqliteConnection.ClearAllPools();
        if (!_keep) TryDelete(_folder);
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

    private static async Task<IReadOnlyList<EscalationLoadAgent>> PopulateAsync(string database, string folder, EscalationLoadOptions options, CancellationToken cancellationToken)
    {
        var builder = new DbContextOptionsBuilder<AgentConsoleDbContext>();
        StoreConfiguration.Configure(builder, DatabaseOptions.SqliteProvider, $"Data Source={database}", folder);
        var factory = new PooledDbContextFactory<AgentConsoleDbContext>(builder.Options);
        await DatabaseInitializer.MigrateAsync(factory, cancellationToken);

        var now = DateTime.UtcNow;
        var agents = new List<EscalationLoadAgent>(options.Agents);
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var teams = Enumerable.Range(0, options.Teams).Select(t => new Team($"Load team {t + 1}")).ToList();
            db.Teams.AddRange(teams);
            var skills = Enum.GetValues<Skill>();
            for (var i = 0; i < options.Agents; i++)
            {
                var team = teams[i % teams.Count];
                // Half frontline, then specialists, seniors and a few engineers; every skill at 1-5.
                var tier = (i % 20) switch { < 10 => AgentTier.Frontline, < 16 => AgentTier.Specialist, < 19 => AgentTier.Senior, _ => AgentTier.Engineering };
                var email = $"load-agent-{i:0000}@agentconsole.load";
                var agent = new Agent($"Load Agent {i:0000}", email, team.Id, tier, options.Capacity,
                    skills.Select((s, k) => new AgentSkill(s, 1 + (i + k) % AgentSkill.MaxProficiency)));
                agent.SetPresence(Presence.Available, now);
                db.Agents.Add(agent);
                var lead = i < teams.Count;
                if (lead) team.SetLead(agent.Id);
                agents.Add(new EscalationLoadAgent(agent.Id, email, team.Id, lead));
            }
            // The demo seeder adds its demo desk only while this customer is missing.
            db.Customers.Add(new Customer(DemoDataSeeder.EnterpriseCustomerId, now));
            await db.SaveChangesAsync(cancellationToken);
        }
        SqliteConnection.ClearAllPools();
        return agents;
    }

    /// <summary>AgentConsole.dll of the same configuration as this build, found from the solution folder.</summary>
    internal static string LocateHost()
    {
        var configuration = typeof(EscalationLoadHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
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

    /// <summary>The dotnet host that runs this process.</summary>
    internal static string DotnetPath()
    {
        var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && Path.GetFileName(self).Equals(name, StringComparison.OrdinalIgnoreCase)) return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } configured && File.Exists(configured)) return configured;
        // <root>/shared/Microsoft.NETCore.App/<version>/
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar));
        var root = runtime.Parent?.Parent?.Parent?.FullName;
        return root is not null && File.Exists(Path.Combine(root, name)) ? Path.Combine(root, name) : name;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static void Kill(Process process)
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }

    internal static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
