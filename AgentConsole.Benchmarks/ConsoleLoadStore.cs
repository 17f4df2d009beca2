using AgentConsole.Core.Data;
using AgentConsole.Core.Identity;
using AgentConsole.Core.Integrations;
using AgentConsole.Core.Routing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Benchmarks;

/// <summary>An agent of the console-load store, with the login that signs them in.</summary>
public sealed record ConsoleLoadAgent(Guid Id, string Email);

/// <summary>
/// Prepares the console-load tool's store before the app starts: the migrations, teams of agents who
/// are all Available specialists with every skill (so offers spread over every console by load),
/// a console login for each (through ASP.NET Core Identity, as the admin's user page creates them),
/// and one bot integration with a fresh API key.
/// </summary>
public static class ConsoleLoadStore
{
    /// <summary>The password of every load agent's login; it meets the console's password policy.</summary>
    public const string Password = "Load-Agent-2026!";

    private const int AgentsPerTeam = 25;
    private const int Capacity = 100;
    private const int Proficiency = 4;

    /// <summary>Migrates <paramref name="database"/> and fills it; returns the agents and the integration's key.</summary>
    public static async Task<(IReadOnlyList<ConsoleLoadAgent> Agents, string ApiKey)> PopulateAsync(string database, string folder, int count,
        CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // The factory for the migrations; Identity's stores take the scoped context it registers too.
        services.AddDbContextFactory<AgentConsoleDbContext>(o => StoreConfiguration.Configure(o, DatabaseOptions.SqliteProvider, $"Data Source={database}", folder));
        services.AddIdentityCore<ConsoleUser>(o => o.User.RequireUniqueEmail = true)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AgentConsoleDbContext>();
        await using var provider = services.BuildServiceProvider();
        await DatabaseInitializer.MigrateAsync(provider.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>(), cancellationToken);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AgentConsoleDbContext>();

        var now = DateTime.UtcNow;
        var apiKey = ApiKeys.Generate();
        db.Integrations.Add(new Integration("console-load bot", apiKey, now));
        var teams = Enumerable.Range(0, (count + AgentsPerTeam - 1) / AgentsPerTeam).Select(t => new Team($"Console team {t + 1}")).ToList();
        db.Teams.AddRange(teams);
        var agents = new List<(Agent Agent, ConsoleLoadAgent Login)>(count);
        for (var i = 0; i < count; i++)
        {
            var email = $"console-agent-{i:000}@agentconsole.load";
            var agent = new Agent($"Console Agent {i:000}", email, teams[i / AgentsPerTeam].Id, AgentTier.Specialist, Capacity,
                Enum.GetValues<Skill>().Select(s => new AgentSkill(s, Proficiency)));
            agent.SetPresence(Presence.Available, now);
            db.Agents.Add(agent);
            agents.Add((agent, new ConsoleLoadAgent(agent.Id, email)));
        }
        await db.SaveChangesAsync(cancellationToken);

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in ConsoleRoles.All)
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        foreach (var (agent, login) in agents)
        {
            var user = new ConsoleUser { UserName = login.Email, Email = login.Email, EmailConfirmed = true, DisplayName = agent.DisplayName, AgentId = agent.Id };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, ConsoleRoles.Agent));
        }
        SqliteConnection.ClearAllPools();
        return ([.. agents.Select(a => a.Login)], apiKey);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("Creating the load logins failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
