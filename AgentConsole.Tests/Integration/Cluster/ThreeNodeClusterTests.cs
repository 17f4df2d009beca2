extern alias benchmarks;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentConsole.Cluster;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hubs;
using AgentConsole.Tests.Integration.Delivery;
using AgentConsole.Tests.Integration.Hub;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AgentConsole.Tests.Integration.Cluster;

/// <summary>
/// Three real app processes on one PostgreSQL store and one Redis, as <c>tools/cluster.sh</c> runs
/// them: a case ingested on one node is offered live to an agent connected to another, a lead's
/// reassignment on a third reaches the agent's console, and when the node hosting the desk's grain is
/// killed (SIGKILL) routing goes on from another node, rebuilt from the store, with every invariant
/// kept and a first-reply deadline that fires once, on time. The YARP front end stands before the
/// nodes: it pins a browser with its cookie, and it routes around the dead node.
/// </summary>
public sealed class ThreeNodeClusterTests(ITestOutputHelper output) : IDisposable
{
    private const string BotKey = "cluster-test-bot-key-0123456789";
    private static readonly TimeSpan FirstReply = TimeSpan.FromMinutes(1);
    private readonly List<IDisposable> _owned = [];

    [SkippableFact]
    public async Task AnOfferAndAReassignmentCrossNodesAndRoutingOutlivesTheDeskNodesDeath()
    {
        var database = Own(await TempDatabase.CreateAsync(DatabaseOptions.PostgresProvider));
        var settings = new Dictionary<string, string>
        {
            // The test login (for bearer tokens) exists only in Development with demo mode on.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Redis__Connection"] = RedisServer.Server.Address,
            ["Cluster__ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["Demo__Enabled"] = "true",
            ["Demo__ApiKey"] = BotKey,
            ["Demo__LiveTraffic"] = "false",
            ["Demo__Agents"] = "false",
            ["Routing__OfferTimeoutSeconds"] = "600",
            ["Routing__FirstReplyMinutes"] = FirstReply.TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Routing__UrgentFirstReplyMinutes"] = FirstReply.TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Information",
        };
        // The first node migrates and seeds the store and activates the desk; the others join it.
        var nodes = new List<AppProcess>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var node = Own(AppProcess.Start(database, settings));
            await node.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3));
            nodes.Add(node);
        }
        // While the nodes join, a second activation may start before the cluster settles on one: wait until one node holds the desk.
        await Eventually.HoldsAsync(() => Task.FromResult(nodes.Count(HoldsTheDesk) == 1), TimeSpan.FromSeconds(60), "one node holds the desk");
        var deskNode = nodes.Single(HoldsTheDesk);
        foreach (var node in nodes)
            output.WriteLine($"{node.BaseAddress}: the desk activated {Occurrences(node.Output, ActiveLine)} times, left {Occurrences(node.Output, LeftLine)} times");
        var (nodeA, nodeB, nodeC) = (nodes.First(n => n != deskNode), nodes.Last(n => n != deskNode), deskNode);
        output.WriteLine($"Desk on {nodeC.BaseAddress}; agent on {nodeA.BaseAddress}; lead on {nodeB.BaseAddress}");

        // The documented front end, YARP, before the three nodes: a browser is pinned to one node by a cookie.
        var frontEnd = Own(benchmarks::AgentConsole.Benchmarks.ProxyProcess.Start(nodes.Select(n => n.BaseAddress)));
        await frontEnd.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        var browser = new System.Net.CookieContainer();
        using (var pinned = new HttpClient(new HttpClientHandler { CookieContainer = browser }) { BaseAddress = frontEnd.BaseAddress })
            (await pinned.GetAsync("/healthz")).EnsureSuccessStatusCode();
        Assert.Contains(browser.GetCookies(frontEnd.BaseAddress), c => c.Name == ".AgentConsole.Node");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var supervisor = await TokenAsync(http, nodeB, new { role = "Supervisor", name = "Cluster test" });
        var priyaToken = await TokenAsync(http, nodeA, new { email = HubTestBase.Priya });
        var marcusToken = await TokenAsync(http, nodeB, new { email = HubTestBase.Marcus });

        // Only Priya takes cases: everyone else goes offline.
        var snapshot = await SnapshotAsync(http, nodeB, supervisor);
        var priya = snapshot.Agents.Single(a => a.Name == "Priya Raman").Id;
        foreach (var agent in snapshot.Agents.Where(a => a.Id != priya))
            await SendAsync(http, HttpMethod.Put, nodeB, $"api/v1/console/agents/{agent.Id}/presence", supervisor, new { presence = "Offline" });

        // Priya's console is connected to node A, which does not host the desk.
        var heard = new ConcurrentQueue<(string Name, JsonElement Body)>();
        await using var console = new HubConnectionBuilder()
            .WithUrl(new Uri(nodeA.BaseAddress, AgentHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(priyaToken))
            .WithAutomaticReconnect()
            .Build();
        foreach (var name in new[] { nameof(CaseOffered), nameof(CaseReassigned), nameof(OfferWithdrawn) })
            console.On<JsonElement>(name, body => heard.Enqueue((name, body)));
        await console.StartAsync();
        await console.InvokeAsync("SetPresence", "Available");

        // 1. A case ingested on node C (the desk's) is offered, live, to Priya on node A.
        var first = await EscalateAndHearOfferAsync(http, nodeC, "first", heard);
        // 2. Priya accepts on node A; Marcus, her team's lead, reassigns it to the queue on node B; her console hears it.
        await console.InvokeAsync<JsonElement>("AcceptOffer", first);
        await SendAsync(http, HttpMethod.Post, nodeB, $"api/v1/console/cases/{first}/reassign", marcusToken, new { agentId = (Guid?)null, note = "Back to the queue", overrideCapacity = false });
        await Eventually.HoldsAsync(() => heard.Any(h => h.Name == nameof(CaseReassigned) && CaseIdOf(h.Body) == first), TimeSpan.FromSeconds(30),
            "Priya's console on node A hears the reassignment made on node B");

        // 3. A second case, ingested on node B, which Priya accepts: its first-reply deadline is running.
        var second = await EscalateAndHearOfferAsync(http, nodeB, "second", heard);
        await console.InvokeAsync<JsonElement>("AcceptOffer", second);

        // 4. The desk's node dies. Routing, asked through the front end, is unavailable until the front end has
        // stopped sending to the dead node and another node has activated the desk.
        // Each try waits at most a second, so the figure is to the second.
        using var poll = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var killed = Stopwatch.StartNew();
        nodeC.Kill();
        await Eventually.HoldsAsync(async () =>
        {
            try { await SnapshotAsync(poll, frontEnd.BaseAddress, supervisor); return true; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
        }, TimeSpan.FromSeconds(60), "routing answers again on a live node");
        output.WriteLine($"Routing unavailable for {killed.Elapsed.TotalSeconds:0.0} s after the desk's node was killed");
        Assert.Contains(ActiveLine, nodeA.Output + nodeB.Output);
        // The rebuilt desk gets Priya's connection, which outlived the old desk, back from node A's next renewal:
        // without it she would go Away after the grace, still connected.
        await Eventually.HoldsAsync(async () => (await SnapshotAsync(http, nodeB, supervisor)).Agents.Single(a => a.Id == priya).Connections == 1,
            TimeSpan.FromSeconds(30), "the rebuilt desk counts Priya's connection on node A");

        // 5. Routing goes on: a third case, ingested on node A, is offered to Priya.
        var third = await EscalateAndHearOfferAsync(http, nodeA, "third", heard);

        // 6. The second case's first-reply deadline fires once, on time, on the node that took the desk over.
        var dbFactory = database.CreateFactory();
        var accepted = await EventAtAsync(dbFactory, second, CaseEventType.Accepted);
        var due = accepted + FirstReply;
        await Eventually.HoldsAsync(async () => (await EventsAsync(dbFactory, second, CaseEventType.Reclaimed)).Count > 0,
            due - DateTime.UtcNow + TimeSpan.FromSeconds(30), "the second case's first-reply deadline fires");
        var reclaimed = await EventsAsync(dbFactory, second, CaseEventType.Reclaimed);
        Assert.Single(reclaimed);
        Assert.InRange(reclaimed[0], due, due + TimeSpan.FromSeconds(2));

        // 7. No case lost or held twice, no agent over capacity, memory and store agree; each case offered once at a time.
        await RoutingInvariants.AssertAsync(await SnapshotAsync(http, nodeB, supervisor), dbFactory, new HashSet<long> { first, second, third });
        foreach (var caseId in new[] { first, second, third })
            await AssertOneOfferAtATimeAsync(dbFactory, caseId);
    }

    private const string ActiveLine = "The routing desk default is active on", LeftLine = "The routing desk default left";

    // A node holds the desk when it has activated it more often than the desk has left it.
    private static bool HoldsTheDesk(AppProcess node) => Occurrences(node.Output, ActiveLine) > Occurrences(node.Output, LeftLine);

    private static int Occurrences(string text, string line)
    {
        var count = 0;
        for (var at = text.IndexOf(line, StringComparison.Ordinal); at >= 0; at = text.IndexOf(line, at + line.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private async Task<long> EscalateAndHearOfferAsync(HttpClient http, AppProcess node, string name, ConcurrentQueue<(string Name, JsonElement Body)> heard)
    {
        var at = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var body = $$"""{"channel":"web","events":[{"id":"e1","type":"customer.message","at":"{{at}}","text":"My invoice is wrong, I want to talk to a human now please"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.BaseAddress, $"api/v1/conversations/cluster-{name}-{Guid.NewGuid():N}/events"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", BotKey);
        using var reply = await http.SendAsync(request);
        Assert.True(reply.IsSuccessStatusCode, $"{reply.StatusCode}: {await reply.Content.ReadAsStringAsync()}");
        using var document = JsonDocument.Parse(await reply.Content.ReadAsStringAsync());
        var caseId = document.RootElement.GetProperty("escalation").GetProperty("id").GetInt64();
        await Eventually.HoldsAsync(() => heard.Any(h => h.Name == nameof(CaseOffered) && CaseIdOf(h.Body) == caseId), TimeSpan.FromSeconds(30),
            $"Priya's console hears the offer of the {name} case, ingested on {node.BaseAddress}");
        return caseId;
    }

    private static long CaseIdOf(JsonElement body) =>
        (body.TryGetProperty("case", out var card) ? card : body).GetProperty("caseId").GetInt64();

    private static async Task<string> TokenAsync(HttpClient http, AppProcess node, object login)
    {
        using var reply = await http.PostAsJsonAsync(new Uri(node.BaseAddress, "api/v1/auth/test-token"), login);
        reply.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await reply.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, AppProcess node, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(node.BaseAddress, path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var reply = await http.SendAsync(request);
        Assert.True(reply.IsSuccessStatusCode, $"{method} {path}: {reply.StatusCode} {await reply.Content.ReadAsStringAsync()}");
    }

    private static Task<RoutingSnapshot> SnapshotAsync(HttpClient http, AppProcess node, string token) => SnapshotAsync(http, node.BaseAddress, token);

    private static async Task<RoutingSnapshot> SnapshotAsync(HttpClient http, Uri server, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, "api/v1/console/routing"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var reply = await http.SendAsync(request);
        if (!reply.IsSuccessStatusCode) throw new HttpRequestException($"routing answered {reply.StatusCode}");
        return JsonSerializer.Deserialize<RoutingSnapshot>(await reply.Content.ReadAsStringAsync(), ApiJson)!;
    }

    private static readonly JsonSerializerOptions ApiJson = new(WireJson.Options) { PropertyNameCaseInsensitive = true };

    private static async Task<DateTime> EventAtAsync(IDbContextFactory<AgentConsoleDbContext> dbFactory, long caseId, CaseEventType type) =>
        (await EventsAsync(dbFactory, caseId, type)).Single();

    private static async Task<List<DateTime>> EventsAsync(IDbContextFactory<AgentConsoleDbContext> dbFactory, long caseId, CaseEventType type)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == caseId && e.Type == type).OrderBy(e => e.Id).Select(e => e.At).ToListAsync();
    }

    // An offer is followed by its end (accepted, declined, timed out, withdrawn) before the next one.
    private static async Task AssertOneOfferAtATimeAsync(IDbContextFactory<AgentConsoleDbContext> dbFactory, long caseId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var log = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
        var open = false;
        foreach (var type in log)
        {
            if (type == CaseEventType.Offered)
            {
                Assert.False(open, $"Case {caseId} was offered again while an offer was open: {string.Join(", ", log)}");
                open = true;
            }
            else if (type is CaseEventType.Accepted or CaseEventType.Declined or CaseEventType.TimedOut or CaseEventType.Withdrawn) open = false;
        }
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
    }
}
