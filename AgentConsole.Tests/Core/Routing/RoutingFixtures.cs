using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Routing;

/// <summary>Builders for routing tests: agents, cases and policies with readable defaults.</summary>
internal static class RoutingFixtures
{
    public static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    public static readonly Guid BillingTeam = Guid.Parse("0b000000-0000-0000-0000-000000000001");
    public static readonly Guid TechTeam = Guid.Parse("0b000000-0000-0000-0000-000000000002");

    public static AgentSnapshot Agent(
        string name,
        AgentTier tier = AgentTier.Specialist,
        Skill skill = Skill.Billing,
        int proficiency = 3,
        int capacity = 3,
        int load = 0,
        Presence presence = Presence.Available,
        bool onCall = false,
        DateTime? lastAssignedAt = null,
        Guid? team = null,
        Guid? id = null) =>
        new(id ?? Guid.NewGuid(), name, team ?? BillingTeam, tier,
            proficiency == 0 ? SkillLevels.None : SkillLevels.Of((skill, proficiency)),
            capacity, load, onCall, presence, lastAssignedAt ?? Now.AddMinutes(-10));

    public static CaseToRoute Case(
        IssueCategory category = IssueCategory.Billing,
        Skill skill = Skill.Billing,
        AgentTier tier = AgentTier.Specialist,
        CasePriority priority = CasePriority.Normal,
        DateTime? queuedAt = null,
        long id = 1,
        bool dispute = false) =>
        new(id, category, skill, tier, priority, queuedAt ?? Now) { IsDispute = dispute };

    public static RoutingPolicy Policy(Action<RoutingPolicyOptions>? configure = null)
    {
        var options = ShippedSettings.Routing();
        configure?.Invoke(options);
        return new RoutingPolicy(options);
    }

    public static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    /// <summary>A random but reproducible population of agents, for property tests.</summary>
    public static AgentSnapshot[] RandomAgents(Random random, int count, Guid[]? teams = null)
    {
        teams ??= [BillingTeam, TechTeam];
        var skills = Enum.GetValues<Skill>();
        var agents = new AgentSnapshot[count];
        for (var i = 0; i < count; i++)
        {
            var levels = SkillLevels.None;
            foreach (var skill in skills)
                if (random.NextDouble() < 0.35) levels = levels.With(skill, random.Next(1, 6));
            var capacity = random.Next(0, 6);
            agents[i] = new AgentSnapshot(Id(i + 1), $"Agent {i + 1}", teams[random.Next(teams.Length)], (AgentTier)random.Next(0, 4), levels,
                capacity, random.Next(0, capacity + 1), random.NextDouble() < 0.2, (Presence)random.Next(0, 5),
                random.NextDouble() < 0.15 ? null : Now.AddMinutes(-random.Next(0, 600)));
        }
        return agents;
    }

    /// <summary>A random but reproducible case, for property tests.</summary>
    public static CaseToRoute RandomCase(Random random, long id, IReadOnlyList<AgentSnapshot> agents, Guid[]? teams = null)
    {
        teams ??= [BillingTeam, TechTeam];
        var excluded = new HashSet<Guid>();
        if (random.NextDouble() < 0.2)
            for (var i = 0; i < 3; i++) excluded.Add(agents[random.Next(agents.Count)].Id);
        return new CaseToRoute(id, (IssueCategory)random.Next(0, 8), (Skill)random.Next(0, 7), (AgentTier)random.Next(0, 4),
            (CasePriority)random.Next(0, 4), Now.AddMinutes(-random.Next(0, 240)))
        {
            IsDispute = random.NextDouble() < 0.3,
            TeamId = random.NextDouble() < 0.15 ? teams[random.Next(teams.Length)] : null,
            ExcludedAgents = excluded,
        };
    }
}
