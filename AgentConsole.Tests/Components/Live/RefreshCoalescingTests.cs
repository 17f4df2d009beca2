using System.Collections.Concurrent;
using AgentConsole.Components.Pages.Dashboard;
using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Components.Team;
using AgentConsole.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Components.Live;

/// <summary>The live base's one refresh: a burst of events while a reload runs costs one more reload, not one per event.</summary>
public sealed class RefreshCoalescingTests : BoardTestBase
{
    [Fact]
    public async Task ABurstOfEventsWhileAReloadIsInFlightCausesExactlyOneMoreReload()
    {
        // Arrange: the dashboard has loaded once; from now on every reload waits until the test lets it go.
        await StartDeskAsync();
        var queries = new GatedDashboardQueries(H.DbFactory, H.Clock);
        Services.AddSingleton<DashboardQueries>(queries);
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));
        var page = Render<SupervisorDashboard>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=dashboard-figures]")), Patience);
        Assert.Equal(1, queries.Calls);
        queries.Gate = true;
        await H.Notifier.PublishAsync(QueueEvent());
        Assert.True(await queries.HeldAsync(Patience));

        // Act: twenty events while that reload is held; a marker on the page's dispatcher runs after all of them.
        for (var i = 0; i < 20; i++) await H.Notifier.PublishAsync(QueueEvent());
        await page.DispatchAsync(() => { });
        var duringTheReload = queries.Calls;
        queries.ReleaseNext();

        // Assert: nothing started while the reload ran; once it ended, one more started for the whole burst.
        Assert.Equal(2, duringTheReload);
        Assert.True(await queries.HeldAsync(Patience));
        Assert.Equal(3, queries.Calls);
        queries.Gate = false;
        queries.ReleaseNext();
    }

    [Fact]
    public async Task AReloadThatFailsGoesToTheErrorBoundary()
    {
        // Arrange
        await StartDeskAsync();
        var queries = new GatedDashboardQueries(H.DbFactory, H.Clock);
        Services.AddSingleton<DashboardQueries>(queries);
        SignInAs(RoutingActor.ForSupervisor("Sofia Mendes"));
        var page = Render<ErrorBoundaryHost>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=dashboard-figures]")), Patience);

        // Act
        queries.Fail = true;
        await H.Notifier.PublishAsync(QueueEvent());

        // Assert
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=boundary-error]")), Patience);
        Assert.Contains("The store went away", page.Find("[data-testid=boundary-error]").TextContent);
    }

    private QueueChanged QueueEvent() => new(H.Now, 0, null, [], []);

    /// <summary>The dashboard's store queries, counted; when gated, each call waits for <see cref="ReleaseNext"/>.</summary>
    private sealed class GatedDashboardQueries(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time) : DashboardQueries(dbFactory, time)
    {
        private readonly ConcurrentQueue<TaskCompletionSource> _gates = new();
        private readonly SemaphoreSlim _held = new(0);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);
        public volatile bool Gate;
        public volatile bool Fail;

        public override async Task<DashboardActivity> ActivityAsync(DateTime now, CancellationToken cancellationToken = default)
        {
            TaskCompletionSource? gate = null;
            if (Gate)
            {
                gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _gates.Enqueue(gate);
            }
            Interlocked.Increment(ref _calls);
            if (gate is not null)
            {
                _held.Release();
                await gate.Task;
            }
            if (Fail) throw new InvalidOperationException("The store went away.");
            return await base.ActivityAsync(now, cancellationToken);
        }

        /// <summary>Waits until one more call is being held; false if none came within <paramref name="timeout"/>.</summary>
        public Task<bool> HeldAsync(TimeSpan timeout) => _held.WaitAsync(timeout);

        public void ReleaseNext()
        {
            if (_gates.TryDequeue(out var gate)) gate.SetResult();
        }
    }
}
