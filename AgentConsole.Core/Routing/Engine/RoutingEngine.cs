using System.Threading.Channels;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Policy;
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
/// <see cref="Common.DomainException"/>s, thrown before anything changes.
/// </para>
/// </summary>
public sealed partial class RoutingEngine : ICaseSink, IAsyncDisposable
{
    private readonly IDbContextFactory<AgentConsoleDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly RoutingNotifier _notifier;
    private readonly ILogger _logger;
    private readonly RoutingPolicy _policy;
    private readonly Channel<Command> _commands = Channel.CreateUnbounded<Command>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private RoutingState _state;
    private ITimer? _timer;
    private DateTime? _armedFor;
    private Task? _loop;
    private int _stopped;

    public RoutingEngine(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time, RoutingNotifier notifier, RoutingPolicyOptions options,
        ILogger<RoutingEngine>? logger = null)
    {
        _dbFactory = dbFactory;
        _time = time;
        _notifier = notifier;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Options = options;
        _policy = new RoutingPolicy(options);
        _state = new RoutingState(_policy);
    }

    /// <summary>The options the engine runs with.</summary>
    public RoutingPolicyOptions Options { get; }

    /// <summary>Whether the loop is running.</summary>
    public bool IsRunning => _loop is { IsCompleted: false };

    /// <summary>Rebuilds from the store, routes whatever waits, and starts the command loop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_loop is not null) throw new InvalidOperationException("The engine is already started.");
        _timer = _time.CreateTimer(_ => Post(new TickCommand()), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await RebuildAsync(cancellationToken);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        await Send(new DrainCommand());
    }

    /// <summary>Stops the loop after the command in hand; commands still waiting are cancelled. Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        _commands.Writer.TryComplete();
        _stopping.Cancel();
        if (_loop is not null) await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (_commands.Reader.TryRead(out var pending)) pending.Cancel();
        if (_timer is not null) await _timer.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <inheritdoc/>
    public void CaseOpened(long caseId) => Post(new CaseOpenedCommand(caseId));

    /// <inheritdoc/>
    public void ConversationUpdated(long caseId) => Post(new ConversationUpdatedCommand(caseId));

    /// <summary>Routes a case that was just opened (idempotent: a case already known is left alone).</summary>
    public Task RouteNewCaseAsync(long caseId) => Send(new CaseOpenedCommand(caseId));

    /// <summary>The offered agent accepts; returns the case's card.</summary>
    public Task<CaseCard> AcceptOfferAsync(long caseId, RoutingActor actor) => Send(new AcceptCommand(caseId, actor));

    /// <summary>The offered agent declines with a reason; the case is re-routed, not to them.</summary>
    public Task DeclineOfferAsync(long caseId, string reason, RoutingActor actor) => Send(new DeclineCommand(caseId, reason, actor));

    /// <summary>Sets an agent's presence.</summary>
    public Task SetPresenceAsync(Guid agentId, Presence presence, RoutingActor actor) => Send(new PresenceCommand(agentId, presence, actor));

    /// <summary>An agent's console or hub connection opened.</summary>
    public Task ConnectionOpenedAsync(Guid agentId) => Send(new ConnectionCommand(agentId, Opened: true));

    /// <summary>An agent's console or hub connection closed.</summary>
    public Task ConnectionClosedAsync(Guid agentId) => Send(new ConnectionCommand(agentId, Opened: false));

    /// <summary>
    /// A team lead (or supervisor) moves a case to <paramref name="toAgentId"/>, or back to the
    /// queue when null, with a note. Above the agent's capacity only with <paramref name="overrideCapacity"/>, which is logged.
    /// </summary>
    public Task<CaseCard> ReassignAsync(long caseId, Guid? toAgentId, string? note, bool overrideCapacity, RoutingActor actor) =>
        Send(new ReassignCommand(caseId, toAgentId, note, overrideCapacity, actor));

    /// <summary>The agent working a case passes it on: to a skill, a team or an agent, with a note.</summary>
    public Task<CaseCard> TransferAsync(long caseId, TransferTarget target, string? note, RoutingActor actor, bool overrideCapacity = false) =>
        Send(new TransferCommand(caseId, target, note, overrideCapacity, actor));

    /// <summary>The agent escalates a product defect to engineering with a bug report; returns the report as stored.</summary>
    public Task<BugReport> EscalateToEngineeringAsync(long caseId, BugReportInput input, RoutingActor actor) =>
        Send(new EngineeringCommand(caseId, input, actor));

    /// <summary>The assigned agent replies to the customer; the first reply stops the reply deadline. Returns the message id.</summary>
    public Task<long> ReplyAsync(long caseId, string text, RoutingActor actor) => Send(new ReplyCommand(caseId, text, actor));

    /// <summary>Resolves a case with a note; its agent's capacity is freed.</summary>
    public Task ResolveAsync(long caseId, string note, RoutingActor actor) => Send(new ResolveCommand(caseId, note, actor));

    /// <summary>Reloads an agent (and their team) from the store after their skills, tier, capacity or on-call flag changed.</summary>
    public Task AgentChangedAsync(Guid agentId) => Send(new AgentChangedCommand(agentId));

    /// <summary>Reloads the teams' routing settings (auto-assign, lead) from the store.</summary>
    public Task TeamsChangedAsync() => Send(new TeamsChangedCommand());

    /// <summary>A consistent copy of the engine's state, for views and tests.</summary>
    public Task<RoutingSnapshot> SnapshotAsync() => Send(new SnapshotCommand());

    /// <summary>Completes when every command posted before it has been processed.</summary>
    public Task FlushAsync() => Send(new SnapshotCommand());

    private void Post(Command command)
    {
        if (!_commands.Writer.TryWrite(command)) command.Cancel();
    }

    private Task<T> Send<T>(Command<T> command)
    {
        Post(command);
        return command.Task;
    }

    private Task Send(Command command)
    {
        Post(command);
        return command.Completion;
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var command in _commands.Reader.ReadAllAsync(stoppingToken))
            {
                await ProcessAsync(command, stoppingToken);
                Rearm();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ProcessAsync(Command command, CancellationToken stoppingToken)
    {
        if (command is SnapshotCommand snapshot)
        {
            snapshot.Complete(RoutingSnapshot.Of(_state, _time.GetUtcNow().UtcDateTime));
            return;
        }
        if (command is ConversationUpdatedCommand updated)
        {
            // Nothing to store: the messages are stored. A case that closed meanwhile has no one to tell.
            if (_state.Cases.TryGetValue(updated.CaseId, out var open))
                await PublishAsync(Activity(_time.GetUtcNow().UtcDateTime, open, CaseActivityKind.Conversation));
            updated.Complete(true);
            return;
        }
        RoutingWork? work = null;
        try
        {
            work = await RoutingWork.BeginAsync(_dbFactory, _time.GetUtcNow().UtcDateTime, stoppingToken);
            var result = await command.ExecuteAsync(this, work);
            FinishQueueAndLoads(work);
            await work.CommitAsync(stoppingToken);
            foreach (var @event in work.Events) await PublishAsync(@event);
            command.Complete(result);
        }
        catch (Exception e)
        {
            if (work?.Touched == true)
            {
                // Memory may be ahead of the store: start again from what was stored.
                _logger.LogWarning(e, "A routing command failed after changing state; rebuilding from the store.");
                try { await RebuildAsync(CancellationToken.None); }
                catch (Exception rebuild) { _logger.LogError(rebuild, "Rebuilding routing state failed."); }
            }
            command.Fail(e);
        }
        finally
        {
            if (work is not null) await work.DisposeAsync();
        }
    }

    private Task PublishAsync(RoutingEvent @event) =>
        _notifier.PublishAsync(@event, e => _logger.LogError(e, "A routing event subscriber failed on {Event}.", @event.Name));

    // One timer, set for the earliest deadline. Stale deadlines are skipped when they come due.
    private void Rearm()
    {
        if (_timer is null) return;
        var due = _state.Due;
        if (!due.TryPeek(out _, out var next)) { _armedFor = null; _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan); return; }
        if (_armedFor == next) return;
        _armedFor = next;
        var wait = next - _time.GetUtcNow().UtcDateTime;
        if (wait <= TimeSpan.Zero) { _armedFor = null; Post(new TickCommand()); return; }
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var state = new RoutingState(_policy);
        foreach (var team in await db.Teams.AsNoTracking().ToListAsync(cancellationToken))
            state.Teams[team.Id] = new TeamEntry(team.Id, team.Name, team.AutoAssign, team.LeadAgentId);

        var open = await db.Cases.AsNoTracking().Include(c => c.Conversation).ThenInclude(c => c!.Customer)
            .Where(c => c.Status != CaseStatus.Resolved).ToListAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().ToListAsync(cancellationToken);
        var names = agents.ToDictionary(a => a.Id, a => a.DisplayName);
        var loads = open.Where(c => c.HolderId is not null).GroupBy(c => c.HolderId!.Value).ToDictionary(g => g.Key, g => g.Count());
        foreach (var agent in agents)
        {
            state.Index.Upsert(AgentSnapshot.From(agent, loads.GetValueOrDefault(agent.Id)));
            // Connections live only in memory: a rebuild after a failed command keeps them (on start there are none).
            var before = _state.Agents.GetValueOrDefault(agent.Id);
            var entry = new AgentEntry(agent.Id, agent.DisplayName, agent.TeamId)
            {
                UnavailableSince = agent.IsUnavailable ? agent.UnavailableSince ?? now : null,
                AwayForDisconnect = agent.AwayForDisconnect,
                Connections = before?.Connections ?? 0,
                DisconnectedAt = before?.DisconnectedAt,
            };
            state.Agents[agent.Id] = entry;
            if (agent.IsUnavailable) state.Schedule(DueKind.HoldExpiry, entry.UnavailableSince!.Value + TimeSpan.FromMinutes(Options.HoldMinutes), agentId: agent.Id);
            else if (entry.Connections == 0)
            {
                // Nobody is connected to a process that just started: those who do not reconnect within the grace become Away.
                entry.DisconnectedAt ??= now;
                state.Schedule(DueKind.PresenceGrace, entry.DisconnectedAt.Value + TimeSpan.FromSeconds(Options.PresenceGraceSeconds), agentId: agent.Id);
            }
        }
        foreach (var @case in open)
        {
            var holderName = @case.HolderId is { } holder ? names.GetValueOrDefault(holder) : null;
            var entry = new OpenCase(@case.Id, CaseToRoute.From(@case, ExclusionsOf(@case), @case.TeamId), CaseCard.From(@case, holderName))
            {
                Status = @case.Status == CaseStatus.Escalated ? CaseStatus.Queued : @case.Status,
                Holder = @case.HolderId,
                OfferExpiresAt = @case.OfferExpiresAt,
                FirstReplyDueAt = @case.FirstReplyDueAt,
                AssignedAt = @case.Status == CaseStatus.Assigned ? @case.AssignedAt : null,
                CapacityOverride = @case.CapacityOverride,
            };
            state.Cases[@case.Id] = entry;
            switch (entry.Status)
            {
                case CaseStatus.Queued: state.Queue.Enqueue(entry.Route); break;
                case CaseStatus.Offered when entry.OfferExpiresAt is { } expires: state.Schedule(DueKind.OfferExpiry, expires, @case.Id); break;
                case CaseStatus.Assigned when entry.FirstReplyDueAt is { } due: state.Schedule(DueKind.FirstReply, due, @case.Id); break;
            }
            // A case assigned to an agent who was already away is held from its assignment.
            if (entry.Status == CaseStatus.Assigned && entry.Holder is { } heldBy && state.Agents.GetValueOrDefault(heldBy)?.UnavailableSince is { } away
                && entry.AssignedAt > away)
                state.Schedule(DueKind.HoldExpiry, entry.AssignedAt.Value + TimeSpan.FromMinutes(Options.HoldMinutes), agentId: heldBy);
        }
        _state = state;
        _armedFor = null;
        _logger.LogInformation("Routing rebuilt: {Agents} agents, {Open} open cases, {Queued} queued.", agents.Count, open.Count, state.Queue.Count);
    }

    private static IReadOnlySet<Guid> ExclusionsOf(Case @case) => @case.ExcludedAgentIds.Count == 0
        ? System.Collections.Frozen.FrozenSet<Guid>.Empty
        : System.Collections.Frozen.FrozenSet.ToFrozenSet(@case.ExcludedAgentIds);
}

/// <summary>Where an agent transfers a case: exactly one of a skill, a team or an agent.</summary>
public sealed record TransferTarget(Skill? Skill = null, Guid? TeamId = null, Guid? AgentId = null)
{
    public static TransferTarget ToSkill(Skill skill) => new(Skill: skill);
    public static TransferTarget ToTeam(Guid teamId) => new(TeamId: teamId);
    public static TransferTarget ToAgent(Guid agentId) => new(AgentId: agentId);

    public bool IsValid => (Skill is null ? 0 : 1) + (TeamId is null ? 0 : 1) + (AgentId is null ? 0 : 1) == 1;
}
