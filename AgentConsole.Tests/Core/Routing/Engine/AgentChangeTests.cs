using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Routing.Engine;

public sealed class AgentChangeTests
{
    [Fact]
    public async Task AnAgentGivenTheMissingSkillIsOfferedTheCaseThatWaitedForIt()
    {
        // Arrange: a security case waits because nobody has the skill.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Trust");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 4));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        var caseId = await h.OpenCaseAsync(IssueCategory.Security, Skill.Security, AgentTier.Specialist, CasePriority.High);
        Assert.Equal(CaseStatus.Queued, (await h.CaseAsync(caseId)).Status);

        // Act: a lead adds the skill in the store and tells the engine.
        await using (var db = await h.DbFactory.CreateDbContextAsync())
        {
            var stored = await db.Agents.SingleAsync(a => a.Id == ana.Id);
            stored.SetSkills([new AgentSkill(Skill.Billing, 4), new AgentSkill(Skill.Security, 3)]);
            await db.SaveChangesAsync();
        }
        await h.Engine.AgentChangedAsync(ana.Id);

        // Assert
        var offered = Assert.Single(h.EventsOf<CaseOffered>(), e => e.Case.CaseId == caseId);
        Assert.Equal(ana.Id, offered.AgentId);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task LoweringCapacityBelowTheLoadKeepsTheCasesButOffersNoMore()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, capacity: 2, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        var first = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(first, EngineHarness.As(ana));

        // Act
        await using (var db = await h.DbFactory.CreateDbContextAsync())
        {
            (await db.Agents.SingleAsync(a => a.Id == ana.Id)).SetCapacity(1);
            await db.SaveChangesAsync();
        }
        await h.Engine.AgentChangedAsync(ana.Id);
        var second = await h.OpenCaseAsync();

        // Assert
        var snapshot = await h.Engine.SnapshotAsync();
        Assert.Equal(ana.Id, snapshot.Cases.Single(c => c.Id == first).Holder);
        Assert.Equal(CaseStatus.Queued, snapshot.Cases.Single(c => c.Id == second).Status);
        Assert.Equal(1, snapshot.Agents.Single(a => a.Id == ana.Id).Capacity);
        await h.AssertInvariantsAsync();
    }
}
