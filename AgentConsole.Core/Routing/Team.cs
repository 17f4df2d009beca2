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
}
