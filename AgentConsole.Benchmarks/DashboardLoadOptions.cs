using System.Globalization;

namespace AgentConsole.Benchmarks;

/// <summary>The dashboard tool's command line.</summary>
/// <param name="Cases">The history sizes to measure, in cases.</param>
/// <param name="Seed">The history's seed.</param>
/// <param name="Loads">Timed loads of each measurement (after one untimed warm-up).</param>
/// <param name="CacheFolder">Where seeded stores are kept between runs, named by size and seed.</param>
/// <param name="HostPath">The app to start; by default this build's.</param>
public sealed record DashboardLoadOptions(IReadOnlyList<int> Cases, int Seed, int Loads, string CacheFolder, string? HostPath)
{
    public const string Usage = "usage: dashboard [--cases 100000,1000000] [--seed 1] [--loads 20] [--cache /tmp/agentconsole-history] [--host path/to/AgentConsole.dll]";

    public static DashboardLoadOptions? Parse(string[] args)
    {
        var options = new DashboardLoadOptions([100_000, 1_000_000], 1, 20, Path.Combine(Path.GetTempPath(), "agentconsole-history"), null);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) return null;
            var value = args[i + 1];
            switch (args[i])
            {
                case "--cases":
                    var sizes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (sizes.Length == 0 || !sizes.All(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0)) return null;
                    options = options with { Cases = [.. sizes.Select(s => int.Parse(s, CultureInfo.InvariantCulture))] };
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed): options = options with { Seed = seed }; break;
                case "--loads" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var loads) && loads > 0: options = options with { Loads = loads }; break;
                case "--cache" when !string.IsNullOrWhiteSpace(value): options = options with { CacheFolder = value }; break;
                case "--host" when !string.IsNullOrWhiteSpace(value): options = options with { HostPath = value }; break;
                default: return null;
            }
        }
        return options;
    }
}
