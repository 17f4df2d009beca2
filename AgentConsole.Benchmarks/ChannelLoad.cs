using System.Collections.Concurrent;
using System.Diagnostics;
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
/// <code>dotnet run -c Release --project AgentConsole.Benchmarks -- channel-load [--customers 2000] [--agents 200] [--rate 100] [--humans 200] [--seconds 30]</code>
/// </summary>
public static class ChannelLoad
{
    public const double TargetP99Milliseconds = 50;
    public const double TargetKilobytesPerCustomer = 50;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        int Arg(string name, int fallback) => args.ToList().IndexOf(name) is var i and >= 0 && i + 1 < args.Count ? int.Parse(args[i + 1]) : fallback;
        var customers = Arg("--customers", 2000);
        var agents = Arg("--agents", 200);
        var rate = Arg("--rate", 100);
        var humans = Math.Min(customers, Arg("--humans", 200));
        var seconds = Arg("--seconds", 30);
        var replyRate = Arg("--reply-rate", 20);
        var output = Console.Out;
        output.WriteLine($"Channel load: {customers} widget customers on the stream, {agents} agents on the hub, {rate} customer messages/s " +
            $"({humans} customers with an agent), {replyRate} agent replies/s, {seconds} s measured");
        output.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores; the load generator shares the machine");

        using var cancel = new CancellationTokenSource();
        var options = new EscalationLoadOptions { Agents = agents, Capacity = Math.Max(5, humans / Math.Max(1, agents) + 3) };
        await using var host = await EscalationLoadHost.StartAsync(options, output, cancel.Token, new Dictionary<string, string>
        {
            ["Diagnostics:HeapEndpoint"] = "true",
            ["Channel:RequestsPerMinutePerIp"] = "1000000",
            ["Channel:ConversationsPerHourPerIp"] = "100000",
            ["Channel:MessagesPerMinute"] = "10000",
        });
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = customers + 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = host.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

        var offers = new EscalationLoadOffers();
        var clients = await EscalationLoadClient.ConnectAllAsync(http, host.BaseAddress, host.Agents, offers, accept: true, parallel: 16, cancel.Token);
        var toAgents = new ChannelLoadDeliveries();
        var toCustomers = new ChannelLoadDeliveries();
        var activity = new ConcurrentDictionary<long, long>();
        foreach (var client in clients)
            client.Connection.On<JsonElement>("CaseActivity", e =>
            {
                if (e.GetProperty("kind").GetString() == "Conversation") toAgents.Arrived("case-" + e.GetProperty("caseId").GetInt64(), Stopwatch.GetTimestamp());
            });
        output.WriteLine($"Agents: {clients.Count} connected to /hubs/agents");

        var before = await HeapAsync(http, cancel.Token);
        output.WriteLine($"Live heap before the customers: {before / 1048576.0:0.0} MB");
        var watch = Stopwatch.StartNew();
        var people = new ChannelLoadCustomer[customers];
        await Parallel.ForEachAsync(Enumerable.Range(0, customers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            using var started = await http.PostAsJsonAsync("api/chat/sessions", new { page = new { url = $"https://app.northwind.example/load/{i}", title = "Load" } }, ct);
            started.EnsureSuccessStatusCode();
            people[i] = new ChannelLoadCustomer(i, (await started.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString()!);
        });
        output.WriteLine($"Customers: {customers} sessions started in {watch.Elapsed.TotalSeconds:0.0} s");
        using var stopStreams = new CancellationTokenSource();
        var streams = new List<Task>(customers);
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
                streams.Add(Task.Run(() => customer.ListenAsync(http, open, stopStreams.Token)));
            }
            await Task.WhenAll(opened.Select(o => o.Task));
        }
        output.WriteLine($"Customers: {customers} sessions started and streams open in {watch.Elapsed.TotalSeconds:0.0} s");
        var after = await HeapAsync(http, cancel.Token);
        var perCustomer = (after - before) / 1024.0 / customers;

        // The customers who want a person ask; their cases are offered and accepted.
        watch.Restart();
        await Parallel.ForEachAsync(people.Take(humans), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, ct) =>
        {
            using var sent = await http.SendAsync(c.Request(HttpMethod.Post, "api/chat/messages",
                new { clientId = $"h{c.Index}", text = "I was charged twice this month. Please put me through to a person on your billing team." }), ct);
            sent.EnsureSuccessStatusCode();
        });
        var cases = await CasesAsync(host, people.Take(humans).ToList(), offers, humans, TimeSpan.FromSeconds(120), cancel.Token);
        output.WriteLine($"Escalated: {cases.Count} of {humans} customers' cases offered and accepted in {watch.Elapsed.TotalSeconds:0.0} s");

        var tokens = await AgentTokensAsync(http, host, cancel.Token);
        var heapAtLoad = after;
        output.WriteLine($"Running {seconds} s: {rate} customer messages/s (half from customers with an agent), {replyRate} agent replies/s ...");
        var sequence = 0;
        var messages = 0;
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var sends = new List<Task>();
        var customerTicks = Stopwatch.Frequency / rate;
        var replyTicks = Stopwatch.Frequency / Math.Max(1, replyRate);
        var next = Stopwatch.GetTimestamp();
        var nextReply = next;
        var withAgent = people.Where(p => p.CaseId is not null).ToArray();
        var withBot = people.Skip(humans).ToArray();
        while (Stopwatch.GetTimestamp() < end)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= next)
            {
                var n = Interlocked.Increment(ref sequence);
                var human = ++messages % 2 == 0 && withAgent.Length > 0;
                var who = human ? withAgent[messages / 2 % withAgent.Length] : withBot.Length > 0 ? withBot[n % withBot.Length] : withAgent[n % withAgent.Length];
                sends.Add(SendAsync(http, who, n, human ? toAgents : null, cancel.Token));
                next += customerTicks;
            }
            if (replyRate > 0 && now >= nextReply && withAgent.Length > 0)
            {
                var n = Interlocked.Increment(ref sequence);
                var who = withAgent[n % withAgent.Length];
                sends.Add(ReplyAsync(http, tokens, cases[who.CaseId!.Value], who, n, toCustomers, cancel.Token));
                nextReply += replyTicks;
            }
            await Task.Delay(1);
        }
        await Task.WhenAll(sends);
        var grace = Stopwatch.StartNew();
        while ((toAgents.Pending > 0 || toCustomers.Pending > 0) && grace.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);

        output.WriteLine();
        output.WriteLine($"Connected: {customers} customers (streams), {clients.Count} agents (hub)");
        output.WriteLine("Delivery, ms                                      p50      p90      p99      max");
        output.WriteLine($"  customer -> agent console ({toAgents.Milliseconds.Count,5})        {Percentiles.Row(toAgents.Milliseconds)}");
        output.WriteLine($"  agent -> customer widget  ({toCustomers.Milliseconds.Count,5})        {Percentiles.Row(toCustomers.Milliseconds)}");
        output.WriteLine($"  not delivered within 10 s: {toAgents.Pending} to agents, {toCustomers.Pending} to customers; refused: {toAgents.Lost} customer messages, {toCustomers.Lost} replies");
        output.WriteLine($"Server memory per connected customer: {perCustomer:0.0} KB (live heap {before / 1048576.0:0.0} MB before the customers, {heapAtLoad / 1048576.0:0.0} MB with them)");
        var p99 = Math.Max(Percentiles.Of(toAgents.Milliseconds, 0.99), Percentiles.Of(toCustomers.Milliseconds, 0.99));
        output.WriteLine($"Target p99 <= {TargetP99Milliseconds:0} ms both ways: {(p99 <= TargetP99Milliseconds ? "met" : "MISSED")} (worse p99 {p99:0.0} ms)");
        output.WriteLine($"Target <= {TargetKilobytesPerCustomer:0} KB per customer: {(perCustomer <= TargetKilobytesPerCustomer ? "met" : "MISSED")}");
        await stopStreams.CancelAsync();
        await Task.WhenAll(streams);
        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        return 0;
    }

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
