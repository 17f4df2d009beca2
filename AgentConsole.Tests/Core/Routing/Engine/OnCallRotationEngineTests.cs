using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Schedules;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>
/// Step 4 of the tree uses who the rotations have on call, computed from the clock: the harness
/// starts on Saturday 14 March 2026 at 09:00 UTC; the rotation hands over daily at 12:00 Berlin
/// time (11:00 UTC), Otto first (from the 13th), then Uma.
/// </summary>
public sealed class OnCallRotationEngineTests
{
    private static async Task<(EngineHarness H, Agent Otto, Agent Uma)> DeskAsync()
    {
        var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Support");
        // Neither has the Security skill nor is Available: only step 4 can reach them, and only while on call.
        var otto = await h.AgentAsync("Otto", team, AgentTier.Frontline, presence: Presence.Busy, skills: (Skill.Billing, 2));
        var uma = await h.AgentAsync("Uma", team, AgentTier.Frontline, presence: Presence.Busy, skills: (Skill.Billing, 2));
        await using (var db = await h.DbFactory.CreateDbContextAsync())
        {
            db.OnCallRotations.Add(new OnCallRotation(new RotationDefinition("Support on call", null, team.Id, "Europe/Berlin", new TimeOnly(12, 0), 1,
                new DateOnly(2026, 3, 13), [otto.Id, uma.Id], [])));
            await db.SaveChangesAsync();
        }
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(otto.Id);
        await h.Engine.ConnectionOpenedAsync(uma.Id);
        return (h, otto, uma);
    }

    [Fact]
    public async Task OffersAnUrgentCaseToTheAgentTheRotationHasOnCallNow()
    {
        // Arrange
        var (h, otto, uma) = await DeskAsync();
        await using var _ = h;

        // Act
        await h.OpenCaseAsync(IssueCategory.Security, Skill.Security, AgentTier.Senior, CasePriority.Urgent);

        // Assert
        var offer = Assert.Single(h.EventsOf<CaseOffered>());
        Assert.Equal(otto.Id, offer.AgentId);
        var agents = (await h.Engine.SnapshotAsync()).Agents;
        Assert.Equal((true, false), (agents.Single(a => a.Id == otto.Id).OnCall, agents.Single(a => a.Id == uma.Id).OnCall));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task SwitchesToTheNextAgentAtTheHandOverWithoutARestart()
    {
        // Arrange: an urgent case waits, Otto having let its offer run out.
        var (h, otto, uma) = await DeskAsync();
        await using var _ = h;
        var caseId = await h.OpenCaseAsync(IssueCategory.Security, Skill.Security, AgentTier.Senior, CasePriority.Urgent);
        await h.AdvanceAsync(h.Engine.Options.OfferTimeout + TimeSpan.FromSeconds(1));
        Assert.Contains(caseId, (await h.Engine.SnapshotAsync()).QueueOrder);

        // Act: the clock reaches the 11:00 UTC hand-over.
        await h.AdvanceAsync(new DateTime(2026, 3, 14, 11, 0, 0, DateTimeKind.Utc) - h.Now);

        // Assert: Uma is on call and was offered the waiting case at once; Otto is no longer on call.
        Assert.Equal(uma.Id, h.EventsOf<CaseOffered>().Last().AgentId);
        var agents = (await h.Engine.SnapshotAsync()).Agents;
        Assert.Equal((false, true), (agents.Single(a => a.Id == otto.Id).OnCall, agents.Single(a => a.Id == uma.Id).OnCall));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task AHandOverThatPassedWhileStoppedIsAppliedOnRestart()
    {
        // Arrange
        var (h, otto, uma) = await DeskAsync();
        await using var _ = h;
        await h.StopAsync();

        // Act
        h.Clock.Advance(TimeSpan.FromHours(3));
        await h.RestartAsync();
        await h.OpenCaseAsync(IssueCategory.Security, Skill.Security, AgentTier.Senior, CasePriority.Urgent);

        // Assert: Uma, not Otto, though neither reconnected (Busy on-call agents stay reachable within the grace).
        Assert.Equal(uma.Id, h.EventsOf<CaseOffered>().Last().AgentId);
        Assert.False((await h.Engine.SnapshotAsync()).Agents.Single(a => a.Id == otto.Id).OnCall);
    }

    [Fact]
    public async Task AnAdminsRotationEditAppliesAtOnce()
    {
        // Arrange
        var (h, otto, uma) = await DeskAsync();
        await using var _ = h;

        // Act: Uma covers Otto's shift for the next hour.
        await using (var db = await h.DbFactory.CreateDbContextAsync())
        {
            var rotation = db.OnCallRotations.Single();
            rotation.Define(rotation.Definition with { Overrides = [new RotationOverride(OverrideKind.Swap, otto.Id, h.Now, h.Now.AddHours(1), uma.Id)] });
            await db.SaveChangesAsync();
        }
        await h.Engine.SchedulesChangedAsync();
        await h.OpenCaseAsync(IssueCategory.Security, Skill.Security, AgentTier.Senior, CasePriority.Urgent);

        // Assert
        Assert.Equal(uma.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        // The swap ends at 10:00 UTC: Otto is back on call then, with no restart.
        await h.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.True((await h.Engine.SnapshotAsync()).Agents.Single(a => a.Id == otto.Id).OnCall);
    }

    [Fact]
    public async Task HandsOverAtTheLocalTimeAcrossTheSpringSwitchAndAroundAHoliday()
    {
        // Arrange: Saturday 28 March 2026, 07:30 UTC. The rotation hands over daily at 09:00 Berlin time: Otto from
        // Friday, Uma from Saturday (08:00 UTC, winter time), Otto from Sunday and Uma from Monday, both at 07:00 UTC
        // once the clocks have gone forward on Sunday night. Otto is on holiday on Sunday until 19:00 UTC.
        await using var h = await EngineHarness.CreateAsync();
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 28, 7, 30, 0, TimeSpan.Zero));
        var team = await h.TeamAsync("Support");
        var otto = await h.AgentAsync("Otto", team, AgentTier.Frontline, presence: Presence.Busy, skills: (Skill.Billing, 2));
        var uma = await h.AgentAsync("Uma", team, AgentTier.Frontline, presence: Presence.Busy, skills: (Skill.Billing, 2));
        var holidayEnds = new DateTime(2026, 3, 29, 19, 0, 0, DateTimeKind.Utc);
        await using (var db = await h.DbFactory.CreateDbContextAsync())
        {
            db.OnCallRotations.Add(new OnCallRotation(new RotationDefinition("Support on call", null, team.Id, "Europe/Berlin", new TimeOnly(9, 0), 1,
                new DateOnly(2026, 3, 27), [otto.Id, uma.Id],
                [new RotationOverride(OverrideKind.Holiday, otto.Id, new DateTime(2026, 3, 29, 0, 0, 0, DateTimeKind.Utc), holidayEnds)])));
            await db.SaveChangesAsync();
        }
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(otto.Id);
        await h.Engine.ConnectionOpenedAsync(uma.Id);
        async Task<Guid?> OnCallAt(DateTime utc)
        {
            await h.AdvanceAsync(utc - h.Now);
            return (await h.Engine.SnapshotAsync()).Agents.SingleOrDefault(a => a.OnCall)?.Id;
        }
        static DateTime Utc(int day, int hour, int minute = 0, int second = 0) => new(2026, 3, day, hour, minute, second, DateTimeKind.Utc);

        // Act and assert, in the clock's order, with no restart.
        Assert.Equal(otto.Id, await OnCallAt(Utc(28, 7, 59, 59)));
        Assert.Equal(uma.Id, await OnCallAt(Utc(28, 8)));
        // Sunday's 07:00 UTC hand-over would be Otto's, but he is away: Uma keeps the shift until his holiday ends.
        Assert.Equal(uma.Id, await OnCallAt(Utc(29, 7)));
        Assert.Equal(uma.Id, await OnCallAt(Utc(29, 18, 59, 59)));
        Assert.Equal(otto.Id, await OnCallAt(holidayEnds));
        // Monday's hand-over is at 09:00 summer time, 07:00 UTC, not 24 hours after Saturday's.
        Assert.Equal(otto.Id, await OnCallAt(Utc(30, 6, 59, 59)));
        Assert.Equal(uma.Id, await OnCallAt(Utc(30, 7)));
        await h.OpenCaseAsync(IssueCategory.Security, Skill.Security, AgentTier.Senior, CasePriority.Urgent);
        Assert.Equal(uma.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        await h.AssertInvariantsAsync();
    }
}
