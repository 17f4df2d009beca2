using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;
using AgentConsole.Tests.Integration;
using AgentConsole.Tests.Support;
using Bunit;

namespace AgentConsole.Tests.Components.Admin;

/// <summary>
/// Component tests of the admin pages against the real app on a temporary SQLite file: services
/// that the test context does not register itself (the admin services, the store, the classifier)
/// come from the app, so the pages' logic runs end to end. Signed in as the demo admin.
/// </summary>
public abstract class AdminPageTestBase : BunitTestBase, IAsyncLifetime
{
    /// <summary>How long to wait for a change that goes through the store (or retrains the classifier).</summary>
    protected static readonly TimeSpan Slow = TimeSpan.FromSeconds(30);

    /// <param name="demoEnabled">Whether the app seeds its demo desk; without it the store holds only what the test writes (and the admin's sign-in is the test's own).</param>
    /// <param name="settings">Settings the test overrides, on top of the shipped ones.</param>
    protected AdminPageTestBase(bool demoEnabled = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Database = new TempDatabase();
        Factory = new AgentConsoleFactory(Database, demoEnabled) { Settings = settings ?? new Dictionary<string, string?>() };
        Services.AddFallbackServiceProvider(Factory.Services);
        SignInAs(ConsoleRole.Admin, DemoUsers.AdminEmail);
    }

    protected TempDatabase Database { get; }
    protected AgentConsoleFactory Factory { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        // MudBlazor's services dispose only asynchronously, so the context goes first, the async way.
        await DisposeAsync();
        await Factory.DisposeAsync();
        Database.Dispose();
    }
}
