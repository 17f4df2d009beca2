using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace AgentConsole.Hosting;

/// <summary>The <c>Diagnostics</c> section: measurements the load tools read from a running app.</summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>
    /// Maps <c>GET /diagnostics/heap</c>, which answers only loopback callers with the live managed
    /// heap after a full, compacting collection and the number of open circuits. Off by default: a
    /// full collection pauses the app, so only a benchmark (<c>console-load</c>) turns it on.
    /// </summary>
    public bool HeapEndpoint { get; set; }
}

/// <summary>What <c>/diagnostics/heap</c> reports.</summary>
/// <param name="HeapBytes">Bytes of live managed objects after a full, compacting collection.</param>
/// <param name="Circuits">Blazor circuits open now (a browser's console each).</param>
public sealed record HeapReport(long HeapBytes, int Circuits);

/// <summary>Counts the circuits that are open, for the heap report; one handler per circuit.</summary>
public sealed class OpenCircuits
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    internal void Opened() => Interlocked.Increment(ref _count);

    internal void Closed() => Interlocked.Decrement(ref _count);

    internal sealed class Handler(OpenCircuits circuits) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            circuits.Opened();
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            circuits.Closed();
            return Task.CompletedTask;
        }
    }
}

/// <summary>Registers and maps the heap report when <see cref="DiagnosticsOptions.HeapEndpoint"/> is on.</summary>
public static class HeapDiagnostics
{
    public const string Path = "/diagnostics/heap";

    /// <summary>The open circuits alone, without a collection: cheap enough to poll.</summary>
    public const string CircuitsPath = "/diagnostics/circuits";

    public static IHostApplicationBuilder AddHeapDiagnostics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DiagnosticsOptions>().BindConfiguration(DiagnosticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Counted always (one increment per circuit): the switch is read when the endpoint is mapped, once every override is in.
        builder.Services.AddSingleton<OpenCircuits>();
        builder.Services.AddScoped<CircuitHandler, OpenCircuits.Handler>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHeapDiagnostics(this IEndpointRouteBuilder routes)
    {
        if (!routes.ServiceProvider.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.HeapEndpoint) return routes;
        // Another machine must not be able to pause the app with full collections, nor count its consoles.
        routes.MapGet(Path, (HttpContext context, OpenCircuits circuits) =>
            FromLoopback(context) ? Results.Ok(new HeapReport(LiveHeapBytes(), circuits.Count)) : Results.NotFound()).ExcludeFromDescription();
        routes.MapGet(CircuitsPath, (HttpContext context, OpenCircuits circuits) =>
            FromLoopback(context) ? Results.Ok(new { circuits = circuits.Count }) : Results.NotFound()).ExcludeFromDescription();
        return routes;
    }

    private static bool FromLoopback(HttpContext context) => context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    /// <summary>The live managed heap: collect everything that can go (finalizable objects too), then count what is left.</summary>
    public static long LiveHeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
