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
/// The real app, started as child processes (<c>dotnet AgentConsole.dll</c>) on free loopback
/// ports: by default one node over a fresh SQLite file in a temporary folder; with
/// <see cref="EscalationLoadOptions.Postgres"/>, over a fresh PostgreSQL database; with more than one
/// node, a cluster as <c>tools/cluster.sh</c> runs it (one PostgreSQL store, Orleans membership and the
/// SignalR backplane on Redis, the routing desk's grain on one of the nodes). Demo mode is on, for an
/// API key and the test login, which exists only in the Development environment, so the app runs in
/// Development; no demo traffic, warnings and errors only. The store is migrated and populated with the
/// load test's teams and agents before the first node starts, so the routing engine loads them on start;
/// a marker customer keeps the demo seeder from adding its own agents, who would get offers nobody
/// answers. A node may be killed and started again on the same store and port
/// (<see cref="KillNodeAsync"/>, <see cref="RestartNodeAsync"/>), as the crash harness does.
/// </summary>
public sealed class EscalationLoadHost : IAsyncDisposable
{
    /// <summary>What the node that activates the routing desk's grain logs (at Information, from <c>AgentConsole.Cluster</c>).</summary>
    private const string DeskActiveLine = "is active on";

    private readonly string _folder;
    private readonly EscalationLoadOptions _options;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly int[] _ports;
    private readonly TextWriter _output;
    private readonly Action<string>? _onLine;
    private readonly AppProcess?[] _apps;
    private readonly LoadStore _store;
    private int _deskNode = -1;

    private EscalationLoadHost(string folder, LoadStore store, string apiKey, IReadOnlyList<EscalationLoadAgent> agents, string hostPath,
        EscalationLoadOptions options, IReadOnlyDictionary<string, string> settings, TextWriter output, Action<string>? onLine)
    {
        _folder = folder;
        _store = store;
        ApiKey = apiKey;
        Agents = agents;
        HostPath = hostPath;
        _options = options;
        _settings = settings;
        _output = output;
        _onLine = onLine;
        _apps = new AppProcess?[options.Nodes];
        _ports = [.. Enumerable.Range(0, options.Nodes).Select(_ => AppProcess.FreePort())];
    }

    /// <summary>The first node that runs.</summary>
    public Uri BaseAddress => _apps.First(a => a is not null)!.BaseAddress;

    /// <summary>Every node's address, in order, whether or not it runs now.</summary>
    public IReadOnlyList<Uri> NodeAddresses => [.. _ports.Select(p => new Uri($"http://127.0.0.1:{p}/"))];

    /// <summary>The nodes that run now.</summary>
    public IReadOnlyList<int> LiveNodes => [.. Enumerable.Range(0, _apps.Length).Where(i => _apps[i] is not null)];

    /// <summary>The node whose log last said it activated the routing desk's grain, or -1 before any did (and always on one node).</summary>
    public int DeskNode => Volatile.Read(ref _deskNode);

    public string ApiKey { get; }
    public IReadOnlyList<EscalationLoadAgent> Agents { get; }
    public string HostPath { get; }
    public string DatabasePath => Path.Combine(_folder, "load.db");

    /// <summary>The run's store, for the tools' own reads.</summary>
    public LoadStore Store => _store;

    /// <summary>The store, as a person would find it afterwards (the SQLite file, or the PostgreSQL database).</summary>
    public string StoreDescription => _store.Description;

    /// <summary>Lines the servers wrote (warnings and errors, since they log at Warning).</summary>
    public int LogLineCount => Apps.Sum(a => a.LogLineCount);

    private IEnumerable<AppProcess> Apps => _apps.OfType<AppProcess>();

    /// <summary>
    /// The server's log entries (a "warn:"/"fail:" header and its message line) counted by
    /// header and message with numbers blanked, most frequent first.
    /// </summary>
    public IReadOnlyList<(int Count, string Entry)> LogSummary()
    {
        var entries = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = Apps.SelectMany(a => a.LogTail).ToList();
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

    /// <summary>CPU time the servers that run now have used so far.</summary>
    public TimeSpan ServerCpu => Apps.Aggregate(TimeSpan.Zero, (sum, a) => sum + a.Cpu);

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
        LoadStore? store = null;
        EscalationLoadHost? host = null;
        try
        {
            var watch = Stopwatch.StartNew();
            store = await LoadStore.CreateAsync(options, folder, cancellationToken);
            var agents = await PopulateAsync(store, folder, options, prepareStore, cancellationToken);
            output.WriteLine($"Store: {store.Description}: migrated, {options.Teams} teams, {agents.Count} agents (Available, capacity {options.Capacity}, every skill) in {watch.Elapsed.TotalSeconds:0.0} s");

            var apiKey = "ac_load_" + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
            var settings = new Dictionary<string, string>(store.Settings)
            {
                ["Demo:Enabled"] = "true",
                ["Demo:ApiKey"] = apiKey,
                ["Demo:LiveTraffic"] = "false",
                ["Demo:Agents"] = "false",
                // Every agent client signs in through the test login from this one address: the per-IP sign-in throttle would refuse all but 20.
                ["Auth:SignInAttemptsPerIp"] = "100000",
            };
            if (options.Cluster)
            {
                var redis = options.RedisServer ?? ServerScript.Start("redis.sh");
                settings["Redis:Connection"] = redis;
                settings["Cluster:ClusterId"] = $"load-{Guid.NewGuid():N}";
                // The one line that says which node holds the routing desk.
                settings["Logging:LogLevel:AgentConsole.Cluster"] = "Information";
                output.WriteLine($"Cluster: {options.Nodes} nodes, Redis at {redis} (Orleans membership, SignalR backplane), cluster id {settings["Cluster:ClusterId"]}");
            }
            foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>()) settings[key] = value;
            host = new EscalationLoadHost(folder, store, apiKey, agents, hostPath, options, settings, output, onLine);
            // One at a time: the first node activates the desk, the others join its cluster.
            for (var i = 0; i < options.Nodes; i++) await host.StartNodeAsync(i, cancellationToken);
            return host;
        }
        catch
        {
            if (host is not null) await host.DisposeAsync();
            else
            {
                if (store is not null) await store.DisposeAsync();
                AppProcess.TryDelete(folder);
            }
            throw;
        }
    }

    /// <summary>Kills node <paramref name="node"/> at once (SIGKILL: no shutdown code runs) and waits until it has exited.</summary>
    public async Task KillNodeAsync(int node)
    {
        if (_apps[node] is not { } app) return;
        await app.KillAsync();
        await app.DisposeAsync();
        _apps[node] = null;
        Interlocked.CompareExchange(ref _deskNode, -1, node);
    }

    /// <summary>Kills node <paramref name="node"/> if it still runs and starts it again on the same store and port; returns when <c>/healthz</c> answers.</summary>
    public async Task RestartNodeAsync(int node, CancellationToken cancellationToken)
    {
        await KillNodeAsync(node);
        await StartNodeAsync(node, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in LiveNodes) await KillNodeAsync(node);
        if (!_options.KeepStore)
        {
            await _store.DisposeAsync();
            AppProcess.TryDelete(_folder);
        }
    }

    // The host owns the folder: the processes keep it, so that a restart finds the store.
    private async Task StartNodeAsync(int node, CancellationToken cancellationToken)
    {
        void Line(string line)
        {
            if (line.Contains(DeskActiveLine, StringComparison.Ordinal)) Volatile.Write(ref _deskNode, node);
            _onLine?.Invoke(line);
        }
        _apps[node] = await AppProcess.StartAsync(HostPath, _folder, _ports[node], _settings, keep: true, linesKept: 400, _options.ShowServerLog, _output,
            TimeSpan.FromSeconds(180), cancellationToken, Line);
    }

    private static async Task<IReadOnlyList<EscalationLoadAgent>> PopulateAsync(LoadStore store, string folder, EscalationLoadOptions options,
        Func<IDbContextFactory<AgentConsoleDbContext>, CancellationToken, Task>? prepareStore, CancellationToken cancellationToken)
    {
        var builder = new DbContextOptionsBuilder<AgentConsoleDbContext>();
        StoreConfiguration.Configure(builder, store.Provider, store.ConnectionString, folder);
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
        Npgsql.NpgsqlConnection.ClearAllPools();
        return agents;
    }
}
