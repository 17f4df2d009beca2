namespace AgentConsole.Core.Routing.Engine;

/// <summary>Where an agent transfers a case: exactly one of a skill, a team or an agent.</summary>
public sealed record TransferTarget(Skill? Skill = null, Guid? TeamId = null, Guid? AgentId = null)
{
    public static TransferTarget ToSkill(Skill skill) => new(Skill: skill);
    public static TransferTarget ToTeam(Guid teamId) => new(TeamId: teamId);
    public static TransferTarget ToAgent(Guid agentId) => new(AgentId: agentId);

    public bool IsValid => (Skill is null ? 0 : 1) + (TeamId is null ? 0 : 1) + (AgentId is null ? 0 : 1) == 1;
}
