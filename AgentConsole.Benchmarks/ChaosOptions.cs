namespace AgentConsole.Benchmarks;

/// <summary>The command line of <c>chaos</c>: the long mode by default, <c>--short</c> for CI.</summary>
public sealed record ChaosOptions
{
    public const string Usage =
        "usage: chaos [--short] [--kills 200] [--rate 1000] [--batch 4] [--up 4-12] [--agents 40] [--capacity 5] [--customers 20]\n" +
        "             [--escalate-every 20] [--offer-timeout 10] [--drift-share 0.1] [--seed N] [--host path/to/AgentConsole.dll] [--show-server-log] [--keep-store]\n" +
        "             [--nodes 3] [--postgres CONNECTION] [--redis HOST:PORT]\n" +
        "  --short           the CI run: 10 kills, 100 events/s, 8 agents, 4 widget customers, up 3-6 s between kills\n" +
        "  --kills           how many times the app is killed (SIGKILL) and started again on the same store (default 200; 50 on a cluster)\n" +
        "  --rate            events per second the bots aim at, through the bot API (retried on a timeout or a connection error)\n" +
        "  --batch           events per request (customer and bot messages in turn)\n" +
        "  --up              seconds the app runs between kills, a random whole number in this range (e.g. 4-12)\n" +
        "  --agents          agents on /hubs/agents: they accept, decline, ignore, reply to and resolve what they are offered\n" +
        "  --capacity        each agent's capacity\n" +
        "  --customers       widget customers chatting at once through the customer chat API\n" +
        "  --escalate-every  one bot conversation in this many asks for a human\n" +
        "  --offer-timeout   the app's Routing:OfferTimeoutSeconds for the run (the first-reply deadline is 1 min)\n" +
        "  --drift-share     the largest share of the engine's time its drift check may take (RoutingEngine:StateDriftShare);\n" +
        "                    1 checks after every command (the short mode), 0.1 spaces the checks out as open cases pile up\n" +
        "  --seed            the random seed of the kills and of the agents' choices (default: from the clock)\n" +
        "  --host            the AgentConsole.dll to start (default: the build beside this one)\n" +
        "  --show-server-log echo the server's output (warnings and errors) as it comes\n" +
        "  --keep-store      keep the temporary folder with the SQLite file (or the PostgreSQL database), to inspect afterwards\n" +
        "  --nodes           the cluster mode: this many app nodes (2-5) on PostgreSQL and Redis behind the YARP front end, through\n" +
        "                    which every client goes; each kill takes a node at random, which is started again while the others serve\n" +
        "  --postgres        the cluster's PostgreSQL server (default: a throwaway one from tools/postgres.sh)\n" +
        "  --redis           the cluster's Redis server (default: a throwaway one from tools/redis.sh)";

    /// <summary>Kills in the long mode on a cluster.</summary>
    public const int ClusterKills = 50;

    public int Kills { get; init; } = 200;
    public double Rate { get; init; } = 1000;
    public int Batch { get; init; } = 4;
    public int MinUpSeconds { get; init; } = 4;
    public int MaxUpSeconds { get; init; } = 12;
    public int Agents { get; init; } = 40;
    public int Capacity { get; init; } = 5;
    public int Customers { get; init; } = 20;
    public int EscalateEvery { get; init; } = 20;
    public int OfferTimeoutSeconds { get; init; } = 10;
    public double DriftShare { get; init; } = 0.1;
    public int Seed { get; init; } = Environment.TickCount;
    public string? HostPath { get; init; }
    public bool ShowServerLog { get; init; }
    public bool KeepStore { get; init; }
    public int Nodes { get; init; } = 1;
    public string? PostgresServer { get; init; }
    public string? RedisServer { get; init; }

    /// <summary>More than one node: the cluster mode.</summary>
    public bool Cluster => Nodes > 1;

    /// <summary>The CI run: about two minutes on two cores.</summary>
    public static ChaosOptions Short { get; } = new()
    {
        Kills = 10, Rate = 100, MinUpSeconds = 3, MaxUpSeconds = 6, Agents = 8, Capacity = 3, Customers = 4, EscalateEvery = 5, OfferTimeoutSeconds = 5, DriftShare = 1,
    };

    /// <summary>The first-reply deadline the run gives the app (Routing:FirstReplyMinutes and UrgentFirstReplyMinutes).</summary>
    public static TimeSpan FirstReply { get; } = TimeSpan.FromMinutes(1);

    public static ChaosOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var options = Read(args, error);
        // A cluster's long mode kills fewer times: each kill costs a node's restart, some 10 s with its silo.
        return options is { Cluster: true } && !args.Contains("--short") && !args.Contains("--kills") ? options with { Kills = ClusterKills } : options;
    }

    private static ChaosOptions? Read(IReadOnlyList<string> args, TextWriter error) =>
        LoadToolText.Options(args, error, "chaos", Usage, args.Contains("--short") ? Short : new ChaosOptions(), static (o, name, Value) => name switch
            {
                "--short" => o,
                "--up" => WithUp(o, Value()),
                "--kills" => o with { Kills = LoadToolText.Int(Value(), 0, 100_000) },
                "--rate" => o with { Rate = LoadToolText.Number(Value(), 1, 100_000) },
                "--batch" => o with { Batch = LoadToolText.Int(Value(), 1, 100) },
                "--agents" => o with { Agents = LoadToolText.Int(Value(), 1, 1_000) },
                "--capacity" => o with { Capacity = LoadToolText.Int(Value(), 1, 100) },
                "--customers" => o with { Customers = LoadToolText.Int(Value(), 0, 1_000) },
                "--escalate-every" => o with { EscalateEvery = LoadToolText.Int(Value(), 1, 1_000_000) },
                "--offer-timeout" => o with { OfferTimeoutSeconds = LoadToolText.Int(Value(), 5, 3_600) },
                "--drift-share" => o with { DriftShare = LoadToolText.Number(Value(), 0.01, 1) },
                "--seed" => o with { Seed = LoadToolText.Int(Value(), 0, int.MaxValue) },
                "--host" => o with { HostPath = Path.GetFullPath(Value()) },
                "--show-server-log" => o with { ShowServerLog = true },
                "--keep-store" => o with { KeepStore = true },
                "--nodes" => o with { Nodes = LoadToolText.Int(Value(), 1, 5) },
                "--postgres" => o with { PostgresServer = Value() },
                "--redis" => o with { RedisServer = Value() },
                _ => throw LoadToolText.Unknown(name),
            });

    /// <summary>The app's time up between kills, as <c>--up</c> gives it: seconds, or a range <c>min-max</c>.</summary>
    private static ChaosOptions WithUp(ChaosOptions options, string value)
    {
        var range = value.Split('-');
        var min = LoadToolText.Int(range[0], 1, 3_600);
        var max = range.Length == 2 ? LoadToolText.Int(range[1], min, 3_600) : min;
        return options with { MinUpSeconds = min, MaxUpSeconds = max };
    }
}
