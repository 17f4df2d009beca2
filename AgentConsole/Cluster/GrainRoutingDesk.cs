using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using Microsoft.Extensions.Options;

namespace AgentConsole.Cluster;

/// <summary>
/// The node's <see cref="IRoutingDesk"/>: every command is a call to the desk's grain, wherever in the cluster it is active.
/// It counts the connections opened on this node, which the node reports to the desk with each renewal of its subscription.
/// </summary>
public sealed class GrainRoutingDesk(DeskSilo silo, IOptions<ClusterOptions> options) : IRoutingDesk
{
    private readonly IRoutingDeskGrain _desk = silo.Grains.GetGrain<IRoutingDeskGrain>(options.Value.Desk);
    private readonly Dictionary<Guid, int> _connections = [];
    private readonly Lock _lock = new();

    /// <summary>The desk's grain, for the node's subscription.</summary>
    internal IRoutingDeskGrain Grain => _desk;

    /// <summary>The name the node goes by at its desk.</summary>
    internal string Node => RoutingDeskGrain.NodeName(silo.Details);

    /// <summary>The agents' connections open on this node now.</summary>
    internal Dictionary<Guid, int> Connections()
    {
        lock (_lock) return new Dictionary<Guid, int>(_connections);
    }

    public void CaseOpened(long caseId) => _desk.CaseOpened(caseId);
    public void ConversationUpdated(long caseId) => _desk.ConversationUpdated(caseId);
    public void CaseRated(long caseId) => _desk.CaseRated(caseId);
    public Task RatingArrivedAsync(long caseId) => _desk.RatingArrivedAsync(caseId);
    public Task RouteNewCaseAsync(long caseId) => _desk.RouteNewCaseAsync(caseId);
    public Task<CaseCard> AcceptOfferAsync(long caseId, RoutingActor actor) => _desk.AcceptOfferAsync(caseId, actor);
    public Task DeclineOfferAsync(long caseId, string reason, RoutingActor actor) => _desk.DeclineOfferAsync(caseId, reason, actor);
    public Task SetPresenceAsync(Guid agentId, Presence presence, RoutingActor actor) => _desk.SetPresenceAsync(agentId, presence, actor);
    public Task ConnectionOpenedAsync(Guid agentId)
    {
        lock (_lock) _connections[agentId] = _connections.GetValueOrDefault(agentId) + 1;
        return _desk.ConnectionOpenedAsync(agentId, Node);
    }

    public Task ConnectionClosedAsync(Guid agentId)
    {
        lock (_lock)
        {
            if (_connections.GetValueOrDefault(agentId) is > 1 and var count) _connections[agentId] = count - 1;
            else _connections.Remove(agentId);
        }
        return _desk.ConnectionClosedAsync(agentId, Node);
    }
    public Task<CaseCard> ReassignAsync(long caseId, Guid? toAgentId, string? note, bool overrideCapacity, RoutingActor actor) =>
        _desk.ReassignAsync(caseId, toAgentId, note, overrideCapacity, actor);
    public Task<CaseCard> TransferAsync(long caseId, TransferTarget target, string? note, RoutingActor actor, bool overrideCapacity = false) =>
        _desk.TransferAsync(caseId, target, note, actor, overrideCapacity);
    public Task<BugReport> EscalateToEngineeringAsync(long caseId, BugReportInput input, RoutingActor actor) => _desk.EscalateToEngineeringAsync(caseId, input, actor);
    public Task ResolveAsync(long caseId, string note, RoutingActor actor) => _desk.ResolveAsync(caseId, note, actor);
    public Task ResolveAsync(long caseId, string note, IssueCategory category, RoutingActor actor) => _desk.ResolveWithCategoryAsync(caseId, note, category, actor);
    public Task<long> ReplyAsync(long caseId, string text, RoutingActor actor) => _desk.ReplyAsync(caseId, text, actor);
    public Task AddNoteAsync(long caseId, string text, RoutingActor actor) => _desk.AddNoteAsync(caseId, text, actor);
    public Task FlagAsync(long caseId, CaseFlag flag, string? comment, RoutingActor actor) => _desk.FlagAsync(caseId, flag, comment, actor);
    public Task AgentChangedAsync(Guid agentId) => _desk.AgentChangedAsync(agentId);
    public Task SchedulesChangedAsync() => _desk.SchedulesChangedAsync();
    public Task TeamsChangedAsync() => _desk.TeamsChangedAsync();
    public Task<RoutingSnapshot> SnapshotAsync() => _desk.SnapshotAsync();
    public Task FlushAsync() => _desk.FlushAsync();
    public Task<IReadOnlyDictionary<IssueCategory, OutcomeEstimate>> OutcomesOfAsync(Guid agentId) => _desk.OutcomesOfAsync(agentId);
}
