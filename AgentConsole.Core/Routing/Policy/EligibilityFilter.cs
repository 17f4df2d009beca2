namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// Policy step: whether an agent may be offered new work at all. The agent needs the case's
/// skill (proficiency 1 or more, unless the step waives it), must not have declined or timed out
/// on this case, must be within their team's business hours unless the case is urgent or a security
/// case, and must be Available. At the senior/on-call step an on-call agent is also
/// eligible in any presence that counts as reachable (see
/// <see cref="RoutingPolicyOptions.OnCallReachablePresences"/>).
/// </summary>
public sealed class EligibilityFilter
{
    private readonly bool[] _onCallReachable;

    /// <summary>A filter with the on-call presences from <paramref name="options"/>.</summary>
    public EligibilityFilter(RoutingPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _onCallReachable = new bool[Enum.GetValues<Presence>().Max(p => (int)p) + 1];
        foreach (var presence in options.OnCallReachablePresences) _onCallReachable[(int)presence] = true;
    }

    /// <summary>
    /// The filter that drops <paramref name="agent"/>, or null if eligible.
    /// </summary>
    /// <param name="agent">The candidate.</param>
    /// <param name="case">The case being routed.</param>
    /// <param name="proficiency">The agent's proficiency in the case's skill (0 without it).</param>
    /// <param name="skillRequired">Whether the step needs the skill.</param>
    /// <param name="onCallStep">Whether this is the senior/on-call step, where on-call agents need only be reachable.</param>
    public CandidateFilter? Check(AgentSnapshot agent, CaseToRoute @case, int proficiency, bool skillRequired, bool onCallStep)
    {
        if (skillRequired && proficiency < AgentSkill.MinProficiency) return CandidateFilter.Skill;
        var excluded = @case.ExcludedAgents;
        if (excluded.Count != 0 && excluded.Contains(agent.Id)) return CandidateFilter.Excluded;
        if (agent.OffHours && !@case.RoutesOutOfHours) return CandidateFilter.OutOfHours;
        if (!PresenceAllows(agent, onCallStep)) return CandidateFilter.Presence;
        return null;
    }

    /// <summary>Whether the agent's presence allows an offer at this step.</summary>
    public bool PresenceAllows(AgentSnapshot agent, bool onCallStep) =>
        agent.Presence == Presence.Available
        || (onCallStep && agent.OnCall && (uint)agent.Presence < (uint)_onCallReachable.Length && _onCallReachable[(int)agent.Presence]);

    /// <summary>Why the filter dropped an agent, in words a team lead reads.</summary>
    public static string Describe(CandidateFilter filter, AgentSnapshot agent, CaseToRoute @case, bool onCallStep) => filter switch
    {
        CandidateFilter.Skill => $"No {@case.RequiredSkill} skill",
        CandidateFilter.Excluded => "Declined this case or let its offer time out",
        CandidateFilter.OutOfHours => "Team closed (out of business hours); only urgent and security cases",
        CandidateFilter.Presence => onCallStep && agent.OnCall ? $"{PresenceText(agent.Presence)} (on call, but not reachable)" : PresenceText(agent.Presence),
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Not an eligibility filter."),
    };

    /// <summary>A presence as a team lead reads it.</summary>
    public static string PresenceText(Presence presence) => presence == Presence.InMeeting ? "In a meeting" : presence.ToString();
}
