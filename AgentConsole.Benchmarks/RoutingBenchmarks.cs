using AgentConsole.Core.Routing.Policy;
using BenchmarkDotNet.Attributes;

namespace AgentConsole.Benchmarks;

/// <summary>
/// One routing decision, at 100 agents with 1,000 queued cases, at 1,000 agents with 10,000
/// queued and at 10,000 with 100,000 (<see cref="RoutingPopulation"/>): a new case routed over the <see cref="AgentIndex"/>,
/// and an agent freeing up (the next case for them from the <see cref="CaseQueue"/>, handed over
/// with <see cref="RoutingPolicy.RouteTo"/>). Each invocation takes the next of a rotating set of
/// inputs, so every call is a different case or agent. These are per-iteration means; the p50 and
/// p99 per decision the target is set on (p99 of 20 µs or less at 1,000/10,000 and 10,000/100,000) come from
/// <see cref="RoutingLatency"/> (<c>-- routing-latency</c>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class RoutingBenchmarks
{
    private RoutingPopulation _population = null!;
    private int _next;

    /// <summary>Agents/queued cases.</summary>
    [ParamsSource(nameof(Scales))]
    public RoutingScale Scale { get; set; } = RoutingScale.Small;

    /// <summary>Every size: 100 agents with 1,000 queued, 1,000 with 10,000, and 10,000 with 100,000.</summary>
    public static IEnumerable<RoutingScale> Scales => RoutingScale.All;

    [GlobalSetup]
    public void Setup()
    {
        _population = RoutingPopulation.Build(Scale);
        _next = 0;
    }

    /// <summary>A new case arrives: <see cref="RoutingPolicy.Route(CaseToRoute, AgentIndex, DateTime)"/>.</summary>
    [Benchmark]
    public RoutingDecision RouteNewCase() => _population.RouteNewCase(_next++);

    /// <summary>An agent frees up: <see cref="CaseQueue.NextFor"/>, then <see cref="RoutingPolicy.RouteTo"/> when a case is found.</summary>
    [Benchmark]
    public RoutingDecision? NextCaseForFreedAgent() => _population.NextCaseForFreedAgent(_next++);
}
