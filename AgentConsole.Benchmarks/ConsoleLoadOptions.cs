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
        var options = new ConsoleLoadOptions();
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
                if (args[i] is "-h" or "--help")
                {
                    error.WriteLine(Usage);
                    return null;
                }
                options = args[i] switch
                {
                    "--consoles" => options with { Consoles = LoadToolText.Int(Value(), 2, 500) },
                    "--baseline" => options with { Baseline = LoadToolText.Int(Value(), 1, 499) },
                    "--offers" => options with { Offers = LoadToolText.Int(Value(), 1, 100_000) },
                    "--rate" => options with { Rate = LoadToolText.Number(Value(), 0.1, 100) },
                    "--samples" => options with { Samples = LoadToolText.Int(Value(), 1, 20) },
                    "--parallel" => options with { Parallel = LoadToolText.Int(Value(), 1, 64) },
                    "--host" => options with { HostPath = Path.GetFullPath(Value()) },
                    "--show-server-log" => options with { ShowServerLog = true },
                    "--keep-store" => options with { KeepStore = true },
                    "--csv" => options with { CsvPath = Path.GetFullPath(Value()) },
                    _ => throw new FormatException($"Unknown option {args[i]}."),
                };
            }
            if (options.Baseline >= options.Consoles) throw new FormatException("--baseline must be below --consoles.");
        }
        catch (FormatException e)
        {
            error.WriteLine($"console-load: {e.Message}");
            error.WriteLine(Usage);
            return null;
        }
        return options;
    }
}
