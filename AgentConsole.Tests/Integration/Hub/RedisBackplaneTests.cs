using System.Text.Json;
using AgentConsole.Hubs;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Hub;

/// <summary>Two nodes of the app on one store and one Redis: a hub message sent on one reaches a client connected to the other.</summary>
public sealed class RedisBackplaneTests : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    [SkippableFact]
    public async Task AnEventSentOnOneNodeReachesTheAgentsClientConnectedToAnother()
    {
        // The two nodes form one cluster of their own on the shared Redis.
        var settings = new Dictionary<string, string?> { ["Redis:Connection"] = RedisServer.Server.Address, ["Cluster:ClusterId"] = $"test-{Guid.NewGuid():N}" };
        var database = Own(new TempDatabase());
        var nodeA = Node(database, settings);
        var nodeB = Node(database, settings);
        var priya = (await nodeA.Factory.Services.GetRequiredService<IRoutingDesk>().SnapshotAsync()).Agents.First(a => a.Name == "Priya Raman").Id;

        // Priya's console (an agent's: she is in her own agent group) is connected to node A.
        var token = await ConsoleTokens.IssueAsync(nodeA.Factory.Services, HubTestBase.Priya);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(nodeA.Address, AgentHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("LeadAlert", body => received.TrySetResult(body));
        await connection.StartAsync();
        // A hub call is served only after the connection's OnConnectedAsync, where it joined its group (on node A's
        // Redis subscription), has finished: once this returns, node A listens for the group.
        await connection.InvokeAsync("SetPresence", "Available");

        // Node B sends to Priya's group, as its hub bridge sends the events of its engine. The group
        // joined on node A is known to node B only through Redis, so without the backplane this never arrives.
        await nodeB.Factory.Services.GetRequiredService<IHubContext<AgentHub>>().Clients.Group(AgentHub.AgentGroup(priya))
            .SendAsync("LeadAlert", new { text = "from node B" });

        var body = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("from node B", body.GetProperty("text").GetString());
    }

    private (AgentConsoleFactory Factory, Uri Address) Node(TempDatabase database, IReadOnlyDictionary<string, string?> settings)
    {
        var node = Own(new AgentConsoleFactory(database) { Settings = settings });
        node.UseKestrel(0);
        return (node, node.ServerAddress());
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
