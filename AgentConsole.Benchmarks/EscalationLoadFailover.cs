using System.Diagnostics;

namespace AgentConsole.Benchmarks;

/// <summary>
/// Failover on a cluster: the node that holds the routing desk's grain is killed (SIGKILL), and a bot
/// keeps escalating a new conversation every 0.2 s on the live nodes in turn. Routing is unavailable from
/// the kill until the first <c>CaseOffered</c> of any of those cases reaches an agent's client: the desk
/// has been activated on another node and rebuilt from the store. (Agents whose clients were connected to
/// the dead node hear nothing, so a few offers may go unheard; the next escalation's offer is counted.)
/// </summary>
public static class EscalationLoadFailover
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    public static async Task<FailoverFigures> MeasureAsync(EscalationLoadHost host, IReadOnlyList<HttpClient> apis, EscalationLoadOffers offers,
        TextWriter output, CancellationToken cancellationToken)
    {
        var desk = host.DeskNode;
        if (desk < 0)
        {
            output.WriteLine("Failover: not measured: no node has said that it holds the routing desk.");
            return new FailoverFigures(null, 0, 0, 0, "no desk node");
        }
        var live = host.LiveNodes.Where(n => n != desk).ToList();
        output.WriteLine($"Failover: killing node {desk + 1} ({host.NodeAddresses[desk]}), which holds the routing desk; escalating every " +
            $"{Every.TotalSeconds:0.0} s on node{(live.Count > 1 ? "s" : "")} {string.Join(" and ", live.Select(n => n + 1))} until an offer reaches a client ...");

        var sent = new List<Task<EscalationSample>>();
        var killed = Stopwatch.GetTimestamp();
        await host.KillNodeAsync(desk);
        long? resumed = null;
        for (var i = 0; resumed is null && Stopwatch.GetElapsedTime(killed) < GiveUp; i++)
        {
            var wait = TimeSpan.FromTicks(Every.Ticks * i) - Stopwatch.GetElapsedTime(killed);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            sent.Add(EscalationLoadTraffic.PostEscalationAsync(apis[live[i % live.Count]], $"failover-{i}", i));
            resumed = FirstOffer(sent, offers);
        }
        // The requests still out, and an offer that may already have come for one of them.
        await Task.WhenAll(sent);
        resumed = FirstOffer(sent, offers) is { } first && (resumed is null || first < resumed) ? first : resumed;
        var samples = sent.Select(t => t.Result).ToList();
        var figures = new FailoverFigures(
            resumed is { } at ? (at - killed) / (double)Stopwatch.Frequency : null,
            samples.Count, samples.Count(s => s.CaseId != 0), samples.Count(s => s.CaseId == 0),
            resumed is null ? $"no offer within {GiveUp.TotalSeconds:0} s" : $"the desk is now on node {host.DeskNode + 1}");
        output.WriteLine(figures.UnavailableSeconds is { } seconds
            ? $"  routing unavailable for {seconds:0.0} s (kill to the first offer at a client); {figures.Sent} escalations sent meanwhile, " +
              $"{figures.Opened} opened a case, {figures.Refused} refused{Refusals(samples)}; {figures.Outcome}"
            : $"  routing did not resume: {figures.Outcome}; {figures.Sent} escalations sent, {figures.Opened} opened a case{Refusals(samples)}");
        return figures;
    }

    /// <summary>The earliest arrival of an offer of a case the completed escalations opened, or null.</summary>
    private static long? FirstOffer(IEnumerable<Task<EscalationSample>> sent, EscalationLoadOffers offers)
    {
        long? first = null;
        foreach (var task in sent)
        {
            if (!task.IsCompletedSuccessfully || task.Result.CaseId == 0 || !offers.TryGet(task.Result.CaseId, out var offer)) continue;
            if (first is null || offer.Timestamp < first) first = offer.Timestamp;
        }
        return first;
    }

    private static string Refusals(IEnumerable<EscalationSample> samples)
    {
        var errors = samples.Where(s => s.Error is not null).GroupBy(s => s.Status == 0 ? "no reply" : $"HTTP {s.Status}").Select(g => $"{g.Count()} x {g.Key}").ToList();
        return errors.Count == 0 ? "" : $" ({string.Join(", ", errors)})";
    }
}
