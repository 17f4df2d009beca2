using System.Diagnostics;
using System.Globalization;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Staffing.Simulation;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Benchmarks;

/// <summary>
/// The what-if simulator's speed: simulated cases per second for a generated desk day, through the
/// production routing policy with the shipped <c>Routing</c> settings. The day: <c>--cases</c> arrivals
/// (5,000 by default), twice as many an hour from 08:00 to 20:00 as at night, over four teams of
/// <c>--agents</c> agents each (skills Billing, Technical, AccountManagement and Security; Frontline,
/// Specialist and Senior; capacity 2 or 3) on three staggered eight-hour shifts, handle times of 3 to
/// 30 minutes and an exponential patience of 10 minutes. Three warm-up runs, then <c>--runs</c> timed runs
/// of the event loop alone (the input is built once); prints each run and the median, by the wall clock and by the
/// process's CPU time (the loop is single-threaded: on a machine shared with other work the CPU figure is the steadier one).
/// <code>dotnet run -c Release --project AgentConsole.Benchmarks -- staffing-sim [--cases 5000] [--agents 12] [--runs 5] [--seed 1]</code>
/// </summary>
public static class StaffingSimulationSpeed
{
    private static readonly DateTime Day = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Skill[] Skills = [Skill.Billing, Skill.Technical, Skill.AccountManagement, Skill.Security];

    public static int Run(IReadOnlyList<string> args)
    {
        var (cases, agents, runs, seed) = (5000, 12, 5, 1);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                Console.Error.WriteLine("usage: staffing-sim [--cases 5000] [--agents 12] [--runs 5] [--seed 1]");
                return 2;
            }
            switch (args[i])
            {
                case "--cases": cases = value; break;
                case "--agents": agents = value; break;
                case "--runs": runs = value; break;
                case "--seed": seed = value; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var random = new Random(seed);
        var roster = Agents(agents);
        var day = Cases(cases, random);
        var simulator = new StaffingSimulator(new RoutingPolicy(RepositorySettings.Routing()));
        Console.WriteLine($"Staffing simulator: {cases:N0} cases, {roster.Count} agents over four teams, seed {seed}; {Environment.ProcessorCount} logical cores");
        var warm = simulator.Run(roster, day, Day, TimeSpan.FromSeconds(60));
        // Two more untimed days, so the timed runs see the JIT's optimised code rather than its first tier.
        for (var i = 0; i < 2; i++) simulator.Run(roster, day, Day, TimeSpan.FromSeconds(60));
        Console.WriteLine($"Warm-up: answered {warm.Answered:N0}, abandoned {warm.Abandoned:N0}, wait p50 {warm.Waits.P50:mm\\:ss} p90 {warm.Waits.P90:mm\\:ss}, " +
            $"SLA {warm.Sla.Value:P1}, occupancy {warm.Occupancy:P1}, {warm.Events:N0} events");
        var (rates, cpuRates) = (new List<double>(), new List<double>());
        using var process = Process.GetCurrentProcess();
        for (var run = 1; run <= runs; run++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = simulator.Run(roster, day, Day, TimeSpan.FromSeconds(60));
            clock.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var rate = result.Cases / clock.Elapsed.TotalSeconds;
            var cpuRate = cpu > TimeSpan.Zero ? result.Cases / cpu.TotalSeconds : double.NaN;
            rates.Add(rate);
            cpuRates.Add(cpuRate);
            Console.WriteLine($"Run {run}: {clock.Elapsed.TotalMilliseconds:0.0} ms, {rate:N0} simulated cases/s; {cpu.TotalMilliseconds:0} ms CPU, {cpuRate:N0} cases per CPU-second");
        }
        rates.Sort();
        cpuRates.Sort();
        Console.WriteLine($"Median: {rates[rates.Count / 2]:N0} simulated cases/s (min {rates[0]:N0}, max {rates[^1]:N0}); " +
            $"{cpuRates[cpuRates.Count / 2]:N0} cases per CPU-second");
        return 0;
    }

    private static List<SimulatedAgent> Agents(int perTeam)
    {
        var agents = new List<SimulatedAgent>();
        for (var t = 0; t < Skills.Length; t++)
        {
            var team = Guid.CreateVersion7();
            for (var i = 0; i < perTeam; i++)
            {
                var tier = (i % 4) switch { 0 or 1 => AgentTier.Specialist, 2 => AgentTier.Frontline, _ => AgentTier.Senior };
                var skills = SkillLevels.None.With(Skills[t], 2 + i % 4);
                var start = Day.AddHours((i % 3) * 8);
                agents.Add(new SimulatedAgent(
                    new AgentSnapshot(Guid.CreateVersion7(), $"{Skills[t]} {i}", team, tier, skills, 2 + i % 2, 0, i % 6 == 0, Presence.Offline, null),
                    [new Shift(start, start.AddHours(8))]));
            }
        }
        return agents;
    }

    private static List<SimulatedCase> Cases(int count, Random random)
    {
        var cases = new List<SimulatedCase>(count);
        for (var id = 1; id <= count; id++)
        {
            // Day hours weigh twice the night's: draw an hour by weight, then a second in it.
            int hour;
            do hour = random.Next(24); while (hour is < 8 or >= 20 && random.NextDouble() < 0.5);
            var at = Day.AddHours(hour).AddSeconds(random.NextDouble() * 3600);
            var skill = Skills[random.Next(Skills.Length)];
            var priority = random.NextDouble() < 0.05 ? CasePriority.Urgent : CasePriority.Normal;
            var tier = random.NextDouble() < 0.6 ? AgentTier.Specialist : AgentTier.Frontline;
            var route = new CaseToRoute(id, IssueCategory.Other, skill, tier, priority, at);
            cases.Add(new SimulatedCase(route, Guid.Empty, at, TimeSpan.FromSeconds(180 + random.Next(1620)), TimeSpan.FromSeconds(-600 * Math.Log(1 - random.NextDouble()))));
        }
        cases.Sort((a, b) => a.ArrivesAt.CompareTo(b.ArrivesAt));
        return cases;
    }
}
