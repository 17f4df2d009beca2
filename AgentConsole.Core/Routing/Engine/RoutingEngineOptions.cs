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

    /// <summary>
    /// The largest share of the engine loop's time the drift check may take (<c>RoutingEngine:StateDriftShare</c>,
    /// above 0 and at most 1). At 1 (the default) every stored command is checked; below it, commands are
    /// skipped after a check until the checks' cost falls to that share (see <see cref="DriftCheckPacing"/>),
    /// so a long run with thousands of open cases keeps its pace. The crash harness's long mode uses 0.1.
    /// </summary>
    public double StateDriftShare { get; set; } = 1;

#if DEBUG
    private const bool DebugBuild = true;
#else
    private const bool DebugBuild = false;
#endif
}
