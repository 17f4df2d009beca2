using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace AgentConsole.Benchmarks;

/// <summary>
/// The crash harness: the real app (a child process on a fresh SQLite file) under bots posting
/// events with retries, agents on the hub accepting, declining, ignoring and resolving, widget
/// customers chatting and an outbox receiver on loopback, killed with SIGKILL at random moments and
/// started again on the same store while the clients reconnect and retry. After the last stop the
/// store is read read-only and <see cref="ChaosChecker"/> proves the run from it and the clients'
/// log. Prints the counts and the violations by kind; exits 1 on any violation.
/// <code>dotnet run -c Release --project AgentConsole.Benchmarks -- chaos [--short] [--kills 200] [--rate 1000] (--help for all)</code>
/// </summary>
public static class Chaos
{
    /// <summary>How far from its instant a deadline may fire.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    /// <summary>How long requests already sent keep being retried after the traffic stops.</summary>
    private static readonly TimeSpan RetryGrace = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = ChaosOptions.Parse(args, Console.Error);
        if (options is null) return 2;
        return await LoadToolRun.CancellableAsync("chaos", ct => RunAsync(options, Console.Out, ct));
    }

    /// <summary>Runs the harness with <paramref name="o"/>, writing to <paramref name="output"/>; 0 when the checker found nothing.</summary>
    public static async Task<int> RunAsync(ChaosOptions o, TextWriter output, CancellationToken cancellationToken) =>
        (await RunAndCheckAsync(o, output, cancellationToken)).Count == 0 ? 0 : 1;

    /// <summary>Runs the harness and returns what the checker found.</summary>
    public static async Task<ChaosViolations> RunAndCheckAsync(ChaosOptions o, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Chaos: {o.Kills} kills (SIGKILL, up {o.MinUpSeconds}-{o.MaxUpSeconds} s between), bots at {o.Rate:0.#} events/s in batches of {o.Batch}, " +
            $"{o.Agents} agents (capacity {o.Capacity}), {o.Customers} widget customers, one bot conversation in {o.EscalateEvery} escalates; " +
            $"drift check {(o.DriftShare >= 1 ? "after every command" : $"at most {o.DriftShare:P0} of the engine's time")}; seed {o.Seed}");
        if (o.Cluster)
            output.WriteLine($"Cluster mode: {o.Nodes} nodes on PostgreSQL and Redis behind the YARP front end, through which every client goes; each kill takes a node at random");
        output.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores; the clients share the machine");
        var total = Stopwatch.StartNew();
        var log = new ChaosLog();
        var random = new Random(o.Seed);

        await using var outbox = await ChannelLoadOutbox.StartAsync(cancellationToken);
        outbox.Receiver.Observer = log.Webhook;
        var hostOptions = new EscalationLoadOptions
        {
            Agents = o.Agents, Capacity = o.Capacity, Teams = Math.Max(1, o.Agents / 8), HostPath = o.HostPath, ShowServerLog = o.ShowServerLog, KeepStore = o.KeepStore,
            Nodes = o.Nodes, Postgres = o.Cluster, PostgresServer = o.PostgresServer, RedisServer = o.RedisServer,
        };
        await using var host = await EscalationLoadHost.StartAsync(hostOptions, output, cancellationToken, new Dictionary<string, string>
        {
            ["Routing:OfferTimeoutSeconds"] = o.OfferTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            ["Routing:FirstReplyMinutes"] = ChaosOptions.FirstReply.TotalMinutes.ToString(CultureInfo.InvariantCulture),
            ["Routing:UrgentFirstReplyMinutes"] = ChaosOptions.FirstReply.TotalMinutes.ToString(CultureInfo.InvariantCulture),
            // The engine compares its memory with the store after commands (every one at a share of 1), and logs any drift.
            ["RoutingEngine:CheckStateDrift"] = "true",
            ["RoutingEngine:StateDriftShare"] = o.DriftShare.ToString(CultureInfo.InvariantCulture),
            ["Channel:RequestsPerMinutePerIp"] = "1000000",
            ["Channel:ConversationsPerHourPerIp"] = "100000",
            ["Channel:MessagesPerMinute"] = "10000",
        }, outbox.CreateIntegrationAsync, log.ServerLine);

        // On a cluster every client goes through the front end, which sends each request to a live node.
        using var frontEnd = o.Cluster ? ProxyProcess.Start(host.NodeAddresses) : null;
        if (frontEnd is not null) await frontEnd.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        var front = frontEnd?.BaseAddress ?? host.BaseAddress;

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromSeconds(30), UseProxy = false, AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            // No affinity cookie: the front end spreads the bots' and customers' requests over the nodes.
            UseCookies = !o.Cluster,
        };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = front, Timeout = TimeSpan.FromSeconds(10) };
        using var api = outbox.BotClient(handler, front);
        // A bot that hears nothing for 10 s sends the batch again.
        api.Timeout = TimeSpan.FromSeconds(10);

        using var stopAgents = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var agents = new ChaosAgents(http, log, random, stopAgents.Token);
        // Through the front end a hub connection is one WebSocket request: negotiating first could land on another node.
        await agents.ConnectAsync(host.Agents, front, webSocketOnly: o.Cluster);
        output.WriteLine($"Agents: {host.Agents.Count} connected to /hubs/agents; receiver {outbox.Receiver.Url}");

        using var stopTraffic = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var bots = new ChaosBots(api, log, o.Rate, o.Batch, o.EscalateEvery);
        var customers = new ChaosCustomers(http, log, random);
        var traffic = Task.WhenAll(
            bots.RunAsync(workers: Math.Clamp((int)(o.Rate / o.Batch / 2), 8, 256), stopTraffic.Token, giveUp.Token),
            customers.RunAsync(o.Customers, stopTraffic.Token, giveUp.Token));

        var trafficStarted = Stopwatch.StartNew();
        var restarts = new List<double>();
        var deskKills = 0;
        for (var kill = 1; kill <= o.Kills; kill++)
        {
            int up;
            lock (random) up = random.Next(o.MinUpSeconds * 1000, o.MaxUpSeconds * 1000 + 1);
            await Task.Delay(up, cancellationToken);
            int node;
            lock (random) node = random.Next(o.Nodes);
            var desk = host.DeskNode;
            var killed = DateTime.UtcNow;
            await host.KillNodeAsync(node);
            var restart = Stopwatch.StartNew();
            await host.RestartNodeAsync(node, cancellationToken);
            restarts.Add(restart.Elapsed.TotalSeconds);
            if (node == desk) deskKills++;
            log.Killed(new Outage(killed, DateTime.UtcNow));
            if (kill % Math.Max(1, o.Kills / 20) == 0 || kill == o.Kills)
                output.WriteLine($"  kill {kill,4}/{o.Kills} at {trafficStarted.Elapsed.TotalSeconds,6:0} s: back in {restart.Elapsed.TotalSeconds:0.0} s; " +
                    $"{bots.EventsAcknowledged} of {bots.EventsSent} bot events acknowledged, {customers.Messages} widget messages, {agents.Offers} offers, " +
                    $"{outbox.Receiver.Delivered} deliveries received");
        }
        await Task.Delay(o.MaxUpSeconds * 1000, cancellationToken);

        await stopTraffic.CancelAsync();
        giveUp.CancelAfter(RetryGrace);
        await traffic;
        var trafficSeconds = trafficStarted.Elapsed.TotalSeconds;
        output.WriteLine($"Traffic stopped after {trafficSeconds:0} s; waiting for the outbox to drain ...");
        var drained = await outbox.WaitDrainedAsync(host.Store, TimeSpan.FromSeconds(60), cancellationToken);
        await stopAgents.CancelAsync();
        var stopped = DateTime.UtcNow;
        foreach (var node in host.LiveNodes) await host.KillNodeAsync(node);

        // Every row written up to the drain must have reached the receiver; the app wrote on until it was killed
        // (offers timing out, cases re-queued), and those later rows had no time to go out.
        var read = await ChaosStore.ReadAsync(host.Store, ChannelLoadOutbox.IntegrationName, cancellationToken);
        var store = read with { Deliveries = [.. read.Deliveries.Where(d => d.Sequence <= drained.LastId)] };
        var violations = ChaosChecker.Check(log, store, TimeSpan.FromSeconds(o.OfferTimeoutSeconds), ChaosOptions.FirstReply, Tolerance, stopped);

        output.WriteLine();
        output.WriteLine($"Kills:        {log.Outages.Count} (SIGKILL), back healthy in {Describe(restarts)} s" +
            (o.Cluster ? $"; {deskKills} of them of the node holding the routing desk" : ""));
        output.WriteLine($"Bot events:   {bots.EventsSent} sent, {bots.EventsAcknowledged} acknowledged ({bots.EventsAcknowledged / trafficSeconds:0} events/s over {trafficSeconds:0} s, " +
            $"aimed at {o.Rate:0}); {log.Retries} requests retried, {log.Refused} refused with a 4xx");
        foreach (var (request, count) in log.Refusals.OrderByDescending(r => r.Value)) output.WriteLine($"  {count,6} x {request}");
        output.WriteLine($"Widget:       {customers.Chats} chats, {customers.Messages} messages, {log.Events.Count(e => e.Acknowledged && e.EventId.StartsWith("c-", StringComparison.Ordinal))} acknowledged");
        output.WriteLine($"Cases:        {store.Cases.Count} ({store.Cases.Count(c => c.Status == AgentConsole.Core.Cases.CaseStatus.Resolved)} resolved), " +
            $"{store.CaseEvents.Count} log entries, {store.CaseEvents.Count(e => e.Type == AgentConsole.Core.Cases.CaseEventType.TimedOut)} offers timed out, " +
            $"{store.CaseEvents.Count(e => e.Type == AgentConsole.Core.Cases.CaseEventType.Reclaimed)} reclaimed");
        output.WriteLine($"Agents:       {agents.Offers} offers heard, {agents.Accepted} accepted, {agents.Declined} declined, {agents.Ignored} ignored, " +
            $"{agents.Resolved} resolved, {agents.Refused} answers refused (the offer had ended)");
        output.WriteLine($"Deliveries:   {store.Deliveries.Count} outbox rows, {drained.Counts.Pending} still pending; {outbox.Receiver.Delivered} received, " +
            $"{outbox.Receiver.Duplicates} again (at least once), {outbox.Receiver.BadSignatures} bad signatures");
        output.WriteLine($"Violations:   {violations.Count}");
        foreach (var (kind, lines) in violations.ByKind.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {lines.Count,6} x {kind}");
            if (kind is ChaosViolations.OfferDeadline or ChaosViolations.FirstReplyDeadline)
                output.WriteLine($"           ({lines.Count(l => l.Contains("no kill in between", StringComparison.Ordinal))} late with no kill between the due instant and the firing)");
            foreach (var line in lines.Take(5)) output.WriteLine($"           {line}");
        }
        if (o.KeepStore) output.WriteLine($"Store kept: {host.StoreDescription}");
        output.WriteLine($"Total run time: {total.Elapsed.TotalSeconds:0} s");
        return violations;
    }

    private static string Describe(List<double> seconds) =>
        seconds.Count == 0 ? "-" : $"{seconds.Average():0.0} on average (max {seconds.Max():0.0})";
}
