using System.Data.Common;
using AgentConsole.Tests.Support;
using AgentConsole.Core.Data;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>
/// Deadlines while the engine is behind: a deadline that comes due while ordinary commands wait in
/// the engine's queue is handled before them, not after them, so a busy engine does not make an
/// offer expire late (issue 15's chaos finding). The loop is held up by a subscriber that blocks on a
/// gate; nothing waits for a fixed time.
/// </summary>
public sealed class DeadlinePriorityTests
{
    [Fact]
    public async Task AnOfferThatComesDueWhileCommandsWaitExpiresBeforeThem()
    {
        // Arrange: Ana works case 1; case 2 is offered; the loop is stuck publishing a note while five more notes queue up.
        await using var h = await EngineHarness.CreateAsync();
        var (ana, _) = await h.TwoBillingSpecialistsAsync();
        var worked = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(worked, EngineHarness.As(ana));
        var offered = await h.OpenCaseAsync();
        var offer = h.EventsOf<CaseOffered>().Last(o => o.Case.CaseId == offered);
        using var gate = new LoopGate(h.Notifier);
        var blocked = h.Engine.AddNoteAsync(worked, "the note the loop is stuck on", EngineHarness.As(ana));
        await gate.Entered;
        var queued = Enumerable.Range(1, 5).Select(i => h.Engine.AddNoteAsync(worked, $"queued note {i}", EngineHarness.As(ana))).ToList();

        // Act: the offer comes due (its timer posts a tick behind the five notes), then the loop goes on.
        h.Clock.Advance(offer.ExpiresAt - h.Now);
        gate.Open();
        await blocked;
        await Task.WhenAll(queued);
        await h.Engine.FlushAsync();

        // Assert: in the published events and in the stored case log, the time-out comes before every queued note.
        var events = h.Events;
        var timedOut = events.Select((e, i) => (e, i)).Single(x => x.e is OfferWithdrawn w && w.CaseId == offered && w.Reason == CaseEventReason.TimedOut).i;
        var notes = events.Select((e, i) => (e, i)).Where(x => x.e is CaseActivity a && a.CaseId == worked).Select(x => x.i).ToList();
        Assert.Equal(6, notes.Count);
        Assert.True(timedOut < notes[1], $"The time-out was event {timedOut}; the queued notes were {string.Join(", ", notes.Skip(1))}.");
        var expiredAt = Assert.Single((await h.CaseAsync(offered)).Events, e => e.Type == CaseEventType.TimedOut);
        Assert.Equal(offer.ExpiresAt, expiredAt.At);
        var noteIds = (await h.CaseAsync(worked)).Events.Where(e => e.Type == CaseEventType.Noted).Select(e => e.Id).Order().ToList();
        Assert.All(noteIds.Skip(1), id => Assert.True(expiredAt.Id < id, $"The time-out is log entry {expiredAt.Id}, a queued note {id}."));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task TheTimersOwnTickAfterADeadlineWentAheadOnlySetsTheTimerForTheNext()
    {
        // Arrange: two offers due 10 s apart; the first comes due while the loop is held up on a note.
        await using var h = await EngineHarness.CreateAsync();
        var (ana, _) = await h.TwoBillingSpecialistsAsync();
        var worked = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(worked, EngineHarness.As(ana));
        var first = await h.OpenCaseAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = await h.OpenCaseAsync();
        using var gate = new LoopGate(h.Notifier);
        var blocked = h.Engine.AddNoteAsync(worked, "the note the loop is stuck on", EngineHarness.As(ana));
        await gate.Entered;
        var firstDue = h.EventsOf<CaseOffered>().Single(o => o.Case.CaseId == first).ExpiresAt;
        h.Clock.Advance(firstDue - h.Now);
        gate.Open();
        await blocked;
        await h.Engine.FlushAsync();
        var firstExpired = h.EventsOf<OfferWithdrawn>().Count(w => w.CaseId == first);

        // Act: the second offer's instant comes.
        var secondDue = h.EventsOf<CaseOffered>().Single(o => o.Case.CaseId == second).ExpiresAt;
        await h.AdvanceAsync(secondDue - h.Now);

        // Assert: each expired once, at its own instant.
        Assert.Equal(1, firstExpired);
        Assert.Equal(firstDue, Assert.Single(h.EventsOf<OfferWithdrawn>(), w => w.CaseId == first).At);
        Assert.Equal(secondDue, Assert.Single(h.EventsOf<OfferWithdrawn>(), w => w.CaseId == second).At);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task AnOfferComesDueAndExpiresWhileTheDriftCheckOfTheCommandBeforeItStillReadsTheStore()
    {
        // Arrange: the drift check at the crash harness's long-mode share (below 1, so no command waits for the check
        // before it). Case 2 is offered; then a note is stored, and its drift check is held inside its read of the store.
        var reads = new HeldReads(RoutingStateLoader.ComparisonTag);
        await using var h = await EngineHarness.CreateAsync(interceptors: reads);
        h.DriftShare = 0.1;
        var (ana, _) = await h.TwoBillingSpecialistsAsync();
        var worked = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(worked, EngineHarness.As(ana));
        var offered = await h.OpenCaseAsync();
        var offer = h.EventsOf<CaseOffered>().Last(o => o.Case.CaseId == offered);
        reads.Hold();
        var noted = h.Engine.AddNoteAsync(worked, "checked while the offer comes due", EngineHarness.As(ana));
        await reads.Entered;

        // Act: the offer's instant comes. (Were the check on the loop, the loop would be held, and this would not end.)
        await h.AdvanceAsync(offer.ExpiresAt - h.Now).WaitAsync(TimeSpan.FromSeconds(30));

        // Assert: the offer expired at its instant while the check was held, and the note's caller hears back only once the check has passed.
        Assert.Equal(offer.ExpiresAt, Assert.Single(h.EventsOf<OfferWithdrawn>(), w => w.CaseId == offered && w.Reason == CaseEventReason.TimedOut).At);
        Assert.Equal(offer.ExpiresAt, Assert.Single((await h.CaseAsync(offered)).Events, e => e.Type == CaseEventType.TimedOut).At);
        Assert.False(noted.IsCompleted);
        reads.Release();
        await noted;
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task AtAShareOfOneACommandThatCommitsWhileTheCheckBeforeItRunsWaitsForItSoOneCheckRunsAtATime()
    {
        // Arrange: every command is checked; the first note's check is held inside its read of the store.
        var reads = new HeldReads(RoutingStateLoader.ComparisonTag);
        await using var h = await EngineHarness.CreateAsync(interceptors: reads);
        var (ana, _) = await h.TwoBillingSpecialistsAsync();
        var worked = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(worked, EngineHarness.As(ana));
        reads.Hold();
        var first = h.Engine.AddNoteAsync(worked, "the first note", EngineHarness.As(ana));
        await reads.Entered;

        // Act: the second note is stored while the first check is held; then the check is let go.
        var second = h.Engine.AddNoteAsync(worked, "the second note", EngineHarness.As(ana));
        await Eventually.HoldsAsync(async () => (await h.CaseAsync(worked)).Events.Count(e => e.Type == CaseEventType.Noted) == 2,
            TimeSpan.FromSeconds(30), "the second note to be stored");
        var secondHeardBack = second.IsCompleted;
        reads.Release();
        await Task.WhenAll(first, second);

        // Assert: the second note's check began only after the first had ended, and its caller heard back after that.
        Assert.Equal(1, reads.MostHeldAtOnce);
        Assert.False(secondHeardBack);
        await h.AssertInvariantsAsync();
    }

    /// <summary>Holds every read the store is asked for under a tag, once <see cref="Hold"/> is called, until <see cref="Release"/>.</summary>
    private sealed class HeldReads(string tag) : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _holding;
        private int _held;
        private int _mostHeld;

        /// <summary>The most tagged reads that were held at the same time.</summary>
        public int MostHeldAtOnce => Volatile.Read(ref _mostHeld);

        /// <summary>Completes when a tagged read is held.</summary>
        public Task Entered => _entered.Task;

        public void Hold() => _holding = true;

        public void Release() => _released.TrySetResult();

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (_holding && command.CommandText.Contains(tag, StringComparison.Ordinal))
            {
                var held = Interlocked.Increment(ref _held);
                int most;
                while (held > (most = Volatile.Read(ref _mostHeld)) && Interlocked.CompareExchange(ref _mostHeld, held, most) != most) { }
                _entered.TrySetResult();
                try { await _released.Task.WaitAsync(cancellationToken); }
                finally { Interlocked.Decrement(ref _held); }
            }
            return result;
        }
    }

    /// <summary>Holds the engine's loop inside the publishing of the next event until opened.</summary>
    private sealed class LoopGate : IDisposable
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly IDisposable _subscription;
        private int _used;

        public LoopGate(RoutingNotifier notifier) =>
            _subscription = notifier.Subscribe(_ =>
            {
                if (Interlocked.Exchange(ref _used, 1) == 1) return Task.CompletedTask;
                _entered.TrySetResult();
                return _open.Task;
            });

        /// <summary>Completes when the loop is held.</summary>
        public Task Entered => _entered.Task;

        public void Open() => _open.TrySetResult();

        public void Dispose()
        {
            Open();
            _subscription.Dispose();
        }
    }

    [Fact]
    public async Task AnEngineCommandTakesTheStoreBeforeWritersThatQueuedEarlier()
    {
        // Arrange: another writer holds the store, and a second one queues behind it and will hold it until told.
        await using var h = await EngineHarness.CreateOnSqliteAsync();
        var (ana, _) = await h.TwoBillingSpecialistsAsync();
        var worked = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(worked, EngineHarness.As(ana));
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var gate = SqliteWriteGate.Of(db)!;
        await gate.WaitAsync(CancellationToken.None);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queuedWriter = Task.Run(async () =>
        {
            await gate.WaitAsync(CancellationToken.None);
            await release.Task;
            gate.Release();
        });
        await Eventually.HoldsAsync(() => gate.Waiting == 1, TimeSpan.FromSeconds(30), "the other writer to queue");

        // Act: the engine's command queues after it; then the holder lets go.
        var note = h.Engine.AddNoteAsync(worked, "written before the queued writer", EngineHarness.As(ana));
        await Eventually.HoldsAsync(() => gate.Waiting == 2, TimeSpan.FromSeconds(30), "the engine's command to queue");
        gate.Release();

        // Assert: the command is stored while the writer that queued first still waits for its turn
        // (were the turns in arrival order, that writer would hold the store and the command would wait for it).
        await note.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains((await h.CaseAsync(worked)).Events, e => e.Type == CaseEventType.Noted);
        release.SetResult();
        await queuedWriter.WaitAsync(TimeSpan.FromSeconds(60));
        await h.AssertInvariantsAsync();
    }
}
