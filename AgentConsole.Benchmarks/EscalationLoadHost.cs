using System.Diagnostics;
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
/// get offers nobody answers. The app may be killed and started again on the same store and port
/// (<see cref="KillAsync"/>, <see cref="RestartAsync"/>), as the crash harness does.
/// </summary>
public sealed class EscalationLoadHost : IAsyncDisposable
{
    private readonly string _folder;
    private readonly EscalationLoadOptions _options;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly int _port;
    private readonly TextWriter _output;
    private readonly Action<string>? _onLine;
    private AppProcess _app;

    private EscalationLoadHost(AppProcess app, string folder, string apiKey, IReadOnlyList<EscalationLoadAgent> agents, string hostPath,
        EscalationLoadOptions options, IReadOnlyDictionary<string, string> settings, int port, TextWriter output, Action<string>? onLine)
    {
        _app = app;
        _folder = folder;
        ApiKey = apiKey;
        Agents = agents;
        HostPath = hostPath;
        _options = options;
        _settings = settings;
        _port = port;
        _output = output;
        _onLine = onLine;
    }

    public Uri BaseAddress => _app.BaseAddress;
    public string ApiKey { get; }
    public IReadOnlyList<EscalationLoadAgent> Agents { get; }
    public string HostPath { get; }
    public string DatabasePath => Path.Combine(_folder, "load.db");

    /// <summary>Lines the server wrote (warnings and errors, since it logs at Warning).</summary>
    public int LogLineCount => _app.LogLineCount;

    /// <summary>
    /// The server's log entries (a "warn:"/"fail:" header and its message line) counted by
    /// header and message with numbers blanked, most frequent first.
    /// </summary>
    public IReadOnlyList<(int Count, string Entry)> LogSummary()
    {
        var entries = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = _app.LogTail;
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
    public TimeSpan ServerCpu => _app.Cpu;

    /// <summary>
    /// Prepares the store, starts the app and waits until <c>/healthz</c> answers. <paramref name="prepareStore"/>,
    /// when given, runs on the migrated and populated store before the app starts (a tool's own integrations);
    /// <paramref name="onLine"/>, when given, sees every line the server writes, across restarts.
    /// </summary>
    public static async Task<EscalationLoadHost> StartAsync(EscalationLoadOptions options, TextWriter output, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? extraSettings = null, Func<IDbContextFactory<AgentConsoleDbContext>, CancellationToken, Task>? prepareStore = null,
        Action<string>? onLine = null)
    {
        var hostPath = AppProcess.RequireHost(options.HostPath);
        var folder = Directory.CreateTempSubdirectory("agentconsole-load-").FullName;
        try
        {
            var database = Path.Combine(folder, "load.db");
            var watch = Stopwatch.StartNew();
            var agents = await PopulateAsync(database, folder, options, prepareStore, cancellationToken);
            output.WriteLine($"Store: {database}: migrated, {options.Teams} teams, {agents.Count} agents (Available, capacity {options.Capacity}, every skill) in {watch.Elapsed.TotalSeconds:0.0} s");

            var apiKey = "ac_load_" + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
            var settings = new Dictionary<string, string>
            {
                ["ConnectionStrings:AgentConsole"] = $"Data Source={database}",
                ["Demo:Enabled"] = "true",
                ["Demo:ApiKey"] = apiKey,
                ["Demo:LiveTraffic"] = "false",
                ["Demo:Agents"] = "false",
                // Every agent client signs in through the test login from this one address: the per-IP sign-in throttle would refuse all but 20.
                ["Auth:SignInAttemptsPerIp"] = "100000",
            };
            foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>()) settings[key] = value;
            var port = AppProcess.FreePort();
            var app = await StartAppAsync(hostPath, folder, port, settings, options, output, onLine, cancellationToken);
            return new EscalationLoadHost(app, folder, apiKey, agents, hostPath, options, settings, port, output, onLine);
        }
        catch
        {
            AppProcess.TryDelete(folder);
            throw;
        }
    }

    /// <summary>Kills the app at once (SIGKILL: no shutdown code runs) and waits until it has exited; the store stays.</summary>
    public Task KillAsync() => _app.KillAsync();

    /// <summary>Kills the app if it still runs and starts it again on the same store and port; returns when <c>/healthz</c> answers.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await _app.DisposeAsync();
        _app = await StartAppAsync(HostPath, _folder, _port, _settings, _options, _output, _onLine, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        if (!_options.KeepStore) AppProcess.TryDelete(_folder);
    }

    // The host owns the folder: the process keeps it, so that a restart finds the store.
    private static Task<AppProcess> StartAppAsync(string hostPath, string folder, int port, IReadOnlyDictionary<string, string> settings,
        EscalationLoadOptions options, TextWriter output, Action<string>? onLine, CancellationToken cancellationToken) =>
        AppProcess.StartAsync(hostPath, folder, port, settings, keep: true, linesKept: 400, options.ShowServerLog, output, TimeSpan.FromSeconds(180),
            cancellationToken, onLine);

    private static async Task<IReadOnlyList<EscalationLoadAgent>> PopulateAsync(string database, string folder, EscalationLoadOptions options,
        Func<IDbContextFactory<AgentConsoleDbContext>, CancellationToken, Task>? prepareStore, CancellationToken cancellationToken)
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
        if (prepareStore is not null) await prepareStore(factory, cancellationToken);
        SqliteConnection.ClearAllPools();
        return agents;
    }
}
