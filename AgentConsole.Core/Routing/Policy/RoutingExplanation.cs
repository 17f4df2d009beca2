using System.Text.Json.Serialization;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// Why a case went where it went: the case's facts, the step of the tree that decided, the
/// winner's score terms, and every step tried with each candidate it considered and the filter
/// that dropped it. Stored on the case as JSON and shown to team leads; enums serialise as names.
/// </summary>
/// <param name="CaseId">The case routed.</param>
/// <param name="DecidedAt">When the decision was made (UTC).</param>
/// <param name="Outcome">Offer to an agent, or queue.</param>
/// <param name="DecidedBy">The step that produced the outcome (<see cref="RoutingStep.Queue"/> when none found an agent).</param>
/// <param name="Summary">One sentence for the case timeline.</param>
/// <param name="Reason">The decision's reason, such as "No specialist available".</param>
/// <param name="Category">The case's category.</param>
/// <param name="RequiredSkill">Step 1: the skill the case needs.</param>
/// <param name="SuggestedTier">The tier the escalation suggested.</param>
/// <param name="NeedsSpecialist">Step 2: whether the tree started with specialists.</param>
/// <param name="Priority">The base priority.</param>
/// <param name="EffectivePriority">The priority the queue orders it by after aging.</param>
/// <param name="WaitedSeconds">How long the case had waited when decided.</param>
/// <param name="AgentId">The chosen agent, when offered.</param>
/// <param name="AgentName">The chosen agent's name, when offered.</param>
/// <param name="Score">The chosen agent's score: the sum of <paramref name="Terms"/>.</param>
/// <param name="Terms">The terms that picked the winner; empty when queued.</param>
/// <param name="Steps">Every step of the tree, in order, including skipped ones.</param>
public sealed record RoutingExplanation(
    long CaseId,
    DateTime DecidedAt,
    RoutingOutcome Outcome,
    RoutingStep DecidedBy,
    string Summary,
    string Reason,
    [property: JsonConverter(typeof(JsonStringEnumConverter<IssueCategory>))] IssueCategory Category,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Skill>))] Skill RequiredSkill,
    [property: JsonConverter(typeof(JsonStringEnumConverter<AgentTier>))] AgentTier SuggestedTier,
    bool NeedsSpecialist,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CasePriority>))] CasePriority Priority,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CasePriority>))] CasePriority EffectivePriority,
    double WaitedSeconds,
    Guid? AgentId,
    string? AgentName,
    double? Score,
    IReadOnlyList<ScoreTerm> Terms,
    IReadOnlyList<StepTrace> Steps);

/// <summary>One step of the tree as it ran for a case.</summary>
/// <param name="Step">The step.</param>
/// <param name="Ran">False when the step was skipped (for example the senior/on-call step for a case that is not urgent).</param>
/// <param name="Result">What the step found, in words.</param>
/// <param name="Candidates">
/// The agents in the step's pool: eligible ones first, best first, then the dropped ones by name; at most
/// <see cref="ListedEligible"/> and <see cref="ListedDropped"/> of them.
/// </param>
public sealed record StepTrace(RoutingStep Step, bool Ran, string Result, IReadOnlyList<CandidateVerdict> Candidates)
{
    /// <summary>The eligible agents a step lists by name, best first; the rest are counted in <see cref="Omitted"/>.</summary>
    public const int ListedEligible = 10;

    /// <summary>The dropped agents a step lists by name, in name order; the rest are counted in <see cref="Omitted"/> by the filter that dropped them.</summary>
    public const int ListedDropped = 25;

    /// <summary>The agents of the pool not listed in <see cref="Candidates"/>, counted by the filter that dropped them (none for eligible ones), most first.</summary>
    public IReadOnlyList<OmittedCandidates> Omitted { get; init; } = [];
}

/// <summary>How many agents of a step's pool an explanation counts without listing them, and the filter that dropped them.</summary>
/// <param name="DroppedBy">The filter; null for eligible agents ranked below the ones listed.</param>
/// <param name="Count">How many.</param>
public sealed record OmittedCandidates(CandidateFilter? DroppedBy, int Count);

/// <summary>One candidate at one step: dropped by a filter, or eligible with a score.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="AgentName">The agent's display name.</param>
/// <param name="Tier">The agent's tier.</param>
/// <param name="DroppedBy">The filter that dropped the agent, or null when eligible.</param>
/// <param name="Reason">Why, in words: "Away", "At capacity 3/3", "No Billing skill", "Chosen", "Eligible, ranked 2 of 3".</param>
/// <param name="Chosen">Whether this agent got the case.</param>
/// <param name="Score">The score, when eligible.</param>
/// <param name="Terms">The score's terms, when eligible; empty otherwise.</param>
public sealed record CandidateVerdict(
    Guid AgentId,
    string AgentName,
    [property: JsonConverter(typeof(JsonStringEnumConverter<AgentTier>))] AgentTier Tier,
    CandidateFilter? DroppedBy,
    string Reason,
    bool Chosen,
    double? Score,
    IReadOnlyList<ScoreTerm> Terms);
