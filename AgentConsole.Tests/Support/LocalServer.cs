using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

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

    private static string Start(string variable, string script)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given) return given;
        var folder = Path.Combine(Path.GetTempPath(), "agentconsole-tests", Path.GetFileNameWithoutExtension(script) + "-" + Guid.NewGuid().ToString("N"));
        using var process = Process.Start(new ProcessStartInfo("bash",
            [Path.Combine(RepositoryRoot(), "tools", script), "start", folder, FreePort().ToString(CultureInfo.InvariantCulture), Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"tools/{script} start failed ({process.ExitCode}): {error.Result}");
        return output.Result.Trim();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "AgentConsole.sln"))) return folder.FullName;
        throw new InvalidOperationException("The repository root (AgentConsole.sln) is not above the test assembly.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
