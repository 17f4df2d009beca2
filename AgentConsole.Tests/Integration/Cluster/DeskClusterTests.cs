using System.Collections.Concurrent;
using System.Text.Json;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hubs;
using AgentConsole.Tests.Integration.Hub;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Cluster;

/// <summary>
/// Nodes of the app on one store and one Redis form one Orleans cluster: the desk's grain is active
/// once, on one node, and is the single writer for all; its routing events reach every node's consoles.
/// Each test names its own cluster, so the suite's other nodes on the same Redis stay out of it.
/// </summary>
public sealed class DeskClusterTests : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    [SkippableFact]
    public async Task TwoNodesOnOneRedisFormOneClusterWithOneRoutingWriter()
    {
        var (nodeA, nodeB) = StartTwoNodes();
        var priya = await AgentIdAsync(nodeA, "Priya Raman");

        // A command given on node B is seen on node A: one engine holds the desk's state for both.
        await nodeB.Services.GetRequiredService<IRoutingDesk>().SetPresenceAsync(priya, Presence.Away, RoutingActor.ForSupervisor());
        var seenOnA = (await nodeA.Services.GetRequiredService<IRoutingDesk>().SnapshotAsync()).Agents.Single(a => a.Id == priya);
        Assert.Equal(Presence.Away, seenOnA.Presence);

        // The desk was activated (its engine built from the store) once, on one of the two nodes.
        var activations = nodeA.Logs.Entries.Concat(nodeB.Logs.Entries).Where(e => e.Message.StartsWith("The routing desk default is active on", StringComparison.Ordinal)).ToList();
        Assert.Single(activations);
    }

    [SkippableFact]
    public async Task RoutingEventsReachTheConsolesOfEveryNodeAndTheHubClientsOnceEachAndInOrder()
    {
        var (nodeA, nodeB) = StartTwoNodes();
        var priya = await AgentIdAsync(nodeA, "Priya Raman");
        var heardOnA = Listen(nodeA, priya);
        var heardOnB = Listen(nodeB, priya);
        // Priya's hub connection is on node B. Every node hears every event, but a hub message must
        // go out once: the backplane takes it to every node's clients.
        var heardByHub = new ConcurrentQueue<Presence>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(nodeB.ServerAddress(), AgentHub.Path), o => o.AccessTokenProvider = async () => await ConsoleTokens.IssueAsync(nodeB.Services, HubTestBase.Priya))
            .Build();
        connection.On<JsonElement>(nameof(PresenceChanged), body => heardByHub.Enqueue(Enum.Parse<Presence>(body.GetProperty("presence").GetString()!)));
        await connection.StartAsync();
        // A hub call is served only after the connection's OnConnectedAsync (which tells the desk the
        // connection opened) has finished, so that change is behind us.
        await connection.InvokeAsync("SetPresence", "Available");

        // Three changes, given on node B; node A hosts the desk (it started first), so node B hears of
        // them only from the grain on node A, and node A hears of them in the engine's own process.
        var desk = nodeB.Services.GetRequiredService<IRoutingDesk>();
        Presence[] changes = [Presence.Away, Presence.Busy, Presence.InMeeting];
        foreach (var presence in changes) await desk.SetPresenceAsync(priya, presence, RoutingActor.ForSupervisor());

        Presence[] Of(ConcurrentQueue<Presence> heard) => [.. heard.Where(changes.Contains)];
        try
        {
            await Eventually.HoldsAsync(() => Of(heardOnA).Length >= 3 && Of(heardOnB).Length >= 3 && Of(heardByHub).Length >= 3, TimeSpan.FromSeconds(30),
                "both nodes and the hub client hear the three changes");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Heard on node A [{string.Join(", ", heardOnA)}], on node B [{string.Join(", ", heardOnB)}], by the hub client [{string.Join(", ", heardByHub)}]; " +
                "warnings: " + string.Join(" | ", nodeA.Logs.Entries.Concat(nodeB.Logs.Entries).Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Message)));
        }
        // Each heard each change once and in order: a repeat or a swap would show before the last.
        Assert.Equal(changes, Of(heardOnA));
        Assert.Equal(changes, Of(heardOnB));
        Assert.Equal(changes, Of(heardByHub));
    }

    private static ConcurrentQueue<Presence> Listen(AgentConsoleFactory node, Guid agentId)
    {
        var heard = new ConcurrentQueue<Presence>();
        node.Services.GetRequiredService<RoutingNotifier>().Subscribe(e =>
        {
            if (e is PresenceChanged p && p.AgentId == agentId) heard.Enqueue(p.Presence);
            return Task.CompletedTask;
        });
        return heard;
    }

    private static async Task<Guid> AgentIdAsync(AgentConsoleFactory node, string name) =>
        (await node.Services.GetRequiredService<IRoutingDesk>().SnapshotAsync()).Agents.First(a => a.Name == name).Id;

    private (AgentConsoleFactory A, AgentConsoleFactory B) StartTwoNodes()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Redis:Connection"] = RedisServer.Server.Address,
            ["Cluster:ClusterId"] = $"test-{Guid.NewGuid():N}",
        };
        var database = Own(new TempDatabase());
        return (Node(database, settings), Node(database, settings));
    }

    // A node on a real loopback port, for hub clients; it has joined the cluster when this returns.
    private AgentConsoleFactory Node(TempDatabase database, IReadOnlyDictionary<string, string?> settings)
    {
        var node = Own(new AgentConsoleFactory(database) { Settings = settings });
        node.UseKestrel(0);
        node.ServerAddress();
        return node;
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
