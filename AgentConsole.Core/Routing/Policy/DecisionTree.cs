using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// The shape of the decision tree: which steps a case goes through, in order, and which agents
/// each step looks at. Every case in one <see cref="CaseLane"/> takes the same path.
/// <list type="bullet">
/// <item>Needs a specialist: Specialist → FrontlineWithGuidance (if the category allows) → SeniorOrOnCall (if urgent) → Queue.</item>
/// <item>Needs no specialist: Frontline → Specialist (cases climb the tiers when lower ones cannot take them) → SeniorOrOnCall (if urgent) → Queue.</item>
/// <item>Engineering: Engineering → SeniorOrOnCall among engineers only (if urgent) → Queue.</item>
/// </list>
/// </summary>
internal static class DecisionTree
{
    private static readonly RoutingStep[] SpecialistPlan = [RoutingStep.Specialist, RoutingStep.FrontlineWithGuidance, RoutingStep.SeniorOrOnCall];
    private static readonly RoutingStep[] FrontlinePlan = [RoutingStep.Frontline, RoutingStep.Specialist, RoutingStep.SeniorOrOnCall];
    private static readonly RoutingStep[] EngineeringPlan = [RoutingStep.Engineering, RoutingStep.SeniorOrOnCall];

    public static RoutingStep[] PlanFor(CaseLane lane) => lane switch
    {
        CaseLane.Frontline => FrontlinePlan,
        CaseLane.Engineering => EngineeringPlan,
        _ => SpecialistPlan,
    };

    /// <summary>Whether a step runs at all: the senior/on-call step only for a base priority of Urgent (aging does not count).</summary>
    public static bool Runs(RoutingStep step, CasePriority priority) => step != RoutingStep.SeniorOrOnCall || priority == CasePriority.Urgent;

    /// <summary>Whether the step is closed to its whole pool: frontline guidance for a category that does not allow it.</summary>
    public static bool ClosedToPool(RoutingStep step, CaseLane lane) => step == RoutingStep.FrontlineWithGuidance && lane != CaseLane.Guided;

    private static readonly AgentTier[] SpecialistTiers = [AgentTier.Specialist, AgentTier.Senior];
    private static readonly AgentTier[] FrontlineTiers = [AgentTier.Frontline];
    private static readonly AgentTier[] EngineeringTiers = [AgentTier.Engineering];
    private static readonly AgentTier[] SeniorTiers = [AgentTier.Senior];

    /// <summary>
    /// The tiers whose ready agents (<see cref="AgentIndex"/>) make up the step's pool, apart from the
    /// on-call agents the senior/on-call step also takes: every tier for which <see cref="InPool"/> holds
    /// without the on-call flag.
    /// </summary>
    public static AgentTier[] ReadyTiers(RoutingStep step, CaseLane lane) => step switch
    {
        RoutingStep.Specialist => SpecialistTiers,
        RoutingStep.Frontline or RoutingStep.FrontlineWithGuidance => FrontlineTiers,
        RoutingStep.Engineering => EngineeringTiers,
        RoutingStep.SeniorOrOnCall => lane == CaseLane.Engineering ? EngineeringTiers : SeniorTiers,
        _ => [],
    };

    /// <summary>Whether <paramref name="agent"/> belongs to the step's pool, by tier and on-call flag.</summary>
    public static bool InPool(RoutingStep step, AgentSnapshot agent, CaseLane lane) => step switch
    {
        RoutingStep.Specialist => agent.Tier is AgentTier.Specialist or AgentTier.Senior,
        RoutingStep.Frontline or RoutingStep.FrontlineWithGuidance => agent.Tier == AgentTier.Frontline,
        RoutingStep.Engineering => agent.Tier == AgentTier.Engineering,
        RoutingStep.SeniorOrOnCall => lane == CaseLane.Engineering
            ? agent.Tier == AgentTier.Engineering
            : agent.Tier != AgentTier.Engineering && (agent.Tier == AgentTier.Senior || agent.OnCall),
        _ => false,
    };
}
