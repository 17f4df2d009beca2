using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;

namespace AgentConsole.Benchmarks;

/// <summary>
/// Routing decision latency per decision, which BenchmarkDotNet does not give (it reports means
/// per iteration of many calls): for each <see cref="RoutingScale"/>, the same workload as
/// <see cref="RoutingBenchmarks"/> (<see cref="RoutingPopulation"/>) is warmed up, then every
/// single decision of each kind is timed with <see cref="Stopwatch.GetTimestamp"/>. Prints p50,
/// p90, p99, p99.9, max and mean in µs, the scaling ratios of each size to the one ten times smaller
/// and of the largest to the smallest, and whether the p99 at 1,000/10,000 and at 10,000/100,000
/// meets the 20 µs target, all from one run. Times include one
/// pair of timestamp reads (printed as the timer overhead) and any GC pause that falls in a
/// decision, as a caller would see them.
/// <code>dotnet run -c Release --project AgentConsole.Benchmarks -- routing-latency [decisions per operation]</code>
/// </summary>
public static class RoutingLatency
{
    /// <summary>Decisions timed per operation and scale unless the command line says otherwise.</summary>
    public const int DefaultDecisions = 250_000;

    /// <summary>The p99 target at 1,000 agents and 10,000 queued cases, and at 10,000 and 100,000, in µs.</summary>
    public const double TargetP99Microseconds = 20;

    private const int WarmupRounds = 3;
    private const int WarmupDecisions = 50_000;
    private const string RouteName = "RouteNewCase";
    private const string FreedName = "NextCaseForFreedAgent";
    private const string RecordName = "RouteAndRecordNewCase";
    private const string WholePoolName = "RouteNewCaseOverWholePool";

    /// <summary>Decisions timed with their explanation per scale: each replays the tree over the skill's whole pool.</summary>
    private const int RecordedDecisions = 5_000;

    private static readonly JsonSerializerOptions ExplanationJson = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the measurement; <paramref name="args"/> may hold the number of decisions per operation.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var decisions = DefaultDecisions;
        if (args.Count > 0 && (!int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out decisions) || decisions < 1_000))
        {
            Console.Error.WriteLine("usage: routing-latency [decisions per operation, 1000 or more]");
            return 2;
        }

        Console.WriteLine($"Routing decision latency: {decisions:N0} decisions per operation and scale, seed {RoutingPopulation.DefaultSeed}, " +
            $"{RoutingPopulation.InputCount} rotating inputs of each kind");
        Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, " +
            $"{Environment.ProcessorCount} logical cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
            $"timer {Stopwatch.Frequency / 1e6:0.###} ticks/µs");
        var overhead = Percentile(Sorted(Time(new Nothing(), new long[decisions], out _)), 0.50);
        Console.WriteLine($"Timer overhead (two timestamp reads, p50): {Micro(overhead):0.000} µs, included in every figure below");
        Console.WriteLine();

        var rows = new List<Row>();
        foreach (var scale in RoutingScale.All)
        {
            var built = Stopwatch.StartNew();
            var population = RoutingPopulation.Build(scale);
            built.Stop();
            Describe(population, built.Elapsed);

            var route = new RouteOp(population);
            var freed = new FreedOp(population);
            var ticks = new long[decisions];
            for (var round = 0; round < WarmupRounds; round++)
            {
                // Let tiered compilation promote the hot paths between rounds, as in a long-running engine.
                Time(route, new long[WarmupDecisions], out _);
                Time(freed, new long[WarmupDecisions], out _);
                Thread.Sleep(200);
            }
            rows.Add(Measure(scale, RouteName, route, ticks));
            rows.Add(Measure(scale, FreedName, freed, ticks));
            var whole = new WholePoolOp(population);
            Time(whole, new long[WarmupDecisions], out _);
            rows.Add(Measure(scale, WholePoolName, whole, ticks));
            var record = new RecordOp(population);
            Time(record, new long[RecordedDecisions / 5], out _);
            rows.Add(Measure(scale, RecordName, record, new long[RecordedDecisions]));
        }

        Console.WriteLine();
        PrintTable(rows);
        Console.WriteLine();
        PrintRatios(rows);
        Console.WriteLine();
        PrintTarget(rows);
        return 0;
    }

    private static void Describe(RoutingPopulation population, TimeSpan buildTime)
    {
        var free = population.Agents.Count(a => a.Presence == Presence.Available && a.HasSpareCapacity);
        double poolSum = 0, skillSum = 0;
        var offered = 0;
        foreach (var @case in population.NewCases)
        {
            var decision = population.Policy.Route(@case, population.Index, RoutingPopulation.Now);
            poolSum += decision.PoolSize;
            // What a walk over the skill's whole pool would look at: the agents with the skill, and the seniors, engineers and on-call agents without it.
            skillSum += population.Agents.Count(a => a.Skills.Has(@case.RequiredSkill) || a.OnCall || a.Tier is AgentTier.Senior or AgentTier.Engineering);
            if (decision.Outcome == RoutingOutcome.Offer) offered++;
        }
        var found = population.FreedAgents.Count(a => population.Queue.NextFor(a, RoutingPopulation.Now) is not null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{population.Scale}: {population.Agents.Count} agents ({free} available with a free slot), {population.Queue.Count} queued; " +
            $"new cases: {poolSum / population.NewCases.Count:0.0} agents looked at on average, of {skillSum / population.NewCases.Count:0} who hold the skill or may stand in, " +
            $"{100.0 * offered / population.NewCases.Count:0.0}% offered; " +
            $"freed agents: {100.0 * found / population.FreedAgents.Count:0.0}% get a case; built in {buildTime.TotalMilliseconds:0} ms"));
    }

    private static Row Measure<TOp>(RoutingScale scale, string operation, TOp op, long[] ticks) where TOp : struct, IDecision
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        Time(op, ticks, out var hits);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        gen0 = GC.CollectionCount(0) - gen0;
        gen2 = GC.CollectionCount(2) - gen2;

        var mean = ticks.Average();
        var sorted = Sorted(ticks);
        return new Row(scale, operation, ticks.Length,
            Micro(Percentile(sorted, 0.50)), Micro(Percentile(sorted, 0.90)), Micro(Percentile(sorted, 0.99)),
            Micro(Percentile(sorted, 0.999)), Micro(sorted[^1]), Micro(mean),
            100.0 * hits / ticks.Length, (double)allocated / ticks.Length, gen0, gen2);
    }

    // Times each decision on its own. Generic over a struct so that the call is direct, not through a delegate.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long[] Time<TOp>(TOp op, long[] ticks, out int hits) where TOp : struct, IDecision
    {
        hits = 0;
        for (var i = 0; i < ticks.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var hit = op.Run(i);
            ticks[i] = Stopwatch.GetTimestamp() - start;
            if (hit) hits++;
        }
        return ticks;
    }

    private static long[] Sorted(long[] ticks)
    {
        var sorted = (long[])ticks.Clone();
        Array.Sort(sorted);
        return sorted;
    }

    // Nearest rank: the smallest value with at least q of the samples at or below it.
    private static double Percentile(long[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Micro(double ticks) => ticks * 1e6 / Stopwatch.Frequency;

    private static void PrintTable(List<Row> rows)
    {
        string[] header = ["Scale", "Operation", "N", "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs", "mean µs", "hit %", "alloc B/op", "gen0 GCs", "gen2 GCs"];
        var cells = rows.Select(r => new[]
        {
            r.Scale.ToString(), r.Operation, r.Count.ToString("N0", CultureInfo.InvariantCulture),
            F(r.P50), F(r.P90), F(r.P99), F(r.P999), F(r.Max), F(r.Mean),
            r.HitPercent.ToString("0.0", CultureInfo.InvariantCulture), r.AllocatedPerOp.ToString("0", CultureInfo.InvariantCulture),
            r.Gen0.ToString(CultureInfo.InvariantCulture), r.Gen2.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        PrintGrid(header, cells, leftAligned: 2);
        Console.WriteLine("hit % = decisions that offered the case to an agent (RouteNewCase) or found and handed over a queued case (NextCaseForFreedAgent).");
        Console.WriteLine($"{WholePoolName} = the same decisions as {RouteName}, made as before the index's ready buckets: the tree over everyone with the skill (and the seniors, engineers and on-call agents without it).");
        Console.WriteLine($"{RecordName} = what the engine does for a new case: the decision, its explanation (a replay over every agent with the skill) and the JSON stored on the case; {RecordedDecisions:N0} per scale.");
    }

    private static void PrintRatios(List<Row> rows)
    {
        Console.WriteLine("Scaling ratios (each size has 10x the agents and 10x the queue of the one before; linear growth would be 10x and 100x):");
        var cells = new List<string[]>();
        (RoutingScale Larger, RoutingScale Smaller)[] pairs = [(RoutingScale.Large, RoutingScale.Small), (RoutingScale.Huge, RoutingScale.Large), (RoutingScale.Huge, RoutingScale.Small)];
        foreach (var (larger, smaller) in pairs)
        {
            foreach (var operation in new[] { RouteName, FreedName, WholePoolName })
            {
                var small = rows.Single(r => r.Operation == operation && r.Scale == smaller);
                var large = rows.Single(r => r.Operation == operation && r.Scale == larger);
                cells.Add([$"{larger} over {smaller}", operation, R(large.P50 / small.P50), R(large.P99 / small.P99), R(large.Mean / small.Mean)]);
            }
        }
        PrintGrid(["Sizes", "Operation", "p50 ratio", "p99 ratio", "mean ratio"], cells, leftAligned: 2);
    }

    private static void PrintTarget(List<Row> rows)
    {
        foreach (var scale in new[] { RoutingScale.Small, RoutingScale.Large, RoutingScale.Huge })
        {
            var walk = rows.Single(r => r.Scale == scale && r.Operation == RouteName);
            var whole = rows.Single(r => r.Scale == scale && r.Operation == WholePoolName);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"At {scale}, the whole pool over the index's walk: p50 {R(whole.P50 / walk.P50)}, p99 {R(whole.P99 / walk.P99)}"));
        }
        foreach (var row in rows.Where(r => (r.Scale == RoutingScale.Large || r.Scale == RoutingScale.Huge) && r.Operation is RouteName or FreedName))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Target p99 <= {TargetP99Microseconds:0} µs at {row.Scale}, {row.Operation}: p99 {row.P99:0.00} µs, {(row.P99 <= TargetP99Microseconds ? "MET" : "MISSED")}"));
    }

    private static void PrintGrid(string[] header, List<string[]> cells, int leftAligned)
    {
        var widths = header.Select((h, c) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(r => r[c].Length))).ToArray();
        string Line(string[] row) =>
            "| " + string.Join(" | ", row.Select((cell, c) => c < leftAligned ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |";
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, c) => c < leftAligned ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in cells) Console.WriteLine(Line(row));
    }

    private static string F(double micro) => micro.ToString(micro < 100 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    private static string R(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    private sealed record Row(RoutingScale Scale, string Operation, int Count, double P50, double P90, double P99, double P999, double Max,
        double Mean, double HitPercent, double AllocatedPerOp, int Gen0, int Gen2);

    private interface IDecision
    {
        /// <summary>Makes the <paramref name="n"/>th decision; true when it offered a case to an agent.</summary>
        bool Run(int n);
    }

    private readonly struct RouteOp(RoutingPopulation population) : IDecision
    {
        public bool Run(int n) => population.RouteNewCase(n).Outcome == RoutingOutcome.Offer;
    }

    // What the engine does for each new case: decide, then explain the decision and serialise it onto the case.
    private readonly struct RecordOp(RoutingPopulation population) : IDecision
    {
        public bool Run(int n)
        {
            var decision = population.RouteNewCase(n);
            return JsonSerializer.Serialize(decision.Explain(), ExplanationJson).Length > 0 && decision.Outcome == RoutingOutcome.Offer;
        }
    }

    private readonly struct WholePoolOp(RoutingPopulation population) : IDecision
    {
        public bool Run(int n) => population.RouteNewCaseOverWholePool(n).Outcome == RoutingOutcome.Offer;
    }

    private readonly struct FreedOp(RoutingPopulation population) : IDecision
    {
        public bool Run(int n) => population.NextCaseForFreedAgent(n) is { Outcome: RoutingOutcome.Offer };
    }

    // No decision at all: the cost of the two timestamp reads around each one.
    private readonly struct Nothing : IDecision
    {
        public bool Run(int n) => false;
    }
}
