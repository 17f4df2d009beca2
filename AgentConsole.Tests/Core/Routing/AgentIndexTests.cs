using System.Collections.Immutable;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;
using static AgentConsole.Tests.Core.Routing.RoutingFixtures;

namespace AgentConsole.Tests.Core.Routing;

public sealed class AgentIndexTests
{
    private readonly RoutingPolicy _policy = Policy();

    [Fact]
    public void RoutesOnTheLatestSnapshotOfEachAgent()
    {
        var marcus = Agent("Marcus", proficiency: 5);
        var dana = Agent("Dana", proficiency: 4);
        var index = new AgentIndex([marcus, dana]);

        index.Upsert(marcus with { Load = 3 });
        var decision = _policy.Route(Case(), index, Now);

        Assert.Same(dana, decision.Agent);
        Assert.Equal(2, index.Count);
        Assert.True(index.TryGet(marcus.Id, out var stored));
        Assert.Equal(3, stored.Load);
    }

    [Fact]
    public void FollowsAnAgentWhoseSkillsChange()
    {
        var marcus = Agent("Marcus");
        var index = new AgentIndex([marcus]);

        index.Upsert(marcus with { Skills = SkillLevels.Of((Skill.Technical, 4)) });

        Assert.Equal(RoutingOutcome.Queue, _policy.Route(Case(dispute: true), index, Now).Outcome);
        Assert.Equal(marcus.Id, _policy.Route(Case(IssueCategory.Technical, Skill.Technical), index, Now).Agent?.Id);
    }

    [Fact]
    public void AnAgentPutOnCallBecomesReachableForUrgentCasesWithoutTheSkill()
    {
        var sam = Agent("Sam", AgentTier.Frontline, Skill.ProductTraining, presence: Presence.Busy);
        var index = new AgentIndex([sam]);
        var urgent = Case(IssueCategory.Security, Skill.Security, AgentTier.Senior, CasePriority.Urgent);
        var before = _policy.Route(urgent, index, Now);

        index.Upsert(sam with { OnCall = true });
        var after = _policy.Route(urgent, index, Now);

        Assert.Equal(RoutingOutcome.Queue, before.Outcome);
        Assert.Equal(sam.Id, after.Agent?.Id);
    }

    [Fact]
    public void ARemovedAgentIsNoLongerRouted()
    {
        var marcus = Agent("Marcus");
        var index = new AgentIndex([marcus]);

        Assert.True(index.Remove(marcus.Id));
        Assert.False(index.Remove(marcus.Id));
        Assert.Equal(RoutingOutcome.Queue, _policy.Route(Case(), index, Now).Outcome);
        Assert.Empty(index.Agents);
    }

    [Fact]
    public void AtTenTimesTheAgentsADecisionLooksAtFewMoreOfThem()
    {
        // The same mix of agents at two sizes, every one Available with a slot free: a walk over everyone with
        // the skill would look at ten times as many agents at the larger size. Agents were last assigned at
        // different seconds, as at a real desk; agents tied on every term are all looked at.
        double MeanLookedAt(int agents)
        {
            var random = new Random(11);
            var population = RandomAgents(random, agents, Teams(20)).Select(a => a with
            {
                Presence = Presence.Available, Capacity = 5, Load = random.Next(0, 5),
                LastAssignedAt = random.NextDouble() < 0.01 ? null : Now.AddSeconds(-random.Next(0, 8 * 3600)),
            }).ToArray();
            var index = new AgentIndex(population);
            var withSkill = 0d;
            var lookedAt = 0d;
            for (var i = 0; i < 500; i++)
            {
                var @case = RandomCase(random, i, population, Teams(20));
                var decision = _policy.Route(@case, index, Now);
                lookedAt += decision.PoolSize;
                withSkill += population.Count(a => a.Skills.Has(@case.RequiredSkill));
                // The walk decides as the whole pool does.
                Assert.Equal(_policy.Route(@case, population, Now).Agent?.Id, decision.Agent?.Id);
            }
            Assert.True(lookedAt < withSkill / 10, $"looked at {lookedAt} agents where {withSkill} had the skill");
            return lookedAt / 500;
        }

        var small = MeanLookedAt(400);
        var large = MeanLookedAt(4_000);

        Assert.True(large < 2 * small, $"a decision looked at {small:0.0} agents on average at 400 agents and {large:0.0} at 4,000");
    }

    [Fact]
    public void RoutingThroughTheIndexDecidesLikeRoutingOverEveryAgent()
    {
        var random = new Random(3);
        var teams = Teams(4);
        var agents = RandomAgents(random, 120, teams).ToList();
        var index = new AgentIndex(agents);
        var outcomes = new OutcomeTerm(new LearningOptions { Weight = 0.5, PriorWeight = 2 });
        var affinity = new AffinityTerm(new RoutingPolicyOptions { AffinityDays = 30, AffinityWeight = 2 });
        var policies = new[] { _policy, new RoutingPolicy(ShippedSettings.Routing(), [outcomes, affinity]), Policy(o => o.UrgentFallbackRequiresSkill = true) };
        var customers = Enumerable.Range(1, 10).Select(_ => Guid.NewGuid()).ToArray();

        for (var round = 0; round < 40; round++)
        {
            // The engine's kinds of change: load, presence, a new last assignment, the on-call flag, the
            // whole agent (skills, tier, team, capacity), a departure and an arrival.
            for (var change = 0; change < 15; change++)
            {
                var at = random.Next(agents.Count);
                var agent = agents[at];
                AgentSnapshot? changed = random.Next(7) switch
                {
                    0 => agent with { Load = random.Next(0, agent.Capacity + 1) },
                    1 => agent with { Presence = (Presence)random.Next(0, 5) },
                    2 => agent with { LastAssignedAt = Now.AddMinutes(-random.Next(0, 30)), Load = Math.Min(agent.Capacity, agent.Load + 1) },
                    3 => agent with { OnCall = !agent.OnCall },
                    4 => RandomAgents(random, 1, teams)[0] with { Id = agent.Id },
                    5 => null,
                    _ => agent with { Capacity = random.Next(0, 120), Load = random.Next(0, 3) },
                };
                if (changed is null)
                {
                    index.Remove(agent.Id);
                    agents[at] = RandomAgents(random, 1, teams)[0] with { Id = Guid.NewGuid() };
                }
                else agents[at] = changed;
                index.Upsert(agents[at]);
            }
            outcomes.Use(OutcomeEstimates.Build(agents.Where(_ => random.NextDouble() < 0.3).Select(a => (a.Id, a.TeamId, (IssueCategory)random.Next(0, 8),
                new OutcomeRecord(random.Next(1, 20), random.Next(600, 36_000), random.Next(0, 3), random.Next(0, 3), random.Next(0, 8)))), 2));
            affinity.Use(customers.ToImmutableDictionary(c => c, _ => new RecentHelper(agents[random.Next(agents.Count)].Id, Now.AddDays(-random.Next(0, 40)))));

            for (var i = 0; i < 30; i++)
            {
                var @case = RandomCase(random, i, agents, teams);
                if (random.NextDouble() < 0.5) @case = @case with { Account = new CaseAccount(customers[random.Next(customers.Length)], CustomerTier.Pro, 0) };
                foreach (var policy in policies)
                {
                    var everyAgent = policy.Route(@case, agents, Now);
                    var indexed = policy.Route(@case, index, Now);

                    Assert.Equal((everyAgent.Step, everyAgent.Agent?.Id, everyAgent.Score), (indexed.Step, indexed.Agent?.Id, indexed.Score));
                    // The explanation replays the tree over every agent with the skill and checks it chose the same.
                    Assert.Equal(indexed.Agent?.Id, indexed.Explain().AgentId);
                }
            }
        }
    }

    [Fact]
    public void ADecisionOverTheIndexIsExplainedOnlyWhileTheAgentsAreAsItSawThem()
    {
        var marcus = Agent("Marcus", proficiency: 5);
        var index = new AgentIndex([marcus, Agent("Dana", proficiency: 4)]);
        var decision = _policy.Route(Case(), index, Now);

        index.Upsert(marcus with { Load = 3 });

        Assert.Same(marcus, decision.Agent);
        Assert.Throws<InvalidOperationException>(() => decision.Explain());
    }

    private static Guid[] Teams(int count) => [.. Enumerable.Range(1, count).Select(i => Id(900 + i))];
}
