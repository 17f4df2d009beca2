using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// The routing decision tree of DESIGN.md as a pure function over snapshots: given a case, the
/// agents and the time, it says whom to offer the case to, or that it should wait in the queue.
/// <list type="number">
/// <item>The required skill comes from the case.</item>
/// <item>A case that needs a specialist goes to an available Specialist or Senior with the skill
/// and spare capacity (<see cref="RoutingStep.Specialist"/>).</item>
/// <item>If none is free and the category allows it, to a frontline agent with the skill, with
/// guidance (<see cref="RoutingStep.FrontlineWithGuidance"/>).</item>
/// <item>If the case is urgent, to a senior or an on-call agent (<see cref="RoutingStep.SeniorOrOnCall"/>).</item>
/// <item>Otherwise it is queued for the next agent who can take it, with its context.</item>
/// </list>
/// A case that needs no specialist tries the frontline first and then climbs to specialists.
/// Engineering cases go only to Engineering agents. Each step drops candidates through the team
/// filter, the <see cref="EligibilityFilter"/> and the <see cref="CapacityLimiter"/>, and picks
/// among the rest with the <see cref="AgentScorer"/> and the <see cref="AgentSelector"/>.
/// <para>
/// A call is one pass over the agents per step, with no allocation per agent; the explanation is
/// built on demand by <see cref="RoutingDecision.Explain"/>, which replays the same code over
/// the same snapshots with a recorder attached.
/// </para>
/// </summary>
public sealed class RoutingPolicy
{
    private const string NoSpecialist = "No specialist available";
    private const string NoAgent = "No agent available";
    private const string NoEngineer = "No engineer available";
    private const string AndNoFallback = ", nor a senior or on-call agent";

    private readonly bool[] _frontlineGuidance;
    private readonly EligibilityFilter _eligibility;

    /// <summary>A policy with <paramref name="options"/> and any extra score terms (such as an outcome term).</summary>
    public RoutingPolicy(RoutingPolicyOptions options, IEnumerable<IScoreTerm>? extraTerms = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Ordering = new QueueOrdering(options.Aging);
        Scorer = new AgentScorer(extraTerms);
        _eligibility = new EligibilityFilter(options);
        Owners = new OwnerSteps(options, _eligibility);
        _frontlineGuidance = new bool[Enum.GetValues<IssueCategory>().Max(c => (int)c) + 1];
        foreach (var category in options.FrontlineGuidanceCategories) _frontlineGuidance[(int)category] = true;
    }

    /// <summary>The options the policy was built with.</summary>
    public RoutingPolicyOptions Options { get; }

    /// <summary>The queue order and aging.</summary>
    public QueueOrdering Ordering { get; }

    /// <summary>The owner steps that run before the tree for owned accounts.</summary>
    public OwnerSteps Owners { get; }

    /// <summary>The scorer that ranks eligible agents.</summary>
    public AgentScorer Scorer { get; }

    /// <summary>Routes <paramref name="case"/> among <paramref name="agents"/> at <paramref name="now"/>. O(agents).</summary>
    public RoutingDecision Route(CaseToRoute @case, IReadOnlyList<AgentSnapshot> agents, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(agents);
        // The decision keeps its own copy so that it can be explained after the caller's list changes.
        var pool = new AgentSnapshot[agents.Count];
        if (agents is AgentSnapshot[] array) Array.Copy(array, pool, pool.Length);
        else if (agents is List<AgentSnapshot> list) list.CopyTo(pool);
        else for (var i = 0; i < pool.Length; i++) pool[i] = agents[i];
        return Decide(@case, pool, pool.Length, now, default(NoRecorder));
    }

    /// <summary>
    /// Routes <paramref name="case"/> among the agents in <paramref name="index"/>, with the same
    /// decision as routing among all of them. Each step walks the index's ready buckets of the
    /// case's skill and the step's tiers (and of the case's team, for a transferred case), best
    /// first, and stops a bucket where no agent left in it could beat the best found
    /// (<see cref="AgentScorer.Ceiling"/>); the urgent step also looks at the on-call agents with a
    /// slot free. So the cost grows with the agents passed over, not with the desk. A case of an
    /// owned account goes through <see cref="OwnerSteps"/> over the pool of agents who could take
    /// it. The decision is explained (<see cref="RoutingDecision.Explain"/>) by replaying the tree
    /// over every agent with the skill, which must give the same result.
    /// </summary>
    public RoutingDecision Route(CaseToRoute @case, AgentIndex index, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(index);
        if (Owners.Applies(@case))
        {
            var pool = index.PoolFor(@case.RequiredSkill, @case.Account!.OwnerAgentId, @case.Account.OwnerTeamId, out var count);
            return Decide(@case, pool, count, now, default(NoRecorder));
        }
        var lane = LaneOf(@case);
        var skill = @case.RequiredSkill;
        var extraCeiling = Scorer.ExtraCeiling(@case, now);
        var exactIdle = index.CapacitiesWithinTieBreak;
        var visited = 0;
        foreach (var step in DecisionTree.PlanFor(lane))
        {
            if (!DecisionTree.Runs(step, @case.Priority) || DecisionTree.ClosedToPool(step, lane)) continue;
            var skillRequired = SkillRequired(step);
            var onCallStep = step == RoutingStep.SeniorOrOnCall;
            var best = new Best();
            foreach (var tier in DecisionTree.ReadyTiers(step, lane))
            {
                for (var proficiency = AgentSkill.MaxProficiency; proficiency >= (skillRequired ? AgentSkill.MinProficiency : 0); proficiency--)
                {
                    if (index.Ready(skill, tier, proficiency, @case.TeamId) is not { } bucket) continue;
                    foreach (var agent in bucket)
                    {
                        // Along the bucket no one can score above this agent's ceiling: stop once it is below the best.
                        if (best.Agent is not null && AgentScorer.Ceiling(agent, proficiency, extraCeiling, now, exactIdle) < best.Score) break;
                        visited++;
                        Consider(step, lane, agent, @case, skillRequired, onCallStep, now, ref best);
                    }
                }
            }
            if (onCallStep)
            {
                foreach (var agent in index.OnCallWithRoom)
                {
                    visited++;
                    Consider(step, lane, agent, @case, skillRequired, onCallStep, now, ref best);
                }
            }
            if (best.Agent is { } chosen)
                return new RoutingDecision(this, @case, now, index, visited, RoutingOutcome.Offer, step, chosen, best.Score, OfferReason(step));
        }
        return new RoutingDecision(this, @case, now, index, visited, RoutingOutcome.Queue, RoutingStep.Queue, null, null, QueueReason(lane, @case.Priority));
    }

    /// <summary>The checks and the choice of <see cref="Decide{TRecorder}"/> for one agent of a step.</summary>
    private void Consider(RoutingStep step, CaseLane lane, AgentSnapshot agent, CaseToRoute @case, bool skillRequired, bool onCallStep, DateTime now, ref Best best)
    {
        if (!DecisionTree.InPool(step, agent, lane)) return;
        var proficiency = agent.Skills[@case.RequiredSkill];
        if (Drops(agent, @case, proficiency, skillRequired, onCallStep) is not null) return;
        var score = Scorer.Score(agent, @case, proficiency, now);
        if (best.Agent is null || AgentSelector.Prefers(agent, score, proficiency, best.Agent, best.Score, best.Proficiency))
            best = new Best { Agent = agent, Score = score, Proficiency = proficiency };
    }

    /// <summary>The filter that drops an agent of a step's pool, in the order the tree applies them (team, eligibility, capacity); null when eligible.</summary>
    private CandidateFilter? Drops(AgentSnapshot agent, CaseToRoute @case, int proficiency, bool skillRequired, bool onCallStep) =>
        !TeamFilter.Admits(agent, @case) ? CandidateFilter.Team
        : _eligibility.Check(agent, @case, proficiency, skillRequired, onCallStep) is { } dropped ? dropped
        : !CapacityLimiter.Admits(agent) ? CandidateFilter.Capacity
        : null;

    private struct Best
    {
        public AgentSnapshot? Agent;
        public double Score;
        public int Proficiency;
    }

    /// <summary>
    /// Routes <paramref name="case"/> as if <paramref name="agent"/> were the only agent: for a
    /// queued case handed to an agent who just became free. Queue if the agent may not take it.
    /// </summary>
    public RoutingDecision RouteTo(CaseToRoute @case, AgentSnapshot agent, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(agent);
        return Decide(@case, [agent], 1, now, default(NoRecorder));
    }

    /// <summary>Whether some step of the tree would offer <paramref name="case"/> to <paramref name="agent"/> were they the only agent.</summary>
    public bool CanTake(AgentSnapshot agent, CaseToRoute @case)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(@case);
        if (!TeamFilter.Admits(agent, @case)) return false;
        if (@case.ExcludedAgents.Count != 0 && @case.ExcludedAgents.Contains(agent.Id)) return false;
        return MayServe(agent, @case.RequiredSkill, LaneOf(@case), @case.Priority);
    }

    /// <summary>Step 3's gate: whether the frontline may take this specialist case with guidance.</summary>
    public bool FrontlineMayGuide(CaseToRoute @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return !@case.IsEngineering && AllowsGuidance(@case.Category) && (!@case.IsDispute || Options.FrontlineGuidanceForDisputes);
    }

    internal CaseLane LaneOf(CaseToRoute @case) =>
        @case.IsEngineering ? CaseLane.Engineering
        : !@case.NeedsSpecialist ? CaseLane.Frontline
        : FrontlineMayGuide(@case) ? CaseLane.Guided
        : CaseLane.SpecialistOnly;

    /// <summary>
    /// Whether some step admits <paramref name="agent"/> for every case with this skill, lane and
    /// base priority, before the per-case team and exclusion checks. The same rules as
    /// <see cref="Decide{T}"/>, for the queue to skip whole sub-queues.
    /// </summary>
    internal bool MayServe(AgentSnapshot agent, Skill skill, CaseLane lane, CasePriority priority)
    {
        if (!CapacityLimiter.Admits(agent)) return false;
        if (agent.OffHours && !CaseToRoute.RoutesAnyHour(skill, priority)) return false;
        var proficiency = agent.Skills[skill];
        foreach (var step in DecisionTree.PlanFor(lane))
        {
            if (!DecisionTree.Runs(step, priority) || DecisionTree.ClosedToPool(step, lane) || !DecisionTree.InPool(step, agent, lane)) continue;
            var onCallStep = step == RoutingStep.SeniorOrOnCall;
            if (SkillRequired(step) && proficiency < AgentSkill.MinProficiency) continue;
            if (_eligibility.PresenceAllows(agent, onCallStep)) return true;
        }
        return false;
    }

    internal RoutingDecision Decide<TRecorder>(CaseToRoute @case, AgentSnapshot[] pool, int count, DateTime now, TRecorder recorder)
        where TRecorder : IRouteRecorder
    {
        if (Owners.Applies(@case) && Owners.Decide(this, @case, pool, count, now, recorder) is { } owned) return owned;
        var lane = LaneOf(@case);
        var skill = @case.RequiredSkill;
        foreach (var step in DecisionTree.PlanFor(lane))
        {
            if (!DecisionTree.Runs(step, @case.Priority))
            {
                recorder.Skipped(step);
                continue;
            }
            var closed = DecisionTree.ClosedToPool(step, lane);
            if (closed && !recorder.Recording) continue;
            recorder.Begin(step, closed ? FrontlineNotAllowed(@case) : null);

            var skillRequired = SkillRequired(step);
            var onCallStep = step == RoutingStep.SeniorOrOnCall;
            var best = -1;
            var bestScore = 0d;
            var bestProficiency = 0;
            for (var i = 0; i < count; i++)
            {
                var agent = pool[i];
                if (!DecisionTree.InPool(step, agent, lane)) continue;
                if (closed) { recorder.Dropped(agent, CandidateFilter.FrontlineNotAllowed); continue; }
                var proficiency = agent.Skills[skill];
                if (Drops(agent, @case, proficiency, skillRequired, onCallStep) is { } dropped) { recorder.Dropped(agent, dropped); continue; }

                var score = Scorer.Score(agent, @case, proficiency, now);
                recorder.Eligible(agent, score);
                if (best < 0 || AgentSelector.Prefers(agent, score, proficiency, pool[best], bestScore, bestProficiency))
                {
                    best = i;
                    bestScore = score;
                    bestProficiency = proficiency;
                }
            }
            recorder.End(best < 0 ? null : pool[best]);
            if (best >= 0)
                return new RoutingDecision(this, @case, now, pool, count, RoutingOutcome.Offer, step, pool[best], bestScore, OfferReason(step));
        }
        return new RoutingDecision(this, @case, now, pool, count, RoutingOutcome.Queue, RoutingStep.Queue, null, null, QueueReason(lane, @case.Priority));
    }

    internal string FrontlineNotAllowed(CaseToRoute @case) =>
        @case.IsDispute && AllowsGuidance(@case.Category)
            ? $"Frontline not allowed for {@case.Category} disputes"
            : $"Frontline not allowed for {@case.Category}";

    internal static string Describe(CandidateFilter filter, AgentSnapshot agent, CaseToRoute @case, RoutingStep step, string? closedReason) => filter switch
    {
        CandidateFilter.FrontlineNotAllowed => closedReason ?? "Frontline not allowed",
        CandidateFilter.Team => TeamFilter.Describe(),
        CandidateFilter.Capacity => CapacityLimiter.Describe(agent),
        _ => EligibilityFilter.Describe(filter, agent, @case, step == RoutingStep.SeniorOrOnCall),
    };

    private bool SkillRequired(RoutingStep step) => step != RoutingStep.SeniorOrOnCall || Options.UrgentFallbackRequiresSkill;

    private bool AllowsGuidance(IssueCategory category) => (uint)category < (uint)_frontlineGuidance.Length && _frontlineGuidance[(int)category];

    private static string OfferReason(RoutingStep step) => step switch
    {
        RoutingStep.Specialist => "Available specialist with the skill",
        RoutingStep.FrontlineWithGuidance => "No specialist available; frontline agent with the skill, with guidance",
        RoutingStep.Frontline => "Available frontline agent with the skill",
        RoutingStep.SeniorOrOnCall => "Urgent and no specialist available; senior or on-call agent",
        RoutingStep.Engineering => "Available engineer",
        _ => "",
    };

    private static string QueueReason(CaseLane lane, CasePriority priority)
    {
        var urgent = priority == CasePriority.Urgent;
        return lane switch
        {
            CaseLane.Engineering => urgent ? NoEngineer + ", nor an on-call engineer" : NoEngineer,
            CaseLane.Frontline => urgent ? NoAgent + AndNoFallback : NoAgent,
            _ => urgent ? NoSpecialist + AndNoFallback : NoSpecialist,
        };
    }
}
