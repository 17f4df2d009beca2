using AgentConsole.Core.Common;

namespace AgentConsole.Core.Conversations;

/// <summary>
/// Who owns a customer's account: an agent (their dedicated account manager), a team, or no one
/// (<see cref="None"/>). Never both an agent and a team: an agent owner's team is their own.
/// </summary>
/// <param name="AgentId">The owning agent, when an agent owns the account.</param>
/// <param name="TeamId">The owning team, when a team owns the account.</param>
public sealed record AccountOwner(Guid? AgentId, Guid? TeamId)
{
    /// <summary>No owner: the account's cases are routed by the decision tree alone.</summary>
    public static AccountOwner None { get; } = new(null, null);

    /// <summary>An account owned by the agent <paramref name="agentId"/>.</summary>
    public static AccountOwner Agent(Guid agentId) => new(agentId, null);

    /// <summary>An account owned by the team <paramref name="teamId"/>.</summary>
    public static AccountOwner Team(Guid teamId) => new(null, teamId);

    /// <summary>Whether no one owns the account.</summary>
    public bool IsNone => AgentId is null && TeamId is null;

    /// <summary>Refuses an owner that names both an agent and a team.</summary>
    /// <exception cref="DomainException">Both are set.</exception>
    public void EnsureValid()
    {
        if (AgentId is not null && TeamId is not null) throw new DomainException("An account is owned by an agent or by a team, not both.");
    }
}
