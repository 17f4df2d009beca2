using System.Globalization;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// Policy steps for owned accounts, run before the decision tree for a case whose account is
/// owned and qualifies (<see cref="OwnerRoutingOptions"/>):
/// <list type="number">
/// <item><see cref="RoutingStep.AccountOwner"/>: the owning agent, when Available with spare capacity.</item>
/// <item>While the owner is online but cannot take it (at capacity, Busy, in a meeting), the case waits for them until
/// <see cref="RoutingPolicyOptions.OwnerWaitSeconds"/> after it opened (<see cref="WaitEnds"/>); an urgent case does not wait.</item>
/// <item><see cref="RoutingStep.OwnerTeam"/>: the owner's team (or the owning team), the owner aside.</item>
/// </list>
/// Then the tree as usual. Both steps waive the skill: a dedicated account manager takes the
/// account's case whatever the topic, and proficiency still ranks skilled team members first. They
/// still respect presence, declines and capacity. Security cases, product defects (the Engineering
/// lane) and cases transferred to a team skip them: those need their specialists or their new team.
/// </summary>
public sealed class OwnerSteps
{
    private readonly RoutingPolicyOptions _options;
    private readonly EligibilityFilter _eligibility;

    internal OwnerSteps(RoutingPolicyOptions options, EligibilityFilter eligibility)
    {
        _options = options;
        _eligibility = eligibility;
    }

    /// <summary>Whether <paramref name="case"/> takes the owner steps.</summary>
    public bool Applies(CaseToRoute @case) =>
        @case.Account is { IsOwned: true } account && @case.TeamId is null && !@case.IsEngineering && @case.RequiredSkill != Skill.Security
        && _options.OwnerRouting.Qualifies(account.Tier, account.AnnualContractValue);

    /// <summary>The agent the case goes to first, if the owner steps apply and an agent owns the account.</summary>
    public Guid? OwnerOf(CaseToRoute @case) => Applies(@case) ? @case.Account!.OwnerAgentId : null;

    /// <summary>Until when the case may wait for a busy owner; null when it never waits (an urgent case never does).</summary>
    public DateTime? WaitEnds(CaseToRoute @case) =>
        _options.OwnerWaitSeconds > 0 && @case.Priority != CasePriority.Urgent && OwnerOf(@case) is not null
            ? (@case.OpenedAt ?? @case.QueuedAt) + TimeSpan.FromSeconds(_options.OwnerWaitSeconds)
            : null;

    /// <summary>
    /// Whether the waiting case is kept from <paramref name="agent"/> at <paramref name="now"/>:
    /// its owner's wait is still open, the agent is not the owner, and the owner has not declined it.
    /// </summary>
    public bool HoldsFrom(CaseToRoute @case, Guid agent, DateTime now) =>
        WaitEnds(@case) is { } ends && now < ends && @case.Account!.OwnerAgentId is { } owner && owner != agent && !@case.ExcludedAgents.Contains(owner);

    internal RoutingDecision? Decide<TRecorder>(RoutingPolicy policy, CaseToRoute @case, AgentSnapshot[] pool, int count, DateTime now, TRecorder recorder)
        where TRecorder : IRouteRecorder
    {
        var account = @case.Account!;
        AgentSnapshot? owner = null;
        if (account.OwnerAgentId is { } ownerId)
        {
            recorder.Begin(RoutingStep.AccountOwner, null);
            for (var i = 0; i < count && owner is null; i++)
                if (pool[i].Id == ownerId) owner = pool[i];
            var taken = owner is not null && Admits(owner, @case, recorder);
            recorder.End(taken ? owner : null);
            if (taken)
                return Offer(policy, @case, pool, count, now, RoutingStep.AccountOwner, owner!, $"Account owner {account.OwnerName ?? owner!.Name}{account.CompanyNote}");
            if (WaitsFor(owner, @case, now) is { } until)
                return new RoutingDecision(policy, @case, now, pool, count, RoutingOutcome.Queue, RoutingStep.AccountOwner, null, null,
                    string.Create(CultureInfo.InvariantCulture, $"Waiting for account owner {account.OwnerName ?? owner?.Name}{account.CompanyNote} until {until:HH:mm:ss} UTC"));
        }

        if ((account.OwnerTeamId ?? owner?.TeamId) is not { } team) return null;
        recorder.Begin(RoutingStep.OwnerTeam, null);
        var best = -1;
        var bestScore = 0d;
        var bestProficiency = 0;
        for (var i = 0; i < count; i++)
        {
            var agent = pool[i];
            if (agent.TeamId != team || agent.Id == account.OwnerAgentId || !Admits(agent, @case, recorder)) continue;
            var proficiency = agent.Skills[@case.RequiredSkill];
            var score = policy.Scorer.Score(agent, @case, proficiency, now);
            recorder.Eligible(agent, score);
            if (best < 0 || AgentSelector.Prefers(agent, score, proficiency, pool[best], bestScore, bestProficiency))
                (best, bestScore, bestProficiency) = (i, score, proficiency);
        }
        recorder.End(best < 0 ? null : pool[best]);
        return best < 0 ? null : Offer(policy, @case, pool, count, now, RoutingStep.OwnerTeam, pool[best], $"Owner's team {account.OwnerTeamName ?? "of the account"}{account.CompanyNote}");
    }

    // Presence, declines and capacity; the skill is waived.
    private bool Admits<TRecorder>(AgentSnapshot agent, CaseToRoute @case, TRecorder recorder) where TRecorder : IRouteRecorder
    {
        if (_eligibility.Check(agent, @case, agent.Skills[@case.RequiredSkill], skillRequired: false, onCallStep: false) is { } dropped)
        {
            recorder.Dropped(agent, dropped);
            return false;
        }
        if (CapacityLimiter.Admits(agent)) return true;
        recorder.Dropped(agent, CandidateFilter.Capacity);
        return false;
    }

    // The owner is online (or unknown to this decision, as when one freed agent is routed alone) and the wait is open.
    private DateTime? WaitsFor(AgentSnapshot? owner, CaseToRoute @case, DateTime now)
    {
        if (WaitEnds(@case) is not { } ends || now >= ends) return null;
        if (@case.ExcludedAgents.Contains(@case.Account!.OwnerAgentId!.Value)) return null;
        return owner is { Presence: Presence.Away or Presence.Offline } ? null : ends;
    }

    private static RoutingDecision Offer(RoutingPolicy policy, CaseToRoute @case, AgentSnapshot[] pool, int count, DateTime now, RoutingStep step, AgentSnapshot agent, string reason) =>
        new(policy, @case, now, pool, count, RoutingOutcome.Offer, step, agent, policy.Scorer.Score(agent, @case, agent.Skills[@case.RequiredSkill], now), reason);
}
