namespace AgentConsole.Core.Routing.Engine;

/// <summary>How the routing engine checks itself.</summary>
public sealed class RoutingEngineOptions
{
    /// <summary>The configuration section name (<c>RoutingEngine:CheckStateDrift</c>); not in appsettings.json, so the build's default holds.</summary>
    public const string Section = "RoutingEngine";

    /// <summary>
    /// After every command that stores, rebuild the state from the store and compare it with the
    /// engine's memory; a difference fails the command with a <see cref="RoutingStateDriftException"/>
    /// naming it, and memory is rebuilt. It reads every open case once per command, so it is on in
    /// Debug builds and in the tests, and off in Release unless set.
    /// </summary>
    public bool CheckStateDrift { get; set; } = DebugBuild;

#if DEBUG
    private const bool DebugBuild = true;
#else
    private const bool DebugBuild = false;
#endif
}
