using System.Runtime.CompilerServices;

namespace AgentConsole.Tests.Support;

internal static class TestEnvironment
{
    /// <summary>
    /// Every test host watches appsettings.json for live changes. With inotify each watcher takes one
    /// of the user's 128 instances, and parallel test classes (or two test runs at once) exhaust
    /// them; polling watchers take none.
    /// </summary>
    [ModuleInitializer]
    internal static void UsePollingFileWatchers() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "1");
}
