using System.Text.Json.Serialization;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>What the routing policy decided for a case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoutingOutcome>))]
public enum RoutingOutcome
{
    /// <summary>Offer the case to the chosen agent (or assign it outright, for teams that auto-assign).</summary>
    Offer,
    /// <summary>Keep the case in the queue, with its context, for the next agent who can take it.</summary>
    Queue,
}

/// <summary>The steps of the routing decision tree, in the words of DESIGN.md.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoutingStep>))]
public enum RoutingStep
{
    /// <summary>Available specialists (Specialist or Senior tier) with the required skill.</summary>
    Specialist,
    /// <summary>Frontline agents with the skill, for a specialist case whose category the frontline may handle with guidance.</summary>
    FrontlineWithGuidance,
    /// <summary>Frontline agents with the skill, for a case that needs no specialist.</summary>
    Frontline,
    /// <summary>For urgent cases only: senior agents and the on-call rotation.</summary>
    SeniorOrOnCall,
    /// <summary>Engineering agents, for product-defect escalations.</summary>
    Engineering,
    /// <summary>No step found an agent: the case waits in the queue.</summary>
    Queue,
    /// <summary>For a qualifying owned account: the agent who owns it, whatever the skill (see <see cref="OwnerSteps"/>).</summary>
    AccountOwner,
    /// <summary>For a qualifying owned account: the owner's team (or the owning team), whatever the skill.</summary>
    OwnerTeam,
}

/// <summary>The filter that dropped a candidate agent, in the order the filters run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CandidateFilter>))]
public enum CandidateFilter
{
    /// <summary>The step is closed to frontline agents for this case's category.</summary>
    FrontlineNotAllowed,
    /// <summary>The case is restricted to another team.</summary>
    Team,
    /// <summary>The agent lacks the required skill.</summary>
    Skill,
    /// <summary>The agent declined this case, or let its offer time out.</summary>
    Excluded,
    /// <summary>The agent's presence does not allow new work.</summary>
    Presence,
    /// <summary>The agent holds as many cases as their capacity allows.</summary>
    Capacity,
    /// <summary>The agent's team is closed (business hours) and the case is neither urgent nor a security case.</summary>
    OutOfHours,
}

/// <summary>
/// Which tiers may take a case, derived from its suggested tier and category. Every case in one
/// lane follows the same path through the decision tree, which lets the queue skip whole lanes.
/// </summary>
internal enum CaseLane
{
    /// <summary>Needs no specialist: frontline first, then climbs to specialists.</summary>
    Frontline,
    /// <summary>Needs a specialist; the frontline may take it with guidance.</summary>
    Guided,
    /// <summary>Needs a specialist; the frontline may not take it.</summary>
    SpecialistOnly,
    /// <summary>A product defect for the Engineering tier.</summary>
    Engineering,
}
