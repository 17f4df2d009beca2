extern alias benchmarks;

namespace AgentConsole.Tests.Support;

/// <summary>
/// A server from Debian's packages that some tests need (PostgreSQL, Redis):
/// <list type="bullet">
/// <item>the one an environment variable names (CI starts them with the scripts in <c>tools/</c>);</item>
/// <item>else, when the server's program is installed, one this test run starts on a free loopback port with
/// its <c>tools/</c> script, whose watchdog stops it when the test process ends;</item>
/// <item>else none: the tests that need it skip, saying why, unless <c>AGENTCONSOLE_REQUIRE_SERVERS=1</c> (set in CI), where they fail.</item>
/// </list>
/// </summary>
internal sealed class LocalServer(string name, string variable, string script, string program, string install)
{
    public const string RequireVariable = "AGENTCONSOLE_REQUIRE_SERVERS";

    private readonly Lazy<string> _address = new(() => Start(variable, script));

    /// <summary>Why the tests cannot have the server, or null when they can.</summary>
    public string? Unavailable =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } || File.Exists(program) ? null
        : $"{name} is not available: set {variable} or install Debian's {install} package.";

    /// <summary>Skips the calling test when there is no server and none is required; fails it when one is.</summary>
    public void SkipIfUnavailable()
    {
        if (Unavailable is not { } why) return;
        if (Environment.GetEnvironmentVariable(RequireVariable) != "1") throw new Xunit.SkipException(why);
        throw new InvalidOperationException($"{why} ({RequireVariable}=1 makes this a failure.)");
    }

    /// <summary>The server's connection string, starting it on first use; skips the calling test when there is none.</summary>
    public string Address
    {
        get
        {
            SkipIfUnavailable();
            return _address.Value;
        }
    }

    private static string Start(string variable, string script) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given ? given : benchmarks::AgentConsole.Benchmarks.ServerScript.Start(script);
}
