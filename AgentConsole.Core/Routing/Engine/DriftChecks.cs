using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// The engine's drift checks (<see cref="RoutingEngineOptions.CheckStateDrift"/>), run off its loop.
/// Right after a command commits, still on the loop, <see cref="Begin"/> copies memory's facts and
/// pins a read snapshot of the store as committed; both take milliseconds. Reading the store and
/// comparing, which takes about a second at a few thousand open cases, then runs on the thread pool
/// while the loop goes on, so a deadline never waits for a check.
/// </summary>
internal sealed class DriftChecks(IDbContextFactory<AgentConsoleDbContext> dbFactory, RoutingStateLoader loader, TimeProvider time, double share)
{
    private readonly DriftCheckPacing _pacing = new(share);
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];

    /// <summary>
    /// On the loop, after a command's commit: the check of memory as it is now against the store as
    /// committed, already running; null when pacing skips this command. Its result is the differences,
    /// empty when they agree.
    /// </summary>
    public async Task<Task<IReadOnlyList<string>>?> Begin(RoutingState memory, DateTime now, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (!_pacing.TryBegin(time, started)) return null;
        ReadSnapshot store;
        StateDriftCheck.Facts facts;
        ComparisonBasis basis;
        try
        {
            facts = StateDriftCheck.Of(memory, id => memory.NameOf(id), now);
            basis = ComparisonBasis.Of(memory);
            store = await ReadSnapshot.PinAsync(dbFactory, cancellationToken);
        }
        catch
        {
            _pacing.Ended(time, started, time.GetTimestamp());
            throw;
        }
        var check = Task.Run(() => CompareAsync(store, facts, basis, now, started, cancellationToken), CancellationToken.None);
        lock (_lock) _running.Add(check);
        _ = check.ContinueWith(done => { lock (_lock) _running.Remove(done); }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return check;
    }

    /// <summary>Completes when every check begun so far has ended, whatever its outcome.</summary>
    public Task EndedAsync()
    {
        Task[] running;
        lock (_lock) running = [.. _running];
        return Task.WhenAll(running).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task<IReadOnlyList<string>> CompareAsync(ReadSnapshot store, StateDriftCheck.Facts memory, ComparisonBasis basis, DateTime now, long started,
        CancellationToken cancellationToken)
    {
        try
        {
            await using (store)
            {
                var stored = await loader.LoadForComparisonAsync(store.Db, basis, now, cancellationToken);
                return StateDriftCheck.Differences(memory, StateDriftCheck.Of(stored, basis.NameOf, now));
            }
        }
        finally
        {
            _pacing.Ended(time, started, time.GetTimestamp());
        }
    }
}
