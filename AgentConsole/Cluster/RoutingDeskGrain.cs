using System.Threading.Channels;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using AgentConsole.Hubs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;
using AgentConsole.Core.Common;

namespace AgentConsole.Cluster;

/// <summary>
/// The desk's single writer: a <see cref="RoutingEngine"/> inside a grain, built from the store when
/// the grain activates, on whichever node Orleans places it; after that node dies, the next call
/// activates it on another, which rebuilds from the store. Calls interleave (the engine orders its
/// commands on its own loop) and the activation is never collected for idleness.
/// <para>
/// The engine publishes to the hosting node's <see cref="RoutingNotifier"/> before a command completes,
/// as on one machine, and to the hub's feed, which this node alone sends through the SignalR backplane
/// (see <see cref="RoutingHubBridge"/>); every other node's events go out, in order and without holding the engine up,
/// to the <see cref="IRoutingEventListener"/> each node subscribed (see <see cref="RoutingDeskClient"/>).
/// A node that stops answering is dropped until it subscribes again.
/// </para>
/// <para>
/// Each node's subscription also renews its lease on the connections it holds (see <see cref="ConnectionLeases"/>):
/// a desk rebuilt on another node learns of the connections that outlived the old one, and a node that died
/// loses its agents' connections once its lease runs out.
/// </para>
/// <para>
/// In a cluster on PostgreSQL an activation first takes the desk's lease on the store (<see cref="DeskLease"/>) and
/// every routing write checks it, so a node cut off from the cluster but not from the store cannot write beside
/// the activation that replaced it.
/// </para>
/// </summary>
[KeepAlive, Reentrant]
internal sealed partial class RoutingDeskGrain(AppServices app, ILocalSiloDetails silo, ILogger<RoutingDeskGrain> logger) : Grain, IRoutingDeskGrain
{
    private readonly RoutingNotifier _nodeNotifier = app.Services.GetRequiredService<RoutingNotifier>();
    private readonly RoutingNotifier _hubFeed = app.Services.GetRequiredKeyedService<RoutingNotifier>(RoutingHubBridge.FeedKey);
    private readonly ClusterOptions _cluster = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;

    // How long one delivery to another node may take before that node is dropped.
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private RemoteNode[] _remotes = [];
    private RoutingEngine? _engine;
    private DeskLease? _lease;
    private IGrainTimer? _leaseWatch;
    private ConnectionLeases? _leases;
    // The lease changes, given to the engine in order by one pump; a renewal does not wait for its own.
    private readonly Channel<LeaseChange> _leaseChanges = Channel.CreateUnbounded<LeaseChange>(new UnboundedChannelOptions { SingleReader = true });
    private Task _leasePump = Task.CompletedTask;

    // A node that has not subscribed for this long is taken for dead: its listener and its connections go.
    private TimeSpan Expiry => TimeSpan.FromSeconds(_cluster.KeepAliveSeconds * 5);
    private ConnectionLeases Leases => _leases ??= new ConnectionLeases(Expiry);

    // Whether the node is one of a cluster on Redis; a node clustered with itself is its store's one writer.
    private bool Clustered => !string.IsNullOrEmpty(app.Services.GetRequiredService<IConfiguration>()["Redis:Connection"]);

    private RoutingEngine Engine => _engine ?? throw new InvalidOperationException("The desk's engine is not started.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The engine's own feed: the node's consoles hear first, then every other node.
        var deskFeed = new RoutingNotifier();
        deskFeed.Subscribe(RelayAsync);
        var policy = app.Services.GetRequiredService<IOptions<RoutingPolicyOptions>>().Value;
        // In a cluster on PostgreSQL the store itself keeps the desk to one writer: take the lease, then write only while it holds.
        if (Clustered)
            _lease = await DeskLease.AcquireAsync(app.Services.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>(), this.GetPrimaryKeyString(), cancellationToken);
        var engine = _lease is null
            ? ActivatorUtilities.CreateInstance<RoutingEngine>(app.Services, policy, deskFeed)
            : ActivatorUtilities.CreateInstance<RoutingEngine>(app.Services, policy, deskFeed, (IDeskFence)_lease);
        await engine.StartAsync(cancellationToken);
        _engine = engine;
        // A write that finds the lease gone fails; the activation then makes way, and the next call takes the lease afresh.
        if (_lease is not null)
            _leaseWatch = this.RegisterGrainTimer(WatchLeaseAsync, TimeSpan.FromSeconds(_cluster.KeepAliveSeconds), TimeSpan.FromSeconds(_cluster.KeepAliveSeconds));
        _leasePump = Task.Run(PumpLeaseChangesAsync, CancellationToken.None);
        LogActivated(logger, this.GetPrimaryKeyString(), silo.SiloAddress.ToString());
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        _leaseChanges.Writer.TryComplete();
        await _leasePump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        _leaseWatch?.Dispose();
        if (_engine is not null) await _engine.StopAsync();
        if (_lease is not null) await _lease.DisposeAsync();
        LogDeactivated(logger, this.GetPrimaryKeyString(), silo.SiloAddress.ToString(), reason.ReasonCode.ToString());
        RemoteNode[] remotes;
        lock (_lock) (remotes, _remotes) = (_remotes, []);
        await Task.WhenAll(remotes.Select(r => r.EndAsync()));
    }

    private Task WatchLeaseAsync(CancellationToken cancellationToken)
    {
        if (_lease is { Lost: true })
        {
            LogLeaseLost(logger, this.GetPrimaryKeyString());
            this.DeactivateOnIdle();
        }
        return Task.CompletedTask;
    }

    public Task SubscribeAsync(string node, IRoutingEventListener listener, Dictionary<Guid, int> connections)
    {
        _ = Engine;
        var now = DateTime.UtcNow;
        // The renewal's changes go to the engine behind any before them; the node need not wait for them.
        foreach (var (agentId, change) in Leases.Renewed(node, connections, now)) _leaseChanges.Writer.TryWrite(new LeaseChange(agentId, change, null));
        if (node != NodeName(silo)) Listen(node, listener, now);
        return Task.CompletedTask;
    }

    private void Listen(string node, IRoutingEventListener listener, DateTime now)
    {
        var expiry = Expiry;
        List<RemoteNode> ended = [];
        lock (_lock)
        {
            var kept = new List<RemoteNode>();
            foreach (var remote in _remotes)
            {
                if (remote.Node == node && remote.Listener.Equals(listener) && !remote.Failed) { remote.SeenAt = now; kept.Add(remote); }
                else if (remote.Node == node || remote.Failed || now - remote.SeenAt > expiry) ended.Add(remote);
                else kept.Add(remote);
            }
            if (!kept.Any(r => r.Node == node)) kept.Add(new RemoteNode(node, listener, now, logger, _stopping.Token));
            _remotes = [.. kept];
        }
        foreach (var remote in ended) _ = remote.EndAsync();
    }

    /// <summary>The name a node subscribes under: its silo's address and generation, unique to the process.</summary>
    public static string NodeName(ILocalSiloDetails silo) => silo.SiloAddress.ToParsableString();

    private async Task RelayAsync(RoutingEvent @event)
    {
        await _nodeNotifier.PublishAsync(@event, e => LogHandlerFailed(logger, e, @event.Name));
        await _hubFeed.PublishAsync(@event, e => LogHandlerFailed(logger, e, @event.Name));
        foreach (var remote in Volatile.Read(ref _remotes)) remote.Post(@event);
    }

    public Task CaseOpened(long caseId) { Engine.CaseOpened(caseId); return Task.CompletedTask; }
    public Task ConversationUpdated(long caseId) { Engine.ConversationUpdated(caseId); return Task.CompletedTask; }
    public Task CaseRated(long caseId) { Engine.CaseRated(caseId); return Task.CompletedTask; }
    public Task RatingArrivedAsync(long caseId) => Engine.RatingArrivedAsync(caseId);
    public Task RouteNewCaseAsync(long caseId) => Engine.RouteNewCaseAsync(caseId);
    public Task<CaseCard> AcceptOfferAsync(long caseId, RoutingActor actor) => Engine.AcceptOfferAsync(caseId, actor);
    public Task DeclineOfferAsync(long caseId, string reason, RoutingActor actor) => Engine.DeclineOfferAsync(caseId, reason, actor);
    public Task SetPresenceAsync(Guid agentId, Presence presence, RoutingActor actor) => Engine.SetPresenceAsync(agentId, presence, actor);
    public Task ConnectionOpenedAsync(Guid agentId, string node) => ApplyAllAsync(node, Leases.Opened(node, agentId, DateTime.UtcNow));
    public Task ConnectionClosedAsync(Guid agentId, string node) => ApplyAllAsync(node, Leases.Closed(node, agentId, DateTime.UtcNow));

    // A connection opened or closed: its change waits its turn behind the renewals' and is done when the engine has it.
    // When the engine refused it, the lease forgets it too, so the node's next renewal gives it again.
    private async Task ApplyAllAsync(string node, IReadOnlyList<(Guid AgentId, int Change)> changes)
    {
        foreach (var (agentId, change) in changes)
        {
            var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_leaseChanges.Writer.TryWrite(new LeaseChange(agentId, change, applied))) applied.SetException(new InvalidOperationException("The desk is stopping."));
            try { await applied.Task; }
            catch
            {
                Leases.Forget(node, agentId, change);
                throw;
            }
        }
    }

    private async Task PumpLeaseChangesAsync()
    {
        await foreach (var (agentId, change, applied) in _leaseChanges.Reader.ReadAllAsync())
        {
            try
            {
                await (change > 0 ? Engine.ConnectionOpenedAsync(agentId) : Engine.ConnectionClosedAsync(agentId));
                applied?.TrySetResult();
            }
            catch (Exception e)
            {
                if (applied is not null) applied.TrySetException(e);
                // A renewal's change for an agent removed since: nothing to count.
                else if (e is not DomainException) LogLeaseChangeFailed(logger, e, agentId);
            }
        }
    }

    private sealed record LeaseChange(Guid AgentId, int Change, TaskCompletionSource? Applied);
    public Task<CaseCard> ReassignAsync(long caseId, Guid? toAgentId, string? note, bool overrideCapacity, RoutingActor actor) =>
        Engine.ReassignAsync(caseId, toAgentId, note, overrideCapacity, actor);
    public Task<CaseCard> TransferAsync(long caseId, TransferTarget target, string? note, RoutingActor actor, bool overrideCapacity) =>
        Engine.TransferAsync(caseId, target, note, actor, overrideCapacity);
    public Task<BugReport> EscalateToEngineeringAsync(long caseId, BugReportInput input, RoutingActor actor) => Engine.EscalateToEngineeringAsync(caseId, input, actor);
    public Task ResolveAsync(long caseId, string note, RoutingActor actor) => Engine.ResolveAsync(caseId, note, actor);
    public Task ResolveWithCategoryAsync(long caseId, string note, IssueCategory category, RoutingActor actor) => Engine.ResolveAsync(caseId, note, category, actor);
    public Task<long> ReplyAsync(long caseId, string text, RoutingActor actor) => Engine.ReplyAsync(caseId, text, actor);
    public Task AddNoteAsync(long caseId, string text, RoutingActor actor) => Engine.AddNoteAsync(caseId, text, actor);
    public Task FlagAsync(long caseId, CaseFlag flag, string? comment, RoutingActor actor) => Engine.FlagAsync(caseId, flag, comment, actor);
    public Task AgentChangedAsync(Guid agentId) => Engine.AgentChangedAsync(agentId);
    public Task SchedulesChangedAsync() => Engine.SchedulesChangedAsync();
    public Task TeamsChangedAsync() => Engine.TeamsChangedAsync();
    public Task<RoutingSnapshot> SnapshotAsync() => Engine.SnapshotAsync();
    public Task FlushAsync() => Engine.FlushAsync();
    public Task<IReadOnlyDictionary<IssueCategory, OutcomeEstimate>> OutcomesOfAsync(Guid agentId) => Engine.OutcomesOfAsync(agentId);

    /// <summary>Another node's listener, with its own queue, so a slow or dead node holds up neither the engine nor the others.</summary>
    private sealed class RemoteNode
    {
        private readonly Channel<RoutingEvent> _events = Channel.CreateUnbounded<RoutingEvent>(new UnboundedChannelOptions { SingleReader = true });
        private readonly CancellationTokenSource _ended;
        private readonly ILogger _logger;
        private readonly Task _pump;

        public RemoteNode(string node, IRoutingEventListener listener, DateTime seenAt, ILogger logger, CancellationToken stopping)
        {
            (Node, Listener, SeenAt, _logger) = (node, listener, seenAt, logger);
            _ended = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            _pump = Task.Run(PumpAsync);
        }

        public string Node { get; }
        public IRoutingEventListener Listener { get; }
        public DateTime SeenAt { get; set; }
        public bool Failed { get; private set; }

        public void Post(RoutingEvent @event) => _events.Writer.TryWrite(@event);

        public async Task EndAsync()
        {
            _events.Writer.TryComplete();
            await _ended.CancelAsync();
            await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        private async Task PumpAsync()
        {
            var reader = _events.Reader;
            try
            {
                while (await reader.WaitToReadAsync(_ended.Token))
                {
                    var batch = new List<RoutingEvent>();
                    while (batch.Count < 256 && reader.TryRead(out var next)) batch.Add(next);
                    await Listener.OnEventsAsync([.. batch]).WaitAsync(DeliveryTimeout, _ended.Token);
                }
            }
            catch (OperationCanceledException) when (_ended.IsCancellationRequested) { }
            catch (Exception e)
            {
                Failed = true;
                LogNodeDropped(_logger, e, Node);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The desk could not count a connection change of agent {AgentId}; their count may be off until their connections change again.")]
    private static partial void LogLeaseChangeFailed(ILogger logger, Exception exception, Guid agentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The routing desk {Desk} lost its lease on the store; this activation makes way.")]
    private static partial void LogLeaseLost(ILogger logger, string desk);

    [LoggerMessage(Level = LogLevel.Information, Message = "The routing desk {Desk} left {Silo} ({Reason}).")]
    private static partial void LogDeactivated(ILogger logger, string desk, string silo, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The routing desk {Desk} is active on {Silo}.")]
    private static partial void LogActivated(ILogger logger, string desk, string silo);

    [LoggerMessage(Level = LogLevel.Error, Message = "A routing event subscriber failed on {Event}.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string @event);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing events to node {Node} failed; it hears again when it next subscribes.")]
    private static partial void LogNodeDropped(ILogger logger, Exception exception, string node);
}
