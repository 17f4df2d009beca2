using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Delivery;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Telemetry;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// The routing engine: the single writer of routing state. It owns the queue, the offers, the
/// assignments and the agents' loads in memory, and changes them only on its one command loop,
/// so no two assignments can race. Each command is stored in one transaction and then published
/// through the <see cref="RoutingNotifier"/>; if storing fails, the memory is rebuilt from the
/// store. On start it rebuilds everything from the store, timers included: offers, reply deadlines
/// and holds are stored as instants, so they fire as if there had been no restart.
/// <para>
/// Every public method posts a command and completes when it has been stored and published.
/// Refusals are exceptions: <see cref="OfferNotPendingException"/>, <see cref="RoutingForbiddenException"/>,
/// <see cref="RoutingNotFoundException"/>, <see cref="CapacityExceededException"/> and other
/// <see cref="Common.DomainException"/>s, thrown before anything changes. With
/// <see cref="RoutingEngineOptions.CheckStateDrift"/> each stored command is followed by a
/// comparison of memory with the store (run off the loop, see <see cref="DriftChecks"/>), and its caller
/// hears back once that has passed; a difference rebuilds memory and fails it with a <see cref="RoutingStateDriftException"/>.
/// </para>
/// </summary>
public sealed class RoutingEngine : IRoutingDesk, IAsyncDisposable
{
    // How long a scrape waits for the loop to read the gauges before it reports none.
    private static readonly TimeSpan GaugeWait = TimeSpan.FromSeconds(2);
    // A command that holds the loop longer is logged: deadlines are promised to within a second.
    private static readonly TimeSpan SlowCommand = TimeSpan.FromMilliseconds(500);

    // With one, every write first checks that this engine is still the desk's writer (see DeskLease).
    private readonly IDeskFence? _fence;
    private readonly IDbContextFactory<AgentConsoleDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly RoutingNotifier _notifier;
    private readonly OutboxProjector? _outbox;
    private readonly DeskTelemetry? _telemetry;
    private readonly ILogger _logger;
    private readonly DriftChecks? _drift;
    private readonly Channel<RoutingCommand> _commands = Channel.CreateUnbounded<RoutingCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly RoutingStateLoader _loader;
    private readonly CaseIntake _intake;
    private readonly OfferLifecycle _offers;
    private readonly PresenceTracker _presence;
    private readonly CaseMoves _moves;
    private readonly CaseWork _work;
    private readonly RosterChanges _roster;
    private readonly DeadlineDispatcher _deadlines;
    private readonly OutcomeLearning _learning;
    private readonly CustomerAffinity _affinity;
    private readonly ScheduleChanges _schedules;
    private RoutingState _state;
    private ITimer? _timer;
    private DateTime? _armedFor;
    private Task? _loop;
    private int _stopped;
    // Counts the rebuilds, so a drift found in a snapshot older than the last rebuild is known to be mended already.
    private int _rebuilds;

    /// <summary>
    /// An engine on the store of <paramref name="dbFactory"/>. With an <paramref name="outbox"/>, each
    /// command's transaction also stores the outbox rows external bots hear of (assignments, replies,
    /// resolutions, queue places); without one, nothing is written for bots. With <paramref name="telemetry"/>,
    /// commands, offers and assignments are measured and the queue's gauges are read from the loop. With a
    /// <paramref name="fence"/>, every write first checks that this engine is still the desk's writer.
    /// </summary>
    public RoutingEngine(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time, RoutingNotifier notifier, RoutingPolicyOptions options,
        ILogger<RoutingEngine>? logger = null, RoutingEngineOptions? engineOptions = null, OutboxProjector? outbox = null, DeskTelemetry? telemetry = null,
        IDeskFence? fence = null)
    {
        _dbFactory = dbFactory;
        _fence = fence;
        _outbox = outbox;
        _telemetry = telemetry;
        _time = time;
        _notifier = notifier;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        engineOptions ??= new RoutingEngineOptions();
        if (engineOptions.StateDriftShare is not (> 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(engineOptions), engineOptions.StateDriftShare, "RoutingEngine:StateDriftShare must be above 0 and at most 1.");
        Options = options;
        // The learned term is in the score only when its weight is above 0.
        Outcomes = options.Learning.Enabled ? new OutcomeTerm(options.Learning) : null;
        Affinity = AffinityTerm.Enabled(options) ? new AffinityTerm(options) : null;
        var policy = new RoutingPolicy(options, new IScoreTerm?[] { Outcomes, Affinity }.OfType<IScoreTerm>());
        var placement = new Placement(policy);
        _learning = new OutcomeLearning(Outcomes, options.Learning.PriorWeight);
        _loader = new RoutingStateLoader(policy);
        _drift = engineOptions.CheckStateDrift ? new DriftChecks(dbFactory, _loader, time, engineOptions.StateDriftShare) : null;
        _intake = new CaseIntake(placement, policy);
        _offers = new OfferLifecycle(placement);
        _presence = new PresenceTracker(placement);
        _affinity = new CustomerAffinity(Affinity);
        _moves = new CaseMoves(placement, _learning, _affinity);
        _work = new CaseWork(placement);
        _roster = new RosterChanges(placement, _learning);
        _schedules = new ScheduleChanges(placement);
        _deadlines = new DeadlineDispatcher(_offers, _moves, _presence, new OwnerWaits(placement), _schedules);
        _state = new RoutingState(policy);
        _telemetry?.ObserveRouting(ReadGauges);
    }

    /// <summary>The options the engine runs with.</summary>
    public RoutingPolicyOptions Options { get; }

    /// <summary>The score term learned from outcomes; null when <c>Routing:Learning:Weight</c> is 0.</summary>
    public OutcomeTerm? Outcomes { get; }

    /// <summary>The returning-customer term; null when <c>Routing:AffinityDays</c> or <c>Routing:AffinityWeight</c> is 0.</summary>
    public AffinityTerm? Affinity { get; }

    /// <summary>Whether the loop is running.</summary>
    public bool IsRunning => _loop is { IsCompleted: false };

    /// <summary>Rebuilds from the store, routes whatever waits, and starts the command loop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_loop is not null) throw new InvalidOperationException("The engine is already started.");
        _timer = _time.CreateTimer(_ => Post(Tick()), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await RebuildAsync(cancellationToken);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        await Send(_intake.DrainAsync);
    }

    /// <summary>Stops the loop after the command in hand; commands still waiting are cancelled. Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        _commands.Writer.TryComplete();
        _stopping.Cancel();
        if (_loop is not null) await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (_commands.Reader.TryRead(out var pending)) pending.Cancel();
        // A check still reading the store is cancelled; it must end before the store may go.
        if (_drift is not null) await _drift.EndedAsync();
        if (_timer is not null) await _timer.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    // ----- The commands -----

    /// <inheritdoc/>
    public void CaseOpened(long caseId) => Post(Command(w => _intake.OpenedAsync(w, caseId)));

    /// <inheritdoc/>
    public void ConversationUpdated(long caseId) => Post(Command(w => CaseWork.ConversationUpdatedAsync(w, caseId), storesNothing: true));

    /// <inheritdoc/>
    public void CaseRated(long caseId) => Post(Command(w => _learning.LearnAsync(w, caseId)));

    /// <inheritdoc/>
    public Task RatingArrivedAsync(long caseId) => Send(w => _learning.LearnAsync(w, caseId));

    /// <inheritdoc/>
    public Task RouteNewCaseAsync(long caseId) => Send(w => _intake.OpenedAsync(w, caseId));

    /// <inheritdoc/>
    public Task<CaseCard> AcceptOfferAsync(long caseId, RoutingActor actor) => Send(w => _offers.AcceptAsync(w, caseId, actor));

    /// <inheritdoc/>
    public Task DeclineOfferAsync(long caseId, string reason, RoutingActor actor) => Send(w => _offers.DeclineAsync(w, caseId, reason, actor));

    /// <inheritdoc/>
    public Task SetPresenceAsync(Guid agentId, Presence presence, RoutingActor actor) => Send(w => _presence.SetAsync(w, agentId, presence, actor));

    /// <inheritdoc/>
    public Task ConnectionOpenedAsync(Guid agentId) => Send(w => _presence.ConnectionAsync(w, agentId, opened: true));

    /// <inheritdoc/>
    public Task ConnectionClosedAsync(Guid agentId) => Send(w => _presence.ConnectionAsync(w, agentId, opened: false));

    /// <inheritdoc/>
    public Task<CaseCard> ReassignAsync(long caseId, Guid? toAgentId, string? note, bool overrideCapacity, RoutingActor actor) =>
        Send(w => _moves.ReassignAsync(w, caseId, toAgentId, note, overrideCapacity, actor));

    /// <inheritdoc/>
    public Task<CaseCard> TransferAsync(long caseId, TransferTarget target, string? note, RoutingActor actor, bool overrideCapacity = false) =>
        Send(w => _moves.TransferAsync(w, caseId, target, note, overrideCapacity, actor));

    /// <inheritdoc/>
    public Task<BugReport> EscalateToEngineeringAsync(long caseId, BugReportInput input, RoutingActor actor) =>
        Send(w => _moves.EscalateToEngineeringAsync(w, caseId, input, actor));

    /// <inheritdoc/>
    public Task ResolveAsync(long caseId, string note, RoutingActor actor) => Send(w => _moves.ResolveAsync(w, caseId, note, actor));

    /// <inheritdoc/>
    public Task ResolveAsync(long caseId, string note, IssueCategory category, RoutingActor actor) =>
        Send(w => _moves.ResolveAsync(w, caseId, note, actor, category));

    /// <inheritdoc/>
    public Task<long> ReplyAsync(long caseId, string text, RoutingActor actor) => Send(w => _work.ReplyAsync(w, caseId, text, actor));

    /// <inheritdoc/>
    public Task AddNoteAsync(long caseId, string text, RoutingActor actor) => Send(w => _work.NoteAsync(w, caseId, text, actor));

    /// <inheritdoc/>
    public Task FlagAsync(long caseId, CaseFlag flag, string? comment, RoutingActor actor) => Send(w => _work.FlagAsync(w, caseId, flag, comment, actor));

    /// <inheritdoc/>
    public Task AgentChangedAsync(Guid agentId) => Send(w => _roster.AgentChangedAsync(w, agentId));

    /// <inheritdoc/>
    public Task SchedulesChangedAsync() => Send(_schedules.SchedulesChangedAsync);

    /// <inheritdoc/>
    public Task TeamsChangedAsync() => Send(_roster.TeamsChangedAsync);

    /// <inheritdoc/>
    public Task<RoutingSnapshot> SnapshotAsync() => Send(w => Task.FromResult(RoutingSnapshot.Of(w.State, w.Now)), storesNothing: true);

    /// <inheritdoc/>
    public Task FlushAsync() => SnapshotAsync();

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<IssueCategory, OutcomeEstimate>> OutcomesOfAsync(Guid agentId)
    {
        IReadOnlyDictionary<IssueCategory, OutcomeEstimate> learned = Outcomes is not { Estimates: var estimates }
            ? new Dictionary<IssueCategory, OutcomeEstimate>()
            : Enum.GetValues<IssueCategory>().Select(c => (c, e: estimates.For(agentId, c))).Where(x => x.e is not null).ToDictionary(x => x.c, x => x.e!);
        return Task.FromResult(learned);
    }

    // ----- The loop -----

    /// <summary>The gauges of the current state, for a metrics scrape; null when the loop is not running or does not answer in time.</summary>
    private RoutingGauges? ReadGauges()
    {
        if (!IsRunning) return null;
        var read = Send(w => Task.FromResult(RoutingGauges.Of(w.State)), storesNothing: true);
        try { return read.Wait(GaugeWait) ? read.Result : null; }
        catch (AggregateException) { return null; }
    }

    // A deadline's work belongs to no caller's trace, whatever was current when the timer was made.
    private RoutingCommand<bool> Tick() => new(nameof(Tick), w =>
    {
        // The one-shot timer has fired (or was bypassed): whatever is left must be armed afresh,
        // even a deadline the timer fired a hair too early for.
        _armedFor = null;
        return _deadlines.RunDueAsync(w);
    }) { Parent = default, IsTick = true };

    private static RoutingCommand<T> Command<T>(Func<RoutingWork, Task<T>> handle, bool storesNothing = false, [CallerMemberName] string name = "") =>
        new(name, handle, storesNothing);

    private void Post(RoutingCommand command)
    {
        if (!_commands.Writer.TryWrite(command)) command.Cancel();
    }

    private Task<T> Send<T>(Func<RoutingWork, Task<T>> handle, bool storesNothing = false, [CallerMemberName] string name = "")
    {
        var command = Command(handle, storesNothing, name);
        Post(command);
        return command.Task;
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var tickFailed = false;
        try
        {
            while (await _commands.Reader.WaitToReadAsync(stoppingToken))
            {
                // A deadline that has come due goes ahead of every waiting command: however far behind the loop is, a
                // deadline waits at most for the command in hand, not for the whole queue. After a tick that failed, one
                // waiting command goes first, so a deadline that cannot be handled does not starve the rest.
                if (!tickFailed && DeadlineDue())
                {
                    var tick = Tick();
                    await ProcessAsync(tick, stoppingToken);
                    tickFailed = tick.Task.IsFaulted;
                    continue;
                }
                if (!_commands.Reader.TryRead(out var command)) continue;
                if (command.IsTick && !DeadlineDue())
                {
                    // The timer's own tick, overtaken by the lane above: nothing is due, so it only sets the timer afresh.
                    _armedFor = null;
                    Rearm();
                    command.Complete();
                    continue;
                }
                await ProcessAsync(command, stoppingToken);
                tickFailed = command.IsTick && command.Completion.IsFaulted;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private bool DeadlineDue() => _state.Due.TryPeek(out _, out var at) && at <= _time.GetUtcNow().UtcDateTime;

    private async Task ProcessAsync(RoutingCommand command, CancellationToken stoppingToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var started = _time.GetTimestamp();
        using var activity = DeskActivity.Source.StartActivity(DeskActivity.Route, ActivityKind.Internal, command.Parent);
        activity?.SetTag("agentconsole.routing.command", command.Name);
        var outcome = "ok";
        RoutingWork? work = null;
        try
        {
            work = command.StoresNothing ? RoutingWork.InMemory(_state, now) : await RoutingWork.BeginAsync(_dbFactory, _state, now, _fence, stoppingToken);
            await command.RunAsync(work);
            work.FinishQueueAndLoads();
            // What bots hear of the command is stored with it, from the events it produced.
            var projection = _outbox is null || command.StoresNothing ? null : await _outbox.ProjectAsync(work.Db, work.Events,
                () => ScheduleChanges.Queued(work.State, now), work.State.NameOf, now, stoppingToken);
            await work.CommitAsync(stoppingToken);
            projection?.Committed();
            var check = _drift is null || command.StoresNothing ? null : await _drift.Begin(_state, now, stoppingToken);
            foreach (var @event in work.Events)
            {
                _telemetry?.Published(@event);
                await PublishAsync(@event);
            }
            // The timer is set for the next deadline before the caller hears back: a caller that moves the
            // clock on at once (a test's fake clock) must find the timer already set from the instant the command ran.
            Rearm();
            if (check is null) command.Complete();
            else _ = CompleteAfterCheckAsync(command, check, _rebuilds);
        }
        catch (Exception e)
        {
            outcome = e is Common.DomainException or RoutingForbiddenException ? "refused" : "failed";
            activity.Failed(e);
            if (work?.Touched == true || e is RoutingStateDriftException)
            {
                // Memory may be ahead of the store, or apart from it: start again from what was stored.
                _logger.Log(e is RoutingStateDriftException ? LogLevel.Error : LogLevel.Warning, e, "Routing command {Command} failed; rebuilding from the store.", command.Name);
                try { await RebuildAsync(CancellationToken.None); }
                catch (Exception rebuild) { _logger.LogError(rebuild, "Rebuilding routing state failed."); }
            }
            Rearm();
            command.Fail(e);
        }
        finally
        {
            if (work is not null) await work.DisposeAsync();
            var took = _time.GetElapsedTime(started);
            _telemetry?.CommandDone(command.Name, took, outcome);
            // Every deadline waits for the command in hand: one that holds the loop this long can make them late.
            if (took >= SlowCommand) _logger.LogWarning("Routing command {Command} held the loop for {Milliseconds:0} ms ({Open} open cases).", command.Name, took.TotalMilliseconds, _state.Cases.Count);
        }
    }

    // The caller of a checked command hears back once its check has passed. On drift, memory is rebuilt on
    // the loop (unless a rebuild since the check's commit has mended it already), and then the caller hears of it.
    private async Task CompleteAfterCheckAsync(RoutingCommand command, Task<IReadOnlyList<string>> check, int rebuildsAtCommit)
    {
        IReadOnlyList<string> differences;
        try { differences = await check; }
        catch (Exception e)
        {
            // The command was stored and published; only its check could not run (the engine is stopping, or the store failed a read).
            if (!_stopping.IsCancellationRequested) _logger.LogWarning(e, "The drift check after {Command} could not run.", command.Name);
            command.Complete();
            return;
        }
        if (differences.Count == 0)
        {
            command.Complete();
            return;
        }
        var drift = new RoutingStateDriftException(command.Name, differences);
        var rebuild = new RoutingCommand<bool>(command.Name, _ => _rebuilds == rebuildsAtCommit ? throw drift : Task.FromResult(false), storesNothing: true)
            { Parent = default };
        Post(rebuild);
        await rebuild.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        command.Fail(drift);
    }

    private Task PublishAsync(RoutingEvent @event) =>
        _notifier.PublishAsync(@event, e => _logger.LogError(e, "A routing event subscriber failed on {Event}.", @event.Name));

    // One timer, set for the earliest deadline. Stale deadlines are skipped when they come due.
    private void Rearm()
    {
        if (_timer is null) return;
        if (!_state.Due.TryPeek(out _, out var next)) { _armedFor = null; _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan); return; }
        if (_armedFor == next) return;
        _armedFor = next;
        var wait = next - _time.GetUtcNow().UtcDateTime;
        if (wait <= TimeSpan.Zero) { _armedFor = null; Post(Tick()); return; }
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        _state = await _loader.LoadAsync(db, _state, _time.GetUtcNow().UtcDateTime, cancellationToken);
        _rebuilds++;
        _learning.Refresh(_state);
        _affinity.Refresh(_state);
        _armedFor = null;
        _logger.LogInformation("Routing rebuilt: {Agents} agents, {Open} open cases, {Queued} queued.", _state.Agents.Count, _state.Cases.Count, _state.Queue.Count);
    }
}
