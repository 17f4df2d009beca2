using Microsoft.AspNetCore.Identity;

namespace AgentConsole.Core.Identity;

/// <summary>
/// A person who signs in to the console. An agent or team lead is linked to their agent record;
/// supervisors and admins need none. The role (<see cref="ConsoleRoles"/>) says what they may do.
/// </summary>
public sealed class ConsoleUser : IdentityUser
{
    /// <summary>The name shown in the console.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The agent record this user works as, for agents and team leads.</summary>
    public Guid? AgentId { get; set; }
}

/// <summary>The console's roles, as stored by Identity.</summary>
public static class ConsoleRoles
{
    public const string Agent = "Agent";
    public const string TeamLead = "TeamLead";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";

    /// <summary>Every role, lowest first.</summary>
    public static readonly IReadOnlyList<string> All = [Agent, TeamLead, Supervisor, Admin];
}
