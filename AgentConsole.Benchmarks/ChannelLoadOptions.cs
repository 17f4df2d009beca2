namespace AgentConsole.Benchmarks;

/// <summary>The command line of <c>channel-load</c>.</summary>
public sealed record ChannelLoadOptions
{
    public const string Usage =
        "usage: channel-load [--quick] [--customers 2000] [--agents 200] [--rate 100] [--humans 200] [--reply-rate 20] [--seconds 30]\n" +
        "                    [--bots 100] [--bot-escalations 2] [--bot-replies 20] [--backlog 2000] [--receiver-ms 0] [--receiver-tail-ms 0]\n" +
        "                    [--parallel-deliveries N] [--host path/to/AgentConsole.dll] [--show-server-log] [--keep-store]\n" +
        "  --quick            a short run (about two minutes): 500 customers, 50 with an agent, 10 s measured, 50 bot\n" +
        "                     conversations, a backlog of 500; the other options still apply\n" +
        "  --customers        widget customers, each holding the widget's event stream\n" +
        "  --agents           agents on /hubs/agents; they accept every offer after 0.5-3 s\n" +
        "  --rate             customer messages per second during the measured window\n" +
        "  --humans           widget customers who ask for a person before the window, and get one\n" +
        "  --reply-rate       agent replies per second to those customers during the window\n" +
        "  --seconds          length of the measured window\n" +
        "  --bots             conversations of an external bot (webhooks to a loopback receiver) escalated through\n" +
        "                     the bot API before the window; their agents reply during the window\n" +
        "  --bot-escalations  more of the bot's conversations escalated per second during the window\n" +
        "  --bot-replies      agent replies per second to the bot's conversations during the window (agent.message)\n" +
        "  --backlog          agent replies to the bot's conversations sent at once after the window, then every\n" +
        "                     bot case resolved, while the receiver holds its answers; then it answers again and\n" +
        "                     the backlog drains (0 for none)\n" +
        "  --receiver-ms      how long the receiver takes to answer each webhook, as a bot doing some work first\n" +
        "  --receiver-tail-ms how long every hundredth answer takes instead (a bot's slow tail)\n" +
        "  --parallel-deliveries  the app's Delivery:MaxParallelDeliveries for the run (default: appsettings.json's)\n" +
        "  --host             the AgentConsole.dll to start (default: the build beside this one)\n" +
        "  --show-server-log  echo the server's output (warnings and errors) as it comes\n" +
        "  --keep-store       keep the temporary folder with the SQLite file, to inspect afterwards";

    public int Customers { get; init; } = 2000;
    public int Agents { get; init; } = 200;
    public int Rate { get; init; } = 100;
    public int Humans { get; init; } = 200;
    public int ReplyRate { get; init; } = 20;
    public int Seconds { get; init; } = 30;
    public int Bots { get; init; } = 100;
    public double BotEscalations { get; init; } = 2;
    public int BotReplies { get; init; } = 20;
    public int Backlog { get; init; } = 2000;
    public int ReceiverMilliseconds { get; init; }
    public int ReceiverTailMilliseconds { get; init; }
    public int? ParallelDeliveries { get; init; }
    public string? HostPath { get; init; }
    public bool ShowServerLog { get; init; }
    public bool KeepStore { get; init; }

    /// <summary>The short run of <c>--quick</c>.</summary>
    public static ChannelLoadOptions Quick => new() { Customers = 500, Humans = 50, Seconds = 10, Bots = 50, Backlog = 500 };

    /// <summary>The options, or null (with the usage written to <paramref name="error"/>) when the command line is wrong or asks for help.</summary>
    public static ChannelLoadOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = LoadToolText.Options(args, error, "channel-load", Usage, args.Contains("--quick") ? Quick : new ChannelLoadOptions(), static (o, name, Value) => name switch
            {
                "--quick" => o,
                "--customers" => o with { Customers = LoadToolText.Int(Value(), 1, 100_000) },
                "--agents" => o with { Agents = LoadToolText.Int(Value(), 1, 10_000) },
                "--rate" => o with { Rate = LoadToolText.Int(Value(), 1, 10_000) },
                "--humans" => o with { Humans = LoadToolText.Int(Value(), 0, 100_000) },
                "--reply-rate" => o with { ReplyRate = LoadToolText.Int(Value(), 0, 10_000) },
                "--seconds" => o with { Seconds = LoadToolText.Int(Value(), 1, 3_600) },
                "--bots" => o with { Bots = LoadToolText.Int(Value(), 0, 10_000) },
                "--bot-escalations" => o with { BotEscalations = LoadToolText.Number(Value(), 0, 100) },
                "--bot-replies" => o with { BotReplies = LoadToolText.Int(Value(), 0, 10_000) },
                "--backlog" => o with { Backlog = LoadToolText.Int(Value(), 0, 1_000_000) },
                "--receiver-ms" => o with { ReceiverMilliseconds = LoadToolText.Int(Value(), 0, 10_000) },
                "--receiver-tail-ms" => o with { ReceiverTailMilliseconds = LoadToolText.Int(Value(), 0, 60_000) },
                "--parallel-deliveries" => o with { ParallelDeliveries = LoadToolText.Int(Value(), 1, 64) },
                "--host" => o with { HostPath = Path.GetFullPath(Value()) },
                "--show-server-log" => o with { ShowServerLog = true },
                "--keep-store" => o with { KeepStore = true },
                _ => throw LoadToolText.Unknown(name),
            });
        return options is null ? null : options with { Humans = Math.Min(options.Humans, options.Customers) };
    }
}
