using System.Globalization;

namespace AgentConsole.Benchmarks;

/// <summary>The command line of <c>console-load</c>.</summary>
public sealed record ConsoleLoadOptions
{
    public const string Usage =
        "usage: console-load [--consoles 50] [--baseline 30] [--offers 120] [--rate 2] [--samples 3] [--parallel 4]\n" +
        "                    [--host path/to/AgentConsole.dll] [--show-server-log] [--keep-store] [--csv file]\n" +
        "  --consoles     agents signed in, one Chromium page each on My queue (at least 2)\n" +
        "  --baseline     consoles open at the first heap measurement; the second is at --consoles\n" +
        "  --offers       escalations measured from the bot API to the card on the offered agent's page\n" +
        "  --rate         escalations per second (each opens one case, offered to one agent)\n" +
        "  --samples      heap measurements (full collections) at each count; the median is used\n" +
        "  --parallel     consoles signed in at a time\n" +
        "  --host         the AgentConsole.dll to start (default: the build beside this one)\n" +
        "  --show-server-log  echo the server's output (warnings and errors) as it comes\n" +
        "  --keep-store   keep the temporary folder with the SQLite file, to inspect afterwards\n" +
        "  --csv          write one line per measured offer (all times in ms) to this file";

    public int Consoles { get; init; } = 50;
    public int Baseline { get; init; } = 30;
    public int Offers { get; init; } = 120;
    public double Rate { get; init; } = 2;
    public int Samples { get; init; } = 3;
    public int Parallel { get; init; } = 4;
    public string? HostPath { get; init; }
    public bool ShowServerLog { get; init; }
    public bool KeepStore { get; init; }
    public string? CsvPath { get; init; }

    /// <summary>Escalations sent first and not counted: the first of each kind of work warms the server's caches.</summary>
    public int WarmupOffers => Math.Min(10, Math.Max(2, Offers / 10));

    public static ConsoleLoadOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var options = LoadToolText.Options(args, error, "console-load", Usage, new ConsoleLoadOptions(), static (o, name, Value) => name switch
            {
                "--consoles" => o with { Consoles = LoadToolText.Int(Value(), 2, 500) },
                "--baseline" => o with { Baseline = LoadToolText.Int(Value(), 1, 499) },
                "--offers" => o with { Offers = LoadToolText.Int(Value(), 1, 100_000) },
                "--rate" => o with { Rate = LoadToolText.Number(Value(), 0.1, 100) },
                "--samples" => o with { Samples = LoadToolText.Int(Value(), 1, 20) },
                "--parallel" => o with { Parallel = LoadToolText.Int(Value(), 1, 64) },
                "--host" => o with { HostPath = Path.GetFullPath(Value()) },
                "--show-server-log" => o with { ShowServerLog = true },
                "--keep-store" => o with { KeepStore = true },
                "--csv" => o with { CsvPath = Path.GetFullPath(Value()) },
                _ => throw LoadToolText.Unknown(name),
            });
        if (options is null || options.Baseline < options.Consoles) return options;
        error.WriteLine("console-load: --baseline must be below --consoles.");
        error.WriteLine(Usage);
        return null;
    }
}
