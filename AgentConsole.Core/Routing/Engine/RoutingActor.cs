using AgentConsole.Core.Cases;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// Who asks the engine to do something: a signed-in user with a role, the agent record they are
/// (if any) and that agent's team, or the system. The hub, the UI and tests pass the same actor,
/// so every way in is authorized by <see cref="RoutingPermissions"/>.
/// </summary>
public sealed record RoutingActor(ConsoleRole Role, Guid? AgentId, Guid? TeamId, string Name)
{
    /// <summary>The engine itself: timers and start-up.</summary>
    public static readonly RoutingActor System = new(ConsoleRole.Supervisor, null, null, "system") { IsSystem = true };

    /// <summary>Whether this is the engine acting on its own.</summary>
    public bool IsSystem { get; private init; }

    /// <summary>An agent acting for themselves.</summary>
    public static RoutingActor ForAgent(Guid agentId, Guid teamId, string name = "agent") => new(ConsoleRole.Agent, agentId, teamId, name);

    /// <summary>A team lead, who is also an agent of their team.</summary>
    public static RoutingActor ForLead(Guid agentId, Guid teamId, string name = "lead") => new(ConsoleRole.TeamLead, agentId, teamId, name);

    /// <summary>A supervisor.</summary>
    public static RoutingActor ForSupervisor(string name = "supervisor") => new(ConsoleRole.Supervisor, null, null, name);

    /// <summary>Whether the actor sees and acts on every team.</summary>
    public bool IsSupervisor => Role is ConsoleRole.Supervisor or ConsoleRole.Admin;

    /// <summary>The kind stored on case events.</summary>
    public ActorKind Kind => IsSystem ? ActorKind.System : AgentId is not null ? ActorKind.Agent : ActorKind.User;

    /// <summary>The id stored on case events: the agent's id, else the user's name.</summary>
    public string? Id => IsSystem ? null : AgentId?.ToString() ?? Name;
}
