namespace AgentConsole.Core.Routing.Policy;

/// <summary>Policy step: a case transferred to a team is offered only to that team's agents.</summary>
public static class TeamFilter
{
    /// <summary>Whether <paramref name="agent"/> may take <paramref name="case"/> as far as teams go.</summary>
    public static bool Admits(AgentSnapshot agent, CaseToRoute @case) => @case.TeamId is not { } team || agent.TeamId == team;

    /// <summary>Why the filter dropped an agent.</summary>
    public static string Describe() => "In another team than the case's";
}
