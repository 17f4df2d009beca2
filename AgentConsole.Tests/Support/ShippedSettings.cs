using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Hosting;
using Microsoft.Extensions.Configuration;

namespace AgentConsole.Tests.Support;

/// <summary>
/// Options bound from the root <c>appsettings.json</c> as the app ships it, for tests that build
/// Core objects without a host: the shipped values live in the file, not in the options classes.
/// </summary>
internal static class ShippedSettings
{
    private static readonly Lazy<IConfigurationRoot> File = new(() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(RootConfiguration.Locate(), "appsettings.json"), optional: false).Build());

    /// <summary>The root configuration file, read once.</summary>
    public static IConfiguration Configuration => File.Value;

    /// <summary>A fresh copy of the shipped <c>Routing</c> section, which a test may change.</summary>
    public static RoutingPolicyOptions Routing() => Bind<RoutingPolicyOptions>(RoutingPolicyOptions.Section);

    /// <summary>A fresh copy of the shipped <c>SlaRisk</c> section.</summary>
    public static SlaRiskOptions SlaRisk() => Bind<SlaRiskOptions>(SlaRiskOptions.Section);

    /// <summary>A fresh copy of the shipped <c>Metrics</c> section.</summary>
    public static MetricsOptions Metrics() => Bind<MetricsOptions>(MetricsOptions.Section);

    private static T Bind<T>(string section) where T : class =>
        File.Value.GetSection(section).Get<T>() ?? throw new InvalidOperationException($"appsettings.json has no {section} section.");
}
