using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

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
    private readonly AppProcess _app;
    private readonly string _folder;
    private readonly HttpClient _http;

    private ConsoleLoadHost(AppProcess app, string folder, string apiKey, IReadOnlyList<ConsoleLoadAgent> agents)
    {
        _app = app;
        _folder = folder;
        ApiKey = apiKey;
        Agents = agents;
        _http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress => _app.BaseAddress;
    public string ApiKey { get; }
    public IReadOnlyList<ConsoleLoadAgent> Agents { get; }
    public string DatabasePath => Path.Combine(_folder, "console-load.db");

    /// <summary>Lines the server wrote (warnings and errors).</summary>
    public int LogLineCount => _app.LogLineCount;

    /// <summary>The last lines the server wrote.</summary>
    public IReadOnlyList<string> LogTail => _app.LogTail;

    /// <summary>The server's working set now, in bytes (managed heap, native memory and code).</summary>
    public long WorkingSet => _app.WorkingSet;

    /// <summary>Prepares the store for <paramref name="options"/>' consoles, starts the app and waits until <c>/healthz</c> answers.</summary>
    public static async Task<ConsoleLoadHost> StartAsync(ConsoleLoadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var hostPath = AppProcess.RequireHost(options.HostPath);
        var folder = Directory.CreateTempSubdirectory("agentconsole-console-load-").FullName;
        try
        {
            var database = Path.Combine(folder, "console-load.db");
            var watch = Stopwatch.StartNew();
            var (agents, apiKey) = await ConsoleLoadStore.PopulateAsync(database, folder, options.Consoles, cancellationToken);
            output.WriteLine($"Store: {database}: migrated, {agents.Count} agents with logins (Available specialists, every skill) in {watch.Elapsed.TotalSeconds:0.0} s");

            var settings = new Dictionary<string, string>
            {
                ["ConnectionStrings:AgentConsole"] = $"Data Source={database}",
                ["Demo:Enabled"] = "false",
                ["Diagnostics:HeapEndpoint"] = "true",
                ["Routing:PresenceGraceSeconds"] = "3600",
                ["Routing:FirstReplyMinutes"] = "0",
                ["Routing:UrgentFirstReplyMinutes"] = "0",
                // Every console signs in through the login form from this one address: the per-IP sign-in throttle would refuse all but 20.
                ["Auth:SignInAttemptsPerIp"] = "100000",
            };
            // Generous: on a busy shared machine the first start (migrations, the classifier's model) is slow.
            var app = await AppProcess.StartAsync(hostPath, folder, AppProcess.FreePort(), settings, options.KeepStore, linesKept: 200,
                options.ShowServerLog, output, TimeSpan.FromMinutes(5), cancellationToken);
            return new ConsoleLoadHost(app, folder, apiKey, agents);
        }
        catch
        {
            AppProcess.TryDelete(folder);
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
        await _app.DisposeAsync();
    }
}
