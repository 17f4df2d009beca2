namespace AgentConsole.Core.Routing;

/// <summary>A team of agents with a lead; team leads see and act on their own team's queue.</summary>
public sealed class Team
{
    private Team() { }

    public Team(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = Guid.CreateVersion7();
        Name = name;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Whether routed cases are assigned to this team's agents outright instead of offered.</summary>
    public bool AutoAssign { get; private set; }

    /// <summary>The agent who leads the team: they see its queue, reassign its cases and get its alerts.</summary>
    public Guid? LeadAgentId { get; private set; }

    public void SetAutoAssign(bool autoAssign) => AutoAssign = autoAssign;

    public void SetLead(Guid? agentId) => LeadAgentId = agentId;
}
