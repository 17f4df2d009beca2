using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;
using AgentConsole.Tests.Core.Routing.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Components.Team;

/// <summary>
/// Component tests of the team board and the dashboard on a real routing engine over a temporary
/// SQLite file with a fake clock (<see cref="EngineHarness"/>), with the board's services
/// registered as the host registers them (<see cref="BoardServices.AddBoardServices"/>).
/// </summary>
public abstract class BoardTestBase : BunitTestBase, IAsyncLifetime
{
    /// <summary>How long to wait for a render that follows engine and store work, on a busy machine.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected EngineHarness H { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        H = await EngineHarness.CreateAsync();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton(H.DbFactory);
        Services.AddSingleton<TimeProvider>(H.Clock);
        Services.AddSingleton(H.Notifier);
        Services.AddBoardServices();
        Services.AddConsoleQueries();
    }

    /// <summary>Starts the engine on the arranged store and registers it; call before the first render.</summary>
    protected async Task StartEngineAsync()
    {
        await H.StartAsync();
        // An instance, so the container leaves its disposal to the harness.
        Services.AddSingleton<IRoutingDesk>(H.Engine);
    }

    /// <summary>Arranges the two-team <see cref="TeamDesk"/>, starts the engine and connects everyone.</summary>
    internal async Task<TeamDesk> StartDeskAsync()
    {
        var desk = await TeamDesk.ArrangeAsync(H);
        await StartEngineAsync();
        await desk.ConnectAsync(H);
        return desk;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // xunit 2 disposes the test class synchronously afterwards, which MudBlazor's async-only
        // services refuse: dispose the context asynchronously first, then the engine and the store.
        await ((IAsyncDisposable)this).DisposeAsync();
        await H.DisposeAsync();
    }

    /// <summary>Signs in as <paramref name="actor"/>, with the claims the console's sign-in issues.</summary>
    protected void SignInAs(RoutingActor actor) => SignInAs(actor.Role, actor.Name, actor.AgentId, actor.TeamId);
}
