using AgentConsole.Core.Data;
using AgentConsole.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Hosting;

/// <summary>
/// The console's roles, always; and in demo mode a login for every seeded agent (team leads as
/// TeamLead), a supervisor and an admin, with the passwords the README gives.
/// </summary>
public sealed class DemoUsers(IServiceScopeFactory scopes, IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    public const string AgentPassword = "Demo-Agent-2026!";
    public const string LeadPassword = "Demo-Lead-2026!";
    public const string SupervisorEmail = "sofia.mendes@agentconsole.demo";
    public const string SupervisorPassword = "Demo-Supervisor-2026!";
    public const string AdminEmail = "admin@agentconsole.demo";
    public const string AdminPassword = "Demo-Admin-2026!";

    public async Task ApplyAsync(bool demo, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in ConsoleRoles.All)
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)));
        if (!demo) return;

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().Where(a => a.Email.EndsWith("@agentconsole.demo")).ToListAsync(cancellationToken);
        var leads = await db.Teams.AsNoTracking().Where(t => t.LeadAgentId != null).Select(t => t.LeadAgentId!.Value).ToListAsync(cancellationToken);
        foreach (var agent in agents)
        {
            var lead = leads.Contains(agent.Id);
            await EnsureAsync(users, agent.Email, agent.DisplayName, lead ? ConsoleRoles.TeamLead : ConsoleRoles.Agent, lead ? LeadPassword : AgentPassword, agent.Id);
        }
        await EnsureAsync(users, SupervisorEmail, "Sofia Mendes", ConsoleRoles.Supervisor, SupervisorPassword, null);
        await EnsureAsync(users, AdminEmail, "Desk Admin", ConsoleRoles.Admin, AdminPassword, null);
    }

    private static async Task EnsureAsync(UserManager<ConsoleUser> users, string email, string name, string role, string password, Guid? agentId)
    {
        if (await users.FindByEmailAsync(email) is not null) return;
        var user = new ConsoleUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, AgentId = agentId };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("Seeding the demo users failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
