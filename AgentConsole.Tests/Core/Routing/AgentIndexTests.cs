using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
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
    public void LooksOnlyAtAgentsWhoCouldTakeTheCase()
    {
        var index = new AgentIndex(
        [
            Agent("Marcus"),
            Agent("Lena", skill: Skill.Technical),
            Agent("Tom", AgentTier.Senior, Skill.Security),
            Agent("Sam", AgentTier.Frontline, Skill.Technical, onCall: true),
            Agent("Aiko", AgentTier.Engineering, Skill.Technical),
        ]);

        var decision = _policy.Route(Case(), index, Now);

        Assert.Equal(4, decision.PoolSize);
    }

    [Fact]
    public void RoutingThroughTheIndexDecidesLikeRoutingOverEveryAgent()
    {
        var random = new Random(3);
        var agents = RandomAgents(random, 120);
        var index = new AgentIndex(agents);
        for (var i = 0; i < 200; i++)
        {
            var changed = RandomAgents(random, 1)[0] with { Id = agents[random.Next(agents.Length)].Id };
            agents[Array.FindIndex(agents, a => a.Id == changed.Id)] = changed;
            index.Upsert(changed);
        }

        for (var i = 0; i < 600; i++)
        {
            var @case = RandomCase(random, i, agents);
            var everyAgent = _policy.Route(@case, agents, Now);
            var indexed = _policy.Route(@case, index, Now);

            Assert.Equal((everyAgent.Step, everyAgent.Agent?.Id), (indexed.Step, indexed.Agent?.Id));
        }
    }
}
