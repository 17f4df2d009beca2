using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Identity;

/// <summary>An agent record as signing in needs it: who the agent is, their team, and whether they lead it.</summary>
/// <param name="AgentId">The agent record.</param>
/// <param name="DisplayName">The name the console shows.</param>
/// <param name="Email">The agent's email, which is also their login.</param>
/// <param name="TeamId">The agent's team.</param>
/// <param name="TeamName">The team's name.</param>
/// <param name="LeadsTeam">Whether the agent leads their team, and so signs in as a team lead.</param>
public sealed record AgentLogin(Guid AgentId, string DisplayName, string Email, Guid TeamId, string TeamName, bool LeadsTeam);

/// <summary>Looks up the agent records that people sign in as.</summary>
public sealed class AgentLogins(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>The agent whose email is exactly <paramref name="email"/>, or null when there is none.</summary>
    public async Task<AgentLogin?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Project(db, db.Agents.Where(a => a.Email == email)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every agent whose email ends with <paramref name="domain"/> (such as <c>@agentconsole.demo</c>), by name.</summary>
    public async Task<IReadOnlyList<AgentLogin>> InDomainAsync(string domain, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var logins = await Project(db, db.Agents.Where(a => a.Email.EndsWith(domain))).ToListAsync(cancellationToken);
        return [.. logins.OrderBy(l => l.DisplayName, StringComparer.Ordinal)];
    }

    private static IQueryable<AgentLogin> Project(AgentConsoleDbContext db, IQueryable<Routing.Agent> agents) =>
        from agent in agents.AsNoTracking()
        join team in db.Teams.AsNoTracking() on agent.TeamId equals team.Id
        select new AgentLogin(agent.Id, agent.DisplayName, agent.Email, team.Id, team.Name, team.LeadAgentId == agent.Id);
}
