using System.Globalization;

namespace AgentConsole.Benchmarks;

/// <summary>The command line of <c>escalation-load</c>.</summary>
public sealed record EscalationLoadOptions
{
    public const string Usage =
        "usage: escalation-load [--agents 200] [--rate 100] [--escalations 300] [--seconds 60] [--warmup 10]\n" +
        "                       [--capacity 50] [--teams N] [--no-accept] [--host path/to/AgentConsole.dll] [--show-server-log] [--keep-store] [--csv file]\n" +
        "                       [--nodes 1] [--store sqlite|postgres] [--postgres CONNECTION] [--redis HOST:PORT] [--no-baseline] [--no-failover]\n" +
        "                       [--throughput-seconds 15] [--throughput-senders 32]\n" +
        "  --agents       agent clients connected to the hub, one agent each\n" +
        "  --rate         background messages per second through the bot API, half customer, half bot (0 for none)\n" +
        "  --escalations  escalating messages measured, spread evenly over the measured window\n" +
        "  --seconds      length of the measured window; given one of --escalations and --seconds, the other\n" +
        "                 follows from 5 escalations per second (default 300 over 60 s)\n" +
        "  --warmup       seconds of the same traffic before the measured window, not counted\n" +
        "  --capacity     each agent's capacity (1-100), high enough that offers never run out\n" +
        "  --teams        teams the agents are spread over (default: one per 40 agents)\n" +
        "  --no-accept    agents leave offers pending instead of accepting them\n" +
        "  --host         the AgentConsole.dll to start (default: the build beside this one)\n" +
        "  --show-server-log  echo the server's output (warnings and errors) as it comes\n" +
        "  --keep-store   keep the temporary folder with the SQLite file, to inspect afterwards\n" +
        "  --csv          write one line per measured escalation (all times in ms) to this file\n" +
        "  --nodes        app nodes (1-5); more than one is a cluster: the PostgreSQL store, Redis membership and\n" +
        "                 backplane, the routing desk's grain on one node; clients and traffic spread over the nodes\n" +
        "  --store        sqlite (default for one node) or postgres (required for a cluster)\n" +
        "  --postgres     a PostgreSQL server to create the run's database on (default: a throwaway one from tools/postgres.sh)\n" +
        "  --redis        a Redis server for a cluster (default: a throwaway one from tools/redis.sh)\n" +
        "  --no-baseline  on a cluster or PostgreSQL, skip the same run on one SQLite node first (the default runs it, for the ratios)\n" +
        "  --no-failover  on a cluster, do not kill the node hosting the routing desk at the end\n" +
        "  --throughput-seconds  length of the closed-loop ingest phase after the measured window (0 skips it)\n" +
        "  --throughput-senders  concurrent senders in that phase, each waiting for its reply before the next message";

    /// <summary>Escalations per second when the command line gives only a count or only a duration.</summary>
    public const double DefaultEscalationRate = 5;

    public int Agents { get; init; } = 200;
    public double Rate { get; init; } = 100;
    public int Escalations { get; init; } = 300;
    public double Seconds { get; init; } = 60;
    public double Warmup { get; init; } = 10;
    public int Capacity { get; init; } = 50;
    public int Teams { get; init; } = 5;
    public bool Accept { get; init; } = true;
    public string? HostPath { get; init; }
    public bool ShowServerLog { get; init; }
    public bool KeepStore { get; init; }
    public string? CsvPath { get; init; }
    public int Nodes { get; init; } = 1;
    public bool Postgres { get; init; }
    public string? PostgresServer { get; init; }
    public string? RedisServer { get; init; }
    public bool Baseline { get; init; } = true;
    public bool Failover { get; init; } = true;
    public double ThroughputSeconds { get; init; } = 15;
    public int ThroughputSenders { get; init; } = 32;

    /// <summary>More than one node: a cluster on PostgreSQL and Redis.</summary>
    public bool Cluster => Nodes > 1;

    /// <summary>This run with the embedded default: one node on SQLite, no baseline of its own.</summary>
    public EscalationLoadOptions SingleSqliteNode => this with { Nodes = 1, Postgres = false, Baseline = false, KeepStore = false, CsvPath = null };

    /// <summary>Whether the run is compared with one SQLite node, measured first in the same run.</summary>
    public bool RunsBaseline => Baseline && (Cluster || Postgres);

    /// <summary>Escalations per second in both the warm-up and the measured window.</summary>
    public double EscalationRate => Escalations / Seconds;

    /// <summary>Escalations sent during the warm-up.</summary>
    public int WarmupEscalations => (int)Math.Round(Warmup * EscalationRate);

    public static EscalationLoadOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        double? seconds = null;
        int? escalations = null, teams = null;
        var read = LoadToolText.Options(args, error, "escalation-load", Usage, new EscalationLoadOptions(), (o, name, Value) => name switch
            {
                "--agents" => o with { Agents = LoadToolText.Int(Value(), 1, 10_000) },
                "--rate" => o with { Rate = LoadToolText.Number(Value(), 0, 10_000) },
                "--escalations" => Set(o, () => escalations = LoadToolText.Int(Value(), 1, 1_000_000)),
                "--seconds" => Set(o, () => seconds = LoadToolText.Number(Value(), 1, 86_400)),
                "--warmup" => o with { Warmup = LoadToolText.Number(Value(), 0, 3_600) },
                "--capacity" => o with { Capacity = LoadToolText.Int(Value(), 1, 100) },
                "--teams" => Set(o, () => teams = LoadToolText.Int(Value(), 1, 1_000)),
                "--no-accept" => o with { Accept = false },
                "--host" => o with { HostPath = Path.GetFullPath(Value()) },
                "--show-server-log" => o with { ShowServerLog = true },
                "--keep-store" => o with { KeepStore = true },
                "--csv" => o with { CsvPath = Path.GetFullPath(Value()) },
                "--nodes" => o with { Nodes = LoadToolText.Int(Value(), 1, 5) },
                "--store" => o with { Postgres = Value() switch { "sqlite" => false, "postgres" => true, var other => throw new FormatException($"--store is sqlite or postgres, not '{other}'.") } },
                "--postgres" => o with { PostgresServer = Value() },
                "--redis" => o with { RedisServer = Value() },
                "--no-baseline" => o with { Baseline = false },
                "--no-failover" => o with { Failover = false },
                "--throughput-seconds" => o with { ThroughputSeconds = LoadToolText.Number(Value(), 0, 3_600) },
                "--throughput-senders" => o with { ThroughputSenders = LoadToolText.Int(Value(), 1, 1_000) },
                _ => throw LoadToolText.Unknown(name),
            });
        if (read is not { } options) return null;
        if (options.Cluster && !options.Postgres)
        {
            error.WriteLine("escalation-load: a cluster (--nodes above 1) shares one PostgreSQL store: add --store postgres.");
            error.WriteLine(Usage);
            return null;
        }
        return options with
        {
            Escalations = escalations ?? (seconds is { } duration ? Math.Max(1, (int)Math.Round(duration * DefaultEscalationRate)) : options.Escalations),
            Seconds = seconds ?? (escalations is { } count ? count / DefaultEscalationRate : options.Seconds),
            Teams = Math.Min(teams ?? Math.Max(1, (options.Agents + 39) / 40), options.Agents),
        };
    }

    // An option that sets one of the values the defaults are derived from, not the options themselves.
    private static EscalationLoadOptions Set(EscalationLoadOptions options, Action set)
    {
        set();
        return options;
    }
}
