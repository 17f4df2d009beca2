using AgentConsole.Core.Identity;
using AgentConsole.Core.Routing.Engine;
using Microsoft.AspNetCore.Identity;

namespace AgentConsole.Hosting;

/// <summary>A demo login: who it is, the role it signs in as, and its password.</summary>
/// <param name="Role">The role the login signs in as.</param>
/// <param name="Name">The name the console shows.</param>
/// <param name="Email">The login's email.</param>
/// <param name="Password">The login's password, as the README gives it.</param>
/// <param name="Team">The agent's team, for agents and team leads.</param>
/// <param name="AgentId">The agent record, for agents and team leads.</param>
public sealed record DemoLogin(ConsoleRole Role, string Name, string Email, string Password, string? Team, Guid? AgentId);

/// <summary>
/// The console's roles, always; and in demo mode a login for every seeded agent (team leads as
/// TeamLead), a supervisor and an admin, with the passwords the README gives.
/// </summary>
public sealed class DemoUsers(IServiceScopeFactory scopes, AgentLogins agentLogins)
{
    public const string Domain = "@agentconsole.demo";
    public const string AgentPassword = "Demo-Agent-2026!";
    public const string LeadPassword = "Demo-Lead-2026!";
    public const string SupervisorEmail = "sofia.mendes@agentconsole.demo";
    public const string SupervisorPassword = "Demo-Supervisor-2026!";
    public const string AdminEmail = "admin@agentconsole.demo";
    public const string AdminPassword = "Demo-Admin-2026!";

    /// <summary>The demo logins, lowest role first: the seeded agents, their leads, the supervisor and the admin.</summary>
    public async Task<IReadOnlyList<DemoLogin>> LoginsAsync(CancellationToken cancellationToken = default)
    {
        var agents = await agentLogins.InDomainAsync(Domain, cancellationToken);
        return
        [
            .. agents.Where(a => !a.LeadsTeam).Select(a => new DemoLogin(ConsoleRole.Agent, a.DisplayName, a.Email, AgentPassword, a.TeamName, a.AgentId)),
            .. agents.Where(a => a.LeadsTeam).Select(a => new DemoLogin(ConsoleRole.TeamLead, a.DisplayName, a.Email, LeadPassword, a.TeamName, a.AgentId)),
            new DemoLogin(ConsoleRole.Supervisor, "Sofia Mendes", SupervisorEmail, SupervisorPassword, null, null),
            new DemoLogin(ConsoleRole.Admin, "Desk Admin", AdminEmail, AdminPassword, null, null),
        ];
    }

    public async Task ApplyAsync(bool demo, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in ConsoleRoles.All)
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)));
        if (!demo) return;

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        foreach (var login in await LoginsAsync(cancellationToken)) await EnsureAsync(users, login);
    }

    private static async Task EnsureAsync(UserManager<ConsoleUser> users, DemoLogin login)
    {
        if (await users.FindByEmailAsync(login.Email) is not null) return;
        var user = new ConsoleUser { UserName = login.Email, Email = login.Email, EmailConfirmed = true, DisplayName = login.Name, AgentId = login.AgentId };
        Check(await users.CreateAsync(user, login.Password));
        Check(await users.AddToRoleAsync(user, login.Role.ToString()));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("Seeding the demo users failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
