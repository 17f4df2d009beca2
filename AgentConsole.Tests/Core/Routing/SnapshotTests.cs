using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using static AgentConsole.Tests.Core.Routing.RoutingFixtures;

namespace AgentConsole.Tests.Core.Routing;

public sealed class SnapshotTests
{
    [Fact]
    public void SkillLevelsHoldAProficiencyPerSkill()
    {
        var levels = SkillLevels.Of((Skill.Billing, 5), (Skill.Retention, 4)).With(Skill.Billing, 3).With(Skill.Retention, 0);

        Assert.Equal(3, levels[Skill.Billing]);
        Assert.Equal(0, levels[Skill.Retention]);
        Assert.False(levels.Has(Skill.Technical));
        Assert.Equal("Billing 3", levels.ToString());
        Assert.Equal(SkillLevels.Of((Skill.Billing, 3)), levels);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void SkillLevelsRejectAProficiencyOutOfRange(int proficiency)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SkillLevels.None.With(Skill.Billing, proficiency));
    }

    [Fact]
    public void SkillLevelsSerialiseAsAnObjectOfNames()
    {
        var levels = SkillLevels.Of((Skill.Billing, 5), (Skill.Security, 2));

        var json = JsonSerializer.Serialize(levels);

        Assert.Equal("{\"Billing\":5,\"Security\":2}", json);
        Assert.Equal(levels, JsonSerializer.Deserialize<SkillLevels>(json));
    }

    [Fact]
    public void SnapshotsAStoredAgent()
    {
        var agent = new Agent("Marcus Okafor", "marcus@example.com", BillingTeam, AgentTier.Specialist, 3,
            [new AgentSkill(Skill.Billing, 5), new AgentSkill(Skill.Retention, 4)]);
        agent.SetPresence(Presence.Available);
        agent.MarkAssigned(Now);

        var snapshot = AgentSnapshot.From(agent, load: 2, onCall: true);

        Assert.Equal((agent.Id, "Marcus Okafor", BillingTeam, AgentTier.Specialist, 3, 2, true, Presence.Available, (DateTime?)Now),
            (snapshot.Id, snapshot.Name, snapshot.TeamId, snapshot.Tier, snapshot.Capacity, snapshot.Load, snapshot.OnCall, snapshot.Presence, snapshot.LastAssignedAt));
        Assert.Equal(SkillLevels.Of((Skill.Billing, 5), (Skill.Retention, 4)), snapshot.Skills);
    }

    [Fact]
    public void RoutesAStoredCaseAndSpotsABillingDispute()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", Now);
        var decision = EscalationDecision.Escalated(
            [new EscalationReason(ReasonCategory.Complexity, CaseToRoute.DisputeTrigger, "Billing dispute: \"charged twice\"")],
            IssueCategory.Billing, 0.9, CasePriority.High, Skill.Billing, AgentTier.Specialist, -0.4, SentimentTrend.Worsening);
        var @case = new Case(conversation, decision, "briefing", Now);
        @case.Queue(Now.AddMinutes(1));

        var toRoute = CaseToRoute.From(@case, new HashSet<Guid> { Id(7) });

        Assert.True(toRoute.IsDispute);
        Assert.Equal((IssueCategory.Billing, Skill.Billing, AgentTier.Specialist, CasePriority.High, Now.AddMinutes(1)),
            (toRoute.Category, toRoute.RequiredSkill, toRoute.SuggestedTier, toRoute.Priority, toRoute.QueuedAt));
        Assert.Contains(Id(7), toRoute.ExcludedAgents);
        Assert.True(toRoute.NeedsSpecialist);
        Assert.False(toRoute.IsEngineering);
    }
}
