using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using Orleans.Concurrency;

namespace AgentConsole.Cluster;

/// <summary>
/// A desk's routing engine as an Orleans grain, keyed by the desk (see <see cref="ClusterOptions.Desk"/>).
/// One activation in the whole cluster is the desk's single writer; every node reaches it through
/// <see cref="GrainRoutingDesk"/>. The methods are <see cref="IRoutingDesk"/>'s, plus the subscription
/// through which every node hears the desk's routing events.
/// </summary>
public interface IRoutingDeskGrain : IGrainWithStringKey
{
    /// <summary>
    /// Activates the desk (rebuilding it from the store), keeps <paramref name="node"/>'s events flowing to
    /// <paramref name="listener"/> and renews the node's lease on its agents' <paramref name="connections"/> (open connections by agent).
    /// </summary>
    Task SubscribeAsync(string node, IRoutingEventListener listener, Dictionary<Guid, int> connections);

    [OneWay] Task CaseOpened(long caseId);
    [OneWay] Task ConversationUpdated(long caseId);
    [OneWay] Task CaseRated(long caseId);
    Task RatingArrivedAsync(long caseId);
    Task RouteNewCaseAsync(long caseId);
    Task<CaseCard> AcceptOfferAsync(long caseId, RoutingActor actor);
    Task DeclineOfferAsync(long caseId, string reason, RoutingActor actor);
    Task SetPresenceAsync(Guid agentId, Presence presence, RoutingActor actor);
    Task ConnectionOpenedAsync(Guid agentId, string node);
    Task ConnectionClosedAsync(Guid agentId, string node);
    Task<CaseCard> ReassignAsync(long caseId, Guid? toAgentId, string? note, bool overrideCapacity, RoutingActor actor);
    Task<CaseCard> TransferAsync(long caseId, TransferTarget target, string? note, RoutingActor actor, bool overrideCapacity);
    Task<BugReport> EscalateToEngineeringAsync(long caseId, BugReportInput input, RoutingActor actor);
    Task ResolveAsync(long caseId, string note, RoutingActor actor);
    Task ResolveWithCategoryAsync(long caseId, string note, IssueCategory category, RoutingActor actor);
    Task<long> ReplyAsync(long caseId, string text, RoutingActor actor);
    Task AddNoteAsync(long caseId, string text, RoutingActor actor);
    Task FlagAsync(long caseId, CaseFlag flag, string? comment, RoutingActor actor);
    Task AgentChangedAsync(Guid agentId);
    Task SchedulesChangedAsync();
    Task TeamsChangedAsync();
    Task<RoutingSnapshot> SnapshotAsync();
    Task FlushAsync();
    Task<IReadOnlyDictionary<IssueCategory, OutcomeEstimate>> OutcomesOfAsync(Guid agentId);
}

/// <summary>A node's ear for its desk's routing events, called by the desk's grain from whichever node hosts it.</summary>
public interface IRoutingEventListener : IGrainObserver
{
    /// <summary>Events in the order the engine published them.</summary>
    Task OnEventsAsync(RoutingEvent[] events);
}
