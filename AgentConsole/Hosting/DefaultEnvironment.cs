namespace AgentConsole.Hosting;

/// <summary>
/// Names the environment a developer's build runs in when nothing else does. <c>dotnet run</c> builds
/// Debug, and a Debug build with no <c>ASPNETCORE_ENVIRONMENT</c>, <c>DOTNET_ENVIRONMENT</c> or
/// <c>--environment</c> runs as Development: plain http on loopback, the demo's test sign-in. This
/// replaces a launch profile, whose use makes <c>dotnet run</c> print "Using launch settings from …"
/// on stdout, ahead of what <c>evaluate</c> writes there. A Release build (what is published) and a
/// host that is not this app's own process (the tests' factory) are left as they are.
/// </summary>
public static class DefaultEnvironment
{
    /// <summary>The environment a developer's build defaults to.</summary>
    public const string Developer = "Development";

    /// <summary>The arguments for the web host: <paramref name="args"/>, naming <see cref="Developer"/> when that default applies.</summary>
    public static string[] Apply(string[] args) =>
        Apply(args, Environment.GetEnvironmentVariable, IsDebugBuild, System.Reflection.Assembly.GetEntryAssembly() == typeof(DefaultEnvironment).Assembly);

    /// <summary>
    /// <paramref name="args"/> with <c>--environment Development</c> added when the build is Debug, this app is
    /// the process's entry point, and neither a variable of <paramref name="variables"/> nor an argument names an environment.
    /// </summary>
    public static string[] Apply(string[] args, Func<string, string?> variables, bool debugBuild, bool entryPoint)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(variables);
        if (!debugBuild || !entryPoint) return args;
        if (!string.IsNullOrEmpty(variables("ASPNETCORE_ENVIRONMENT")) || !string.IsNullOrEmpty(variables("DOTNET_ENVIRONMENT"))) return args;
        if (args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/environment", StringComparison.OrdinalIgnoreCase)))
            return args;
        return [.. args, "--environment", Developer];
    }

    private static bool IsDebugBuild =>
#if DEBUG
        true;
#else
        false;
#endif
}
