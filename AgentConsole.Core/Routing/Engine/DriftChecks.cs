using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// The engine's drift checks (<see cref="RoutingEngineOptions.CheckStateDrift"/>), run off its loop.
/// Right after a command commits, still on the loop, <see cref="Begin"/> copies memory's facts and
/// pins a read snapshot of the store as committed; both take milliseconds. Reading the store and
/// comparing, which takes about a second at a few thousand open cases, then runs on the thread pool
/// while the loop goes on, so a deadline never waits for a check. One check runs at a time: a copy
/// of memory and a pinned snapshot each (which also keeps SQLite from checkpointing past it) cost
/// memory, so at a share of 1 a command that commits while the check before it still runs waits for
/// it on the loop; below 1, pacing skips it.
/// </summary>
internal sealed class DriftChecks(IDbContextFactory<AgentConsoleDbContext> dbFactory, RoutingStateLoader loader, TimeProvider time, double share)
{
    private readonly DriftCheckPacing _pacing = new(share);
    private Task? _current;

    /// <summary>
    /// On the loop, after a command's commit: the check of memory as it is now against the store as
    /// committed, already running; null when pacing skips this command. Its result is the differences,
    /// empty when they agree.
    /// </summary>
    public async Task<Task<IReadOnlyList<string>>?> Begin(RoutingState memory, DateTime now, CancellationToken cancellationToken)
    {
        if (share >= 1 && _current is { } before) await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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
        _current = check;
        return check;
    }

    /// <summary>Completes when the check begun last has ended, whatever its outcome (the engine's loop has stopped, so no other begins).</summary>
    public Task EndedAsync() => _current is { } current
        ? current.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
        : Task.CompletedTask;
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
