using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace AgentConsole.Hosting;

/// <summary>
/// The one configuration file is the repository's root <c>appsettings.json</c>, whatever the
/// working directory. Environment-specific overrides (<c>appsettings.{Environment}.json</c>) may sit
/// beside it. Environment variables and the command line still override both, as usual.
/// </summary>
public static class RootConfiguration
{
    /// <summary>Overrides the folder that holds the configuration file (and the relative database path).</summary>
    public const string RootVariable = "AGENTCONSOLE_ROOT";

    private const string SettingsFile = "appsettings.json";
    private const string SolutionFile = "AgentConsole.sln";

    /// <summary>
    /// The folder of the root <c>appsettings.json</c>: <see cref="RootVariable"/> if set, else the
    /// nearest folder above the app or the working directory that holds it beside the solution,
    /// else the app's own folder, where a published app keeps its copy.
    /// </summary>
    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } configured) return Path.GetFullPath(configured);
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SettingsFile)) && File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                    return dir.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }

    /// <summary>
    /// Points the builder's <c>appsettings*.json</c> sources at <paramref name="root"/>, keeping their
    /// place in the order so that environment variables and arguments still win.
    /// </summary>
    public static void UseRootSettings(this IHostApplicationBuilder builder, string root)
    {
        var files = new PhysicalFileProvider(root);
        var names = new[] { SettingsFile, $"appsettings.{builder.Environment.EnvironmentName}.json" };
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json && names.Contains(path, StringComparer.OrdinalIgnoreCase))
            {
                sources[i] = new JsonConfigurationSource
                {
                    Path = path,
                    FileProvider = files,
                    Optional = path != SettingsFile,
                    ReloadOnChange = json.ReloadOnChange,
                };
            }
        }
        builder.Configuration[HostRootKey] = root;
    }

    /// <summary>The configuration key under which the located root is kept for later use.</summary>
    public const string HostRootKey = "AgentConsole:Root";
}
