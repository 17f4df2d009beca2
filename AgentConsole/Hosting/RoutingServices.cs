using System.Text.Json.Serialization;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Hubs;
using Microsoft.Extensions.Options;

namespace AgentConsole.Hosting;

/// <summary>Registers routing: its options (the policy's and the engine's self-check), the node's notifier, and the hub. The engine itself runs in the desk's grain (see <see cref="Cluster.ClusterHosting"/>).</summary>
public static class RoutingServices
{
    /// <summary>The prefix of the SignalR backplane's Redis channels, so that other users of the same Redis keep apart.</summary>
    public const string RedisChannelPrefix = "agentconsole";

    /// <summary>
    /// Routing's options, its hub bridge and SignalR. With <paramref name="redisConnection"/> (the
    /// <c>Redis:Connection</c> setting) SignalR uses the Redis backplane, so a message sent on one node
    /// reaches a client connected to another.
    /// </summary>
    public static IServiceCollection AddCaseRouting(this IServiceCollection services, string? redisConnection = null)
    {
        services.AddSectionOptions<RoutingPolicyOptions, RoutingPolicyOptionsValidator>(RoutingPolicyOptions.Section);
        // Unset, CheckStateDrift keeps its default (on in Debug builds, off in Release); the crash harness turns it on.
        services.AddOptions<RoutingEngineOptions>().BindConfiguration(RoutingEngineOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RoutingEngineOptions>>().Value);
        services.AddSingleton<RoutingNotifier>();
        services.AddKeyedSingleton<RoutingNotifier>(RoutingHubBridge.FeedKey);
        services.AddSingleton<ICaseSink>(sp => sp.GetRequiredService<IRoutingDesk>());
        services.AddSingleton<StartupTimeline>();
        services.AddHostedService<RoutingHubBridge>();
        // One per circuit, as the component that attaches the agent and as a handler of the circuit's connection.
        services.AddScoped<AgentConsole.Components.Shared.AgentCircuitConnection>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<AgentConsole.Components.Shared.AgentCircuitConnection>());
        var signalR = services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // With several nodes, hub messages cross to the clients of every node through Redis (Redis:Connection).
        if (redisConnection is { Length: > 0 })
            signalR.AddStackExchangeRedis(redisConnection, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(RedisChannelPrefix));
        return services;
    }
}
