using AgentConsole.Cluster;
using System.Net;
using AgentConsole.Core.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AgentConsole.Hosting;

/// <summary>The <c>Metrics:Scrape</c> settings.</summary>
public sealed class ScrapeOptions
{
    public const string Section = "Metrics:Scrape";

    /// <summary>
    /// The networks, in CIDR notation (<c>10.0.0.0/8</c>, <c>::1/128</c>), whose callers may read
    /// <c>/metrics</c>. The shipped settings allow loopback only; add the scraper's network for a
    /// real deployment. Empty refuses everyone. A caller's address is the connection's: behind a
    /// proxy, that is the proxy's.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];
}

/// <summary>Checks that every allowed network parses.</summary>
public sealed class ScrapeOptionsValidator : IValidateOptions<ScrapeOptions>
{
    public ValidateOptionsResult Validate(string? name, ScrapeOptions options)
    {
        var bad = options.AllowedNetworks.Where(n => !IPNetwork.TryParse(n, out _)).ToList();
        return bad.Count == 0 ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(bad.Select(n => $"Metrics.Scrape.AllowedNetworks holds {n}, which is not a network in CIDR notation such as 10.0.0.0/8."));
    }
}

/// <summary>The <c>OpenTelemetry</c> section: where traces go.</summary>
public sealed class OpenTelemetryOptions
{
    public const string Section = "OpenTelemetry";

    /// <summary>
    /// An OTLP collector (<c>http://collector:4317</c>). When set, the desk's spans and ASP.NET Core's
    /// request spans are exported there; when empty, no tracer is registered and spans cost nothing
    /// unless another listener (a profiler, a test) asks for them. Read once at start-up.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }
}

/// <summary>
/// Registers OpenTelemetry: the desk's meter (<see cref="DeskTelemetry"/>), ASP.NET Core's and the
/// runtime's, exported for Prometheus at <see cref="MetricsPath"/>; and, with an OTLP endpoint, the
/// desk's <see cref="DeskActivity"/> spans under ASP.NET Core's request spans.
/// </summary>
public static class OperationsTelemetry
{
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddOperationsTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<ScrapeOptions>, ScrapeOptionsValidator>();
        builder.Services.AddOptions<ScrapeOptions>().BindConfiguration(ScrapeOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<OpenTelemetryOptions>().BindConfiguration(OpenTelemetryOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<DeskTelemetry>();

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("AgentConsole"))
            .WithMetrics(metrics => metrics
                .AddMeter(DeskTelemetry.MeterName, "System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());
        // Whether to trace is decided now, from the settings and environment read so far.
        if (builder.Configuration.GetSection(OpenTelemetryOptions.Section).Get<OpenTelemetryOptions>()?.OtlpEndpoint is { } otlp)
            telemetry.WithTracing(tracing => tracing
                .AddSource(DeskActivity.SourceName)
                // The grain calls to the desk, so an escalation's trace runs on from the node that took it to the node that routes it.
                .AddSource(DeskSilo.GrainCallSource)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddOtlpExporter(o => o.Endpoint = otlp));
        return builder;
    }

    /// <summary>Maps <see cref="MetricsPath"/> for callers from <see cref="ScrapeOptions.AllowedNetworks"/>; anyone else gets a 403.</summary>
    public static IEndpointRouteBuilder MapOperationsTelemetry(this IEndpointRouteBuilder routes)
    {
        var allowed = routes.ServiceProvider.GetRequiredService<IOptions<ScrapeOptions>>().Value.AllowedNetworks
            .Select(n => IPNetwork.Parse(n)).ToArray();
        routes.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: scrape => scrape.Use((context, next) =>
            {
                if (MayScrape(context.Connection.RemoteIpAddress, allowed)) return next(context);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }), optionsName: null)
            .DisableHttpMetrics();
        return routes;
    }

    /// <summary>Whether <paramref name="caller"/> is inside one of <paramref name="allowed"/>; an unknown caller is not.</summary>
    public static bool MayScrape(IPAddress? caller, IReadOnlyList<IPNetwork> allowed)
    {
        if (caller is null) return false;
        if (caller.IsIPv4MappedToIPv6) caller = caller.MapToIPv4();
        foreach (var network in allowed)
            if (network.Contains(caller)) return true;
        return false;
    }
}
