using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// The commands of a desk's routing, wherever its single writer runs: the <see cref="RoutingEngine"/>
/// itself on one machine, or the engine inside the desk's Orleans grain in a cluster, reached from any
/// node. The app, its pages and its API use this, never the engine's type, so both run the same code.
/// Refusals are the engine's exceptions (<see cref="OfferNotPendingException"/>, <see cref="RoutingForbiddenException"/>,
/// <see cref="RoutingNotFoundException"/>, <see cref="CapacityExceededException"/> and other domain exceptions).
/// </summary>
public interface IRoutingDesk : ICaseSink
{
    /// <summary>Counts a resolved case's rating in its agent's outcomes; completes when counted (idempotent).</summary>
    Task RatingArrivedAsync(long caseId);

    /// <summary>Routes a case that was just opened (idempotent: a case already known is left alone).</summary>
    Task RouteNewCaseAsync(long caseId);

    /// <summary>The offered agent accepts; returns the case's card.</summary>
    Task<CaseCard> AcceptOfferAsync(long caseId, RoutingActor actor);

    /// <summary>The offered agent declines with a reason; the case is re-routed, not to them.</summary>
    Task DeclineOfferAsync(long caseId, string reason, RoutingActor actor);

    /// <summary>Sets an agent's presence.</summary>
    Task SetPresenceAsync(Guid agentId, Presence presence, RoutingActor actor);

    /// <summary>An agent's console or hub connection opened.</summary>
    Task ConnectionOpenedAsync(Guid agentId);

    /// <summary>An agent's console or hub connection closed.</summary>
    Task ConnectionClosedAsync(Guid agentId);

    /// <summary>
    /// A team lead (or supervisor) moves a case to <paramref name="toAgentId"/>, or back to the
    /// queue when null, with a note. Above the agent's capacity only with <paramref name="overrideCapacity"/>, which is logged.
    /// </summary>
    Task<CaseCard> ReassignAsync(long caseId, Guid? toAgentId, string? note, bool overrideCapacity, RoutingActor actor);

    /// <summary>The agent working a case passes it on: to a skill, a team or an agent, with a note.</summary>
    Task<CaseCard> TransferAsync(long caseId, TransferTarget target, string? note, RoutingActor actor, bool overrideCapacity = false);

    /// <summary>The agent escalates a product defect to engineering with a bug report; returns the report as stored.</summary>
    Task<BugReport> EscalateToEngineeringAsync(long caseId, BugReportInput input, RoutingActor actor);

    /// <summary>Resolves a case with a note; its agent's capacity is freed.</summary>
    Task ResolveAsync(long caseId, string note, RoutingActor actor);

    /// <summary>Resolves a case with a note, keeping the category the agent confirmed or corrected.</summary>
    Task ResolveAsync(long caseId, string note, IssueCategory category, RoutingActor actor);

    /// <summary>The assigned agent replies to the customer; the first reply stops the reply deadline. Returns the message id.</summary>
    Task<long> ReplyAsync(long caseId, string text, RoutingActor actor);

    /// <summary>Adds an internal note (never shown to the customer) to an open or resolved case.</summary>
    Task AddNoteAsync(long caseId, string text, RoutingActor actor);

    /// <summary>
    /// Flags how the case reached the agent (misrouted, unnecessary escalation, had to ask the
    /// customer to repeat), with an optional comment. Each actor flags a case once per flag.
    /// </summary>
    Task FlagAsync(long caseId, CaseFlag flag, string? comment, RoutingActor actor);

    /// <summary>Reloads an agent (and their team) from the store after their skills, tier or capacity changed.</summary>
    Task AgentChangedAsync(Guid agentId);

    /// <summary>
    /// Reloads the on-call rotations and the teams' business hours from the store and applies them at once: who is on
    /// call now, which teams are closed, and the next hand-over, opening or closing.
    /// </summary>
    Task SchedulesChangedAsync();

    /// <summary>Reloads the teams' routing settings (auto-assign, lead) from the store.</summary>
    Task TeamsChangedAsync();

    /// <summary>A consistent copy of the engine's state, for views and tests.</summary>
    Task<RoutingSnapshot> SnapshotAsync();

    /// <summary>Completes when every command posted before it has been processed.</summary>
    Task FlushAsync();

    /// <summary>What routing has learned of <paramref name="agentId"/>'s outcomes, by category (empty when learning is off).</summary>
    Task<IReadOnlyDictionary<IssueCategory, OutcomeEstimate>> OutcomesOfAsync(Guid agentId);
}
