using AgentConsole.Core.Conversations;
using AgentConsole.Core.Integrations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Data.Seeding.History;

/// <summary>
/// The teams, agents, customers and integration a generated history happens at: four teams by
/// skill, ten agents each (every one offline now, so the live desk is untouched), and a pool of
/// customers of every tier.
/// </summary>
internal sealed class HistoryDesk
{
    public const string IntegrationName = "History import";
    private const int CustomersInPool = 2000;

    private static readonly (string Name, Skill[] Skills)[] TeamShapes =
    [
        ("History Billing", [Skill.Billing, Skill.Retention]),
        ("History Technical", [Skill.Technical, Skill.Integration]),
        ("History Accounts", [Skill.AccountManagement, Skill.ProductTraining]),
        ("History Security", [Skill.Security]),
    ];

    private HistoryDesk(Integration integration, IReadOnlyList<Team> teams, IReadOnlyList<Agent> agents, IReadOnlyList<Customer> customers)
    {
        Integration = integration;
        Teams = teams;
        Agents = agents;
        Customers = customers;
    }

    public Integration Integration { get; }
    public IReadOnlyList<Team> Teams { get; }
    public IReadOnlyList<Agent> Agents { get; }
    public IReadOnlyList<Customer> Customers { get; }

    /// <summary>The team that works cases needing <paramref name="skill"/>.</summary>
    public Team TeamFor(Skill skill) => Teams[Array.FindIndex(TeamShapes, t => t.Skills.Contains(skill))];

    /// <summary>The first skill <paramref name="team"/> works: what a case transferred to it needs.</summary>
    public Skill MainSkillOf(Team team) => TeamShapes[Teams.ToList().IndexOf(team)].Skills[0];

    /// <summary>The agents of <paramref name="team"/>.</summary>
    public IReadOnlyList<Agent> AgentsOf(Team team) => [.. Agents.Where(a => a.TeamId == team.Id)];

    /// <summary>The skill a case of <paramref name="category"/> needs.</summary>
    public static Skill SkillFor(IssueCategory category) => category switch
    {
        IssueCategory.Billing => Skill.Billing,
        IssueCategory.Cancellation => Skill.Retention,
        IssueCategory.Technical => Skill.Technical,
        IssueCategory.Integration => Skill.Integration,
        IssueCategory.AccountAccess => Skill.AccountManagement,
        IssueCategory.ProductQuestion => Skill.ProductTraining,
        IssueCategory.Security => Skill.Security,
        _ => Skill.ProductTraining,
    };

    /// <summary>A new desk of its own, made with <paramref name="random"/>, for <paramref name="db"/> to store.</summary>
    public static HistoryDesk Create(AgentConsoleDbContext db, Random random, DateTime start)
    {
        var integration = new Integration(IntegrationName, "ac_history_" + random.Next().ToString("x8"), start);
        var teams = TeamShapes.Select(t => new Team(t.Name)).ToList();
        var agents = new List<Agent>();
        for (var t = 0; t < teams.Count; t++)
        {
            for (var i = 0; i < 10; i++)
            {
                var tier = i switch { < 5 => AgentTier.Frontline, < 8 => AgentTier.Specialist, _ => AgentTier.Senior };
                var skills = TeamShapes[t].Skills.Select((s, k) => new AgentSkill(s, Math.Clamp(5 - k - (tier == AgentTier.Frontline ? 2 : 0), 1, 5)));
                var agent = new Agent($"{TeamShapes[t].Name} agent {i + 1}", $"history.{t}.{i}@agentconsole.history", teams[t].Id, tier, 4, skills);
                agent.SetPresence(Presence.Offline, start);
                agents.Add(agent);
            }
            teams[t].SetLead(agents[^1].Id);
        }
        var customers = new List<Customer>(CustomersInPool);
        for (var i = 0; i < CustomersInPool; i++)
        {
            var tier = random.NextDouble() switch { < 0.4 => CustomerTier.Free, < 0.7 => CustomerTier.Pro, < 0.9 => CustomerTier.Business, _ => CustomerTier.Enterprise };
            var customer = new Customer($"history-customer-{i}", start);
            customer.Apply(new CustomerProfile { Name = $"History customer {i}", Tier = tier, CustomerSince = start.AddDays(-random.Next(30, 2000)) }, start);
            customers.Add(customer);
        }
        db.Integrations.Add(integration);
        db.Teams.AddRange(teams);
        db.Agents.AddRange(agents);
        db.Customers.AddRange(customers);
        return new HistoryDesk(integration, teams, agents, customers);
    }
}
