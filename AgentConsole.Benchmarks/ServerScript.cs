using System.Diagnostics;
using System.Globalization;

namespace AgentConsole.Benchmarks;

/// <summary>
/// A throwaway server from Debian's packages, started with one of the scripts in <c>tools/</c>
/// (<c>postgres.sh</c>, <c>redis.sh</c>) on a free loopback port, with the script's watchdog
/// stopping it and removing its folder once this process has ended, however it ends.
/// </summary>
public static class ServerScript
{
    /// <summary>Runs <c>tools/<paramref name="script"/> start</c> into a new temporary folder and returns the connection string it prints.</summary>
    public static string Start(string script)
    {
        var folder = Path.Combine(Path.GetTempPath(), "agentconsole-servers", Path.GetFileNameWithoutExtension(script) + "-" + Guid.NewGuid().ToString("N"));
        using var process = Process.Start(new ProcessStartInfo("bash",
            [Path.Combine(RepositoryRoot(), "tools", script), "start", folder, AppProcess.FreePort().ToString(CultureInfo.InvariantCulture), Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"tools/{script} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"tools/{script} start failed ({process.ExitCode}): {error.Result.Trim()}");
        return output.Result.Trim();
    }

    /// <summary>The folder that holds <c>AgentConsole.sln</c>, above this program.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "AgentConsole.sln"))) return folder.FullName;
        throw new InvalidOperationException("The repository root (AgentConsole.sln) is not above this program.");
    }
}
