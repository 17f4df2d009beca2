using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;

namespace AgentConsole.Cluster;

/// <summary>Co-hosts an Orleans silo in the app, whose one grain per desk is the desk's routing engine.</summary>
public static class ClusterHosting
{
    /// <summary>
    /// The node's silo (<see cref="DeskSilo"/>), the desk's <see cref="IRoutingDesk"/> and the node's
    /// subscription to it. With <c>Redis:Connection</c> the silo joins the cluster of every node on
    /// that Redis; without, it clusters with itself on a free loopback port, so many apps on one
    /// machine (the test suite's) never collide.
    /// </summary>
    public static IServiceCollection AddRoutingCluster(this IServiceCollection services)
    {
        services.AddSectionOptions<ClusterOptions, ClusterOptionsValidator>(ClusterOptions.Section);
        services.AddSingleton<DeskSilo>();
        services.AddHostedService(sp => sp.GetRequiredService<DeskSilo>());
        services.AddSingleton<GrainRoutingDesk>();
        services.AddSingleton<IRoutingDesk>(sp => sp.GetRequiredService<GrainRoutingDesk>());
        services.AddSingleton<RoutingDeskClient>();
        services.AddHostedService(sp => sp.GetRequiredService<RoutingDeskClient>());
        return services;
    }

    /// <summary>Configures <paramref name="silo"/>: clustering, ports, the directory, failure detection and how the app's types cross the wire.</summary>
    internal static void Configure(ISiloBuilder silo, ClusterOptions options, string? redisConnection)
    {
        var siloPort = options.SiloPort is 0 ? FreeLoopbackPort() : options.SiloPort;
        if (redisConnection is { Length: > 0 })
        {
            silo.UseRedisClustering(redisConnection);
            silo.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
            // No gateway: nodes are silos, and no outside client calls in.
            silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), siloPort, gatewayPort: 0, listenOnAnyHostAddress: false);
            silo.Configure<ClusterMembershipOptions>(FastFailureDetection);
            silo.Configure<GrainDirectoryOptions>(o => o.RangeLeaseDuration = TimeSpan.FromSeconds(options.DirectoryLeaseSeconds));
        }
        else
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort: 0, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }
        // One activation of a desk's grain is the desk's single writer. Orleans' default directory is
        // eventually consistent: while a node joins or leaves, two nodes can each activate the grain.
        // The distributed directory is strongly consistent, so that never happens.
#pragma warning disable ORLEANSEXP003 // Marked experimental in Orleans 10; it is the directory that keeps the guarantee.
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        // A command's grain call carries the caller's trace, so an escalation's trace runs from the ingest through routing to the push.
        silo.AddActivityPropagation();
        silo.Services.AddSerializer(s => s.AddJsonSerializer(IsWireType, WireJson.Options));
        silo.Services.Configure<Orleans.Serialization.Configuration.TypeManifestOptions>(o => o.AddAllowedAssembly(typeof(RoutingEvent).Assembly));
        // The engine's refusals cross a grain call as themselves (their extra values ride in Exception.Data).
        silo.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("AgentConsole."));
    }

    // The app's own types cross between nodes as JSON; exceptions go through Orleans' exception codec.
    private static bool IsWireType(Type type) =>
        type.Namespace?.StartsWith("AgentConsole.", StringComparison.Ordinal) == true && !typeof(Exception).IsAssignableFrom(type) && !type.IsInterface;

    // A dead node is declared dead within a few seconds (the defaults take tens), so routing moves on soon.
    private static void FastFailureDetection(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 1;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>How the app's types are written between nodes.</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter(), new ReadOnlySetConverter() },
    };

    // System.Text.Json writes an IReadOnlySet<T> but cannot read one back; it is read as a HashSet<T>.
    private sealed class ReadOnlySetConverter : JsonConverterFactory
    {
        public override bool CanConvert(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlySet<>);

        public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(type.GetGenericArguments()[0]))!;

        private sealed class Converter<T> : JsonConverter<IReadOnlySet<T>>
        {
            public override IReadOnlySet<T>? Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) =>
                JsonSerializer.Deserialize<HashSet<T>>(ref reader, options);

            public override void Write(Utf8JsonWriter writer, IReadOnlySet<T> value, JsonSerializerOptions options) =>
                JsonSerializer.Serialize<IEnumerable<T>>(writer, value, options);
        }
    }
}
