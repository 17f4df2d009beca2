using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace AgentConsole.Benchmarks;

/// <summary>
/// The customer channel under load, end to end over loopback: the real app (Release, a child process),
/// <c>--customers</c> widget customers each holding the widget's Server-Sent Events stream, <c>--agents</c>
/// agents on the hub, and <c>--rate</c> customer messages a second. Of the customers, <c>--humans</c>
/// ask for a person first; their cases are offered, accepted and assigned, and then:
/// <list type="bullet">
/// <item>customer → agent console: from a customer's message sent to the <c>CaseActivity</c> for its case at the holder's hub client;</item>
/// <item>agent → customer: from an agent's reply sent (the console API) to the <c>message</c> event on the customer's stream.</item>
/// </list>
/// The rest of the customers talk to the built-in bot. Memory per connected customer is the live
/// managed heap after a full collection (<c>/diagnostics/heap</c>) with every stream open, less the
/// same before any customer connected, over the customers.
/// <para>
/// Alongside, an external bot (<see cref="ChannelLoadOutbox"/>) whose callback URL is a loopback
/// receiver in this process: its conversations escalate through the bot API, agents accept, reply
/// and finally resolve them, and the outbox delivers each event by signed webhook. Printed: events
/// delivered per second during the run and while a backlog drains, the latency from a row's stamp
/// to the receiver, and the counts (written, delivered, duplicates, out of order, parked).
/// </para>
/// <code>dotnet run -c Release --project AgentConsole.Benchmarks -- channel-load [--quick] [--customers 2000] [--agents 200] [--rate 100] [--humans 200] [--seconds 30] [--bots 100] [--backlog 2000]</code>
/// </summary>
public static class ChannelLoad
{
    public const double TargetP99Milliseconds = 50;
    public const double TargetKilobytesPerCustomer = 50;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = ChannelLoadOptions.Parse(args, Console.Error);
        if (options is null) return 2;
        return await LoadToolRun.CancellableAsync("channel-load", ct => RunAsync(options, Console.Out, ct));
    }

    private static async Task<int> RunAsync(ChannelLoadOptions o, TextWriter output, CancellationToken cancellationToken)
    {
        var (customers, humans, rate, replyRate, seconds) = (o.Customers, o.Humans, o.Rate, o.ReplyRate, o.Seconds);
        output.WriteLine($"Channel load: {customers} widget customers on the stream, {o.Agents} agents on the hub, {rate} customer messages/s " +
            $"({humans} customers with an agent), {replyRate} agent replies/s, {seconds} s measured");
        output.WriteLine($"Outbox: {o.Bots} conversations of an external bot escalated before the window, {o.BotEscalations:0.##} more/s and " +
            $"{o.BotReplies} agent replies/s to them during it, then a backlog of {o.Backlog} replies and every bot case resolved");
        output.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores; the load generator shares the machine");
        var total = Stopwatch.StartNew();

        await using var outbox = await ChannelLoadOutbox.StartAsync(cancellationToken);
        outbox.Receiver.AnswerDelay = TimeSpan.FromMilliseconds(o.ReceiverMilliseconds);
        outbox.Receiver.TailDelay = TimeSpan.FromMilliseconds(o.ReceiverTailMilliseconds);
        var tail = o.ReceiverTailMilliseconds > o.ReceiverMilliseconds ? $", every hundredth after {o.ReceiverTailMilliseconds} ms" : "";
        output.WriteLine($"Receiver: {outbox.Receiver.Url} (Kestrel in this process, answering 200 after {o.ReceiverMilliseconds} ms{tail}), " +
            $"the callback URL of the integration \"{ChannelLoadOutbox.IntegrationName}\"");
        var parallelDeliveries = o.ParallelDeliveries ?? RepositorySettings.Delivery().MaxParallelDeliveries;
        output.WriteLine($"Webhooks: up to {parallelDeliveries} conversations sent at once (Delivery:MaxParallelDeliveries" +
            $"{(o.ParallelDeliveries is null ? ", as appsettings.json has it" : "")})");
        var cases = humans + o.Bots + (int)Math.Ceiling(o.BotEscalations * seconds);
        var hostOptions = new EscalationLoadOptions
        {
            Agents = o.Agents, Capacity = Math.Max(5, cases / o.Agents + 3), HostPath = o.HostPath, ShowServerLog = o.ShowServerLog, KeepStore = o.KeepStore,
        };
        await using var host = await EscalationLoadHost.StartAsync(hostOptions, output, cancellationToken, new Dictionary<string, string>
        {
            ["Diagnostics:HeapEndpoint"] = "true",
            ["Channel:RequestsPerMinutePerIp"] = "1000000",
            ["Channel:ConversationsPerHourPerIp"] = "100000",
            ["Channel:MessagesPerMinute"] = "10000",
            // The receiver holds its answers while the backlog is written: no held try may time out (and be sent again) meanwhile.
            ["Delivery:TimeoutSeconds"] = "120",
            ["Delivery:MaxParallelDeliveries"] = parallelDeliveries.ToString(CultureInfo.InvariantCulture),
        }, outbox.CreateIntegrationAsync);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = customers + 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = host.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var bot = outbox.BotClient(handler, host.BaseAddress);

        var offers = new EscalationLoadOffers();
        var clients = await EscalationLoadClient.ConnectAllAsync(http, host.BaseAddress, host.Agents, offers, accept: true, parallel: 16, cancellationToken);
        using var stopStreams = new CancellationTokenSource();
        var streams = new List<Task>(customers);
        try
        {
            return await MeasureAsync(o, host, http, bot, outbox, clients, offers, streams, stopStreams.Token, output, total, cancellationToken);
        }
        finally
        {
            await stopStreams.CancelAsync();
            await Task.WhenAll(streams);
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static async Task<int> MeasureAsync(ChannelLoadOptions o, EscalationLoadHost host, HttpClient http, HttpClient bot, ChannelLoadOutbox outbox,
        IReadOnlyList<EscalationLoadClient> clients, EscalationLoadOffers offers, List<Task> streams, CancellationToken stopStreams, TextWriter output,
        Stopwatch total, CancellationToken cancellationToken)
    {
        var (customers, humans, rate, replyRate, seconds) = (o.Customers, o.Humans, o.Rate, o.ReplyRate, o.Seconds);
        var toAgents = new ChannelLoadDeliveries();
        var toCustomers = new ChannelLoadDeliveries();
        foreach (var client in clients)
            client.Connection.On<JsonElement>("CaseActivity", e =>
            {
                if (e.GetProperty("kind").GetString() == "Conversation") toAgents.Arrived("case-" + e.GetProperty("caseId").GetInt64(), Stopwatch.GetTimestamp());
            });
        output.WriteLine($"Agents: {clients.Count} connected to /hubs/agents");

        var before = await HeapAsync(http, cancellationToken);
        output.WriteLine($"Live heap before the customers: {before / 1048576.0:0.0} MB");
        var watch = Stopwatch.StartNew();
        var people = new ChannelLoadCustomer[customers];
        await Parallel.ForEachAsync(Enumerable.Range(0, customers), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            using var started = await http.PostAsJsonAsync("api/chat/sessions", new { page = new { url = $"https://app.northwind.example/load/{i}", title = "Load" } }, ct);
            started.EnsureSuccessStatusCode();
            people[i] = new ChannelLoadCustomer(i, (await started.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString()!);
        });
        output.WriteLine($"Customers: {customers} sessions started in {watch.Elapsed.TotalSeconds:0.0} s");
        foreach (var batch in people.Chunk(100))
        {
            var opened = batch.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            for (var k = 0; k < batch.Length; k++)
            {
                var (customer, open) = (batch[k], opened[k]);
                customer.Received += (who, name, data, at) =>
                {
                    if (name == "message" && data.GetProperty("author").GetString() == "agent" && data.GetProperty("text").GetString() is { } text
                        && text.IndexOf("[r", StringComparison.Ordinal) is var m and >= 0)
                        toCustomers.Arrived(text[m..(text.IndexOf(']', m) + 1)], at);
                };
                streams.Add(Task.Run(() => customer.ListenAsync(http, open, stopStreams), CancellationToken.None));
            }
            await Task.WhenAll(opened.Select(t => t.Task)).WaitAsync(cancellationToken);
        }
        output.WriteLine($"Customers: {customers} sessions started and streams open in {watch.Elapsed.TotalSeconds:0.0} s");
        var after = await HeapAsync(http, cancellationToken);
        var perCustomer = (after - before) / 1024.0 / customers;

        // The customers who want a person ask, and so do the bot's customers; their cases are offered and accepted.
        watch.Restart();
        var botEscalations = outbox.EscalateAsync(bot, o.Bots, parallel: 8, cancellationToken);
        await Parallel.ForEachAsync(people.Take(humans), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (c, ct) =>
        {
            using var sent = await http.SendAsync(c.Request(HttpMethod.Post, "api/chat/messages",
                new { clientId = $"h{c.Index}", text = "I was charged twice this month. Please put me through to a person on your billing team." }), ct);
            sent.EnsureSuccessStatusCode();
        });
        var botCases = await botEscalations;
        var cases = await CasesAsync(host, people.Take(humans).ToList(), offers, humans + botCases.Count, TimeSpan.FromSeconds(120), cancellationToken);
        var botHolders = await ChannelLoadOutbox.HoldersAsync(host.DatabasePath, botCases, cancellationToken);
        output.WriteLine($"Escalated: {cases.Count} of {humans} customers' cases and {botHolders.Count} of {o.Bots} bot conversations' cases " +
            $"offered and accepted in {watch.Elapsed.TotalSeconds:0.0} s");

        var tokens = await AgentTokensAsync(http, host, cancellationToken);
        var heapAtLoad = after;
        output.WriteLine($"Running {seconds} s: {rate} customer messages/s (half from customers with an agent), {replyRate} agent replies/s, " +
            $"{o.BotReplies} agent replies/s to the bot's customers, {o.BotEscalations:0.##} bot escalations/s ...");
        var sequence = 0;
        var messages = 0;
        var runStart = DateTime.UtcNow;
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var sends = new List<Task>();
        var customerTicks = Stopwatch.Frequency / rate;
        var replyTicks = Stopwatch.Frequency / Math.Max(1, replyRate);
        var botReplyTicks = Stopwatch.Frequency / Math.Max(1, o.BotReplies);
        var botEscalationTicks = (long)(Stopwatch.Frequency / Math.Max(0.001, o.BotEscalations));
        var next = Stopwatch.GetTimestamp();
        var (nextReply, nextBotReply, nextBotEscalation) = (next, next, next);
        var withAgent = people.Where(p => p.CaseId is not null).ToArray();
        var withBot = people.Skip(humans).ToArray();
        var botCaseIds = botHolders.Keys.Order().ToArray();
        while (Stopwatch.GetTimestamp() < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = Stopwatch.GetTimestamp();
            if (now >= next)
            {
                var n = Interlocked.Increment(ref sequence);
                var human = ++messages % 2 == 0 && withAgent.Length > 0;
                var who = human ? withAgent[messages / 2 % withAgent.Length] : withBot.Length > 0 ? withBot[n % withBot.Length] : withAgent[n % withAgent.Length];
                sends.Add(SendAsync(http, who, n, human ? toAgents : null, cancellationToken));
                next += customerTicks;
            }
            if (replyRate > 0 && now >= nextReply && withAgent.Length > 0)
            {
                var n = Interlocked.Increment(ref sequence);
                var who = withAgent[n % withAgent.Length];
                sends.Add(ReplyAsync(http, tokens, cases[who.CaseId!.Value], who, n, toCustomers, cancellationToken));
                nextReply += replyTicks;
            }
            if (o.BotReplies > 0 && now >= nextBotReply && botCaseIds.Length > 0)
            {
                var n = Interlocked.Increment(ref sequence);
                var caseId = botCaseIds[n % botCaseIds.Length];
                sends.Add(outbox.ReplyAsync(http, tokens[botHolders[caseId]], caseId, n, cancellationToken));
                nextBotReply += botReplyTicks;
            }
            if (o.BotEscalations > 0 && now >= nextBotEscalation)
            {
                sends.Add(outbox.EscalateOneAsync(bot, cancellationToken));
                nextBotEscalation += botEscalationTicks;
            }
            await Task.Delay(1, cancellationToken);
        }
        var runEnd = DateTime.UtcNow;
        await Task.WhenAll(sends);
        var grace = Stopwatch.StartNew();
        while ((toAgents.Pending > 0 || toCustomers.Pending > 0) && grace.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50, cancellationToken);

        // The window's escalations are accepted and their rows delivered before the backlog starts, so it holds only its own rows.
        grace.Restart();
        while (offers.Accepted + offers.AcceptFailed < humans + outbox.Conversations && grace.Elapsed < TimeSpan.FromSeconds(15)) await Task.Delay(100, cancellationToken);
        await outbox.WaitDrainedAsync(host.Store, TimeSpan.FromSeconds(30), cancellationToken);
        var (_, backlogAfter) = await ChannelLoadOutbox.CountAsync(host.Store, cancellationToken);
        DateTime? releasedAt = null;
        if (o.Backlog > 0 && botHolders.Count > 0)
        {
            output.WriteLine($"Backlog: the receiver holds its answers while {o.Backlog} agent replies to {botHolders.Count} bot conversations go in " +
                "as fast as the app takes them, then each of those cases is resolved ...");
            outbox.Receiver.Hold();
            // Released in time for the app's per-try timeout (BacklogHoldLimit), however long the writes take.
            using var holdLimit = new CancellationTokenSource();
            _ = Task.Delay(BacklogHoldLimit, holdLimit.Token).ContinueWith(_ => outbox.Receiver.Release(), CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            var writing = await outbox.BacklogAsync(http, tokens, botHolders, o.Backlog, parallel: 32, cancellationToken);
            var held = outbox.Receiver.Held;
            releasedAt = outbox.Receiver.Release();
            await holdLimit.CancelAsync();
            output.WriteLine($"Backlog: written through the console API in {writing.TotalSeconds:0.0} s; released the receiver ({held} requests were waiting) ...");
        }
        var (counts, _) = await outbox.WaitDrainedAsync(host.Store, TimeSpan.FromSeconds(120), cancellationToken);

        output.WriteLine();
        output.WriteLine($"Connected: {customers} customers (streams), {clients.Count} agents (hub)");
        output.WriteLine("Delivery, ms                                      p50      p90      p99      max");
        output.WriteLine($"  customer -> agent console ({toAgents.Milliseconds.Count,5})        {Percentiles.Row(toAgents.Milliseconds)}");
        output.WriteLine($"  agent -> customer widget  ({toCustomers.Milliseconds.Count,5})        {Percentiles.Row(toCustomers.Milliseconds)}");
        output.WriteLine($"  not delivered within 10 s: {toAgents.Pending} to agents, {toCustomers.Pending} to customers; refused: {toAgents.Lost} customer messages, {toCustomers.Lost} replies");
        output.WriteLine($"Server memory per connected customer: {perCustomer:0.0} KB (live heap {before / 1048576.0:0.0} MB before the customers, {heapAtLoad / 1048576.0:0.0} MB with them)");
        PrintOutbox(output, outbox, counts, runStart, runEnd, backlogAfter, releasedAt);
        var p99 = Math.Max(Percentiles.Of(toAgents.Milliseconds, 0.99), Percentiles.Of(toCustomers.Milliseconds, 0.99));
        output.WriteLine($"Target p99 <= {TargetP99Milliseconds:0} ms both ways: {(p99 <= TargetP99Milliseconds ? "met" : "MISSED")} (worse p99 {p99:0.0} ms)");
        output.WriteLine($"Target <= {TargetKilobytesPerCustomer:0} KB per customer: {(perCustomer <= TargetKilobytesPerCustomer ? "met" : "MISSED")}");
        output.WriteLine($"Server log: {host.LogLineCount} lines (warnings and errors); total run {total.Elapsed.TotalSeconds:0} s");
        foreach (var (count, entry) in host.LogSummary().Take(5)) output.WriteLine($"  {count,5} x {entry}");
        return 0;
    }

    private static void PrintOutbox(TextWriter output, ChannelLoadOutbox outbox, OutboxCounts counts, DateTime runStart, DateTime runEnd, long backlogAfter,
        DateTime? releasedAt)
    {
        var receiver = outbox.Receiver;
        var arrivals = receiver.Arrivals;
        var window = OutboxFigures.Window(arrivals, runStart, runEnd);
        var backlog = OutboxFigures.Backlog(arrivals, backlogAfter, releasedAt);
        if (counts.Written == 0 && receiver.Requests == 0)
        {
            output.WriteLine("Outbox to the loopback receiver: nothing written (no bot traffic)");
            return;
        }
        output.WriteLine($"Outbox to the loopback receiver: {counts.Written} events written " +
            $"({string.Join(", ", counts.ByType.Select(t => $"{t.Count} {t.Type}"))}); the store has {counts.Delivered} delivered, {counts.Pending} pending, {counts.Parked} parked");
        output.WriteLine($"  receiver: {receiver.Delivered} delivered ({receiver.Requests} requests), {receiver.Duplicates} duplicates, " +
            $"{receiver.OutOfOrder} out of order within a conversation, {receiver.Unsigned} unsigned, {receiver.BadSignatures} bad signatures, " +
            $"{Math.Max(0, counts.Written - receiver.Delivered)} written but not received; {outbox.Refused} of the bot's requests refused");
        output.WriteLine($"  during the run ({window.Seconds:0} s): {window.WrittenPerSecond:0.0} events/s written, {window.DeliveredPerSecond:0.0} events/s delivered (sustained)");
        if (backlog is not null)
        {
            output.WriteLine($"  backlog: {backlog.Count} events written in {backlog.Writing.TotalSeconds:0.00} s ({backlog.WrittenPerSecond:0} events/s) while the receiver held; " +
                $"{backlog.Undelivered} undelivered at the release, the last delivered {backlog.Drain.TotalSeconds:0.00} s after it: " +
                $"drain {backlog.DrainPerSecond:0} events/s");
        }
        output.WriteLine("Outbox delivery, ms (row stamped -> receiver)       p50      p90      p99      max");
        output.WriteLine($"  during the run            ({window.Milliseconds.Count,5})        {Percentiles.Row(window.Milliseconds)}");
    }

    /// <summary>The longest the receiver holds its answers while the backlog is written: within the per-try timeout the tool gives the app.</summary>
    private static readonly TimeSpan BacklogHoldLimit = TimeSpan.FromSeconds(100);

    private static async Task SendAsync(HttpClient http, ChannelLoadCustomer who, int n, ChannelLoadDeliveries? toAgents, CancellationToken cancellationToken)
    {
        var key = "case-" + who.CaseId;
        if (toAgents is not null) toAgents.Sent(key, Stopwatch.GetTimestamp());
        using var response = await http.SendAsync(who.Request(HttpMethod.Post, "api/chat/messages",
            new { clientId = $"m{n}", text = n % 3 == 0 ? "ok, any update on that?" : "thanks, one more thing: where do I find the invoice PDF?" }), cancellationToken);
        if (response.IsSuccessStatusCode) return;
        toAgents?.Forget(key);
        if (Interlocked.Increment(ref _failures) == 1) Console.Error.WriteLine($"A customer's message got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    private static int _failures;

    private static async Task ReplyAsync(HttpClient http, IReadOnlyDictionary<Guid, string> tokens, Guid agentId, ChannelLoadCustomer who, int n,
        ChannelLoadDeliveries toCustomers, CancellationToken cancellationToken)
    {
        var marker = $"[r{n}]";
        toCustomers.Sent(marker, Stopwatch.GetTimestamp());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/console/cases/{who.CaseId}/reply")
        {
            Content = JsonContent.Create(new { text = $"I'm checking that for you now {marker}" }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens[agentId]);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) toCustomers.Forget(marker);
    }

    // Each escalated customer's case, once accepted: case id → the agent who holds it.
    private static async Task<Dictionary<long, Guid>> CasesAsync(EscalationLoadHost host, IReadOnlyList<ChannelLoadCustomer> humans, EscalationLoadOffers offers,
        int expected, TimeSpan wait, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, Guid>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < wait && offers.Accepted < expected) await Task.Delay(200, cancellationToken);
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly");
        await db.OpenAsync(cancellationToken);
        foreach (var customer in humans)
        {
            using var command = db.CreateCommand();
            command.CommandText = """
                SELECT k."Id", k."AssignedAgentId" FROM "Cases" k JOIN "Conversations" c ON c."Id" = k."ConversationId"
                JOIN "ChatSessions" s ON s."ExternalId" = c."ExternalId" WHERE s."TokenHash" = $hash AND k."Status" = 'Assigned'
                """;
            command.Parameters.AddWithValue("$hash", System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(customer.Token)));
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) continue;
            customer.CaseId = reader.GetInt64(0);
            found[customer.CaseId.Value] = Guid.Parse(reader.GetString(1));
        }
        return found;
    }

    private static async Task<Dictionary<Guid, string>> AgentTokensAsync(HttpClient http, EscalationLoadHost host, CancellationToken cancellationToken)
    {
        var tokens = new ConcurrentDictionary<Guid, string>();
        await Parallel.ForEachAsync(host.Agents, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (agent, ct) =>
        {
            using var response = await http.PostAsJsonAsync("api/v1/auth/test-token", new { email = agent.Email }, ct);
            response.EnsureSuccessStatusCode();
            tokens[agent.Id] = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString()!;
        });
        return new Dictionary<Guid, string>(tokens);
    }

    private static async Task<long> HeapAsync(HttpClient http, CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync<JsonElement>("diagnostics/heap", cancellationToken)).GetProperty("heapBytes").GetInt64();
}
