using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Schedules;
using AgentConsole.Tests.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Schedules;

public sealed class RotationAdminTests
{
    private static readonly AuditActor Admin = new("admin-1", "admin@example.com");

    private static RotationDefinition Weekly(Guid teamId, params Guid[] members) =>
        new("Support on call", null, teamId, "America/New_York", new TimeOnly(9, 0), 7, new DateOnly(2026, 3, 9), members, []);

    [Fact]
    public async Task StoresAnAuditedRotationAndTheEngineHasItsMemberOnCallAtOnce()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Support");
        var otto = await h.AgentAsync("Otto", team);
        await h.StartAsync();
        var admin = new RotationAdmin(h.DbFactory, h.Engine, h.Clock);

        // Act
        var id = await admin.SaveAsync(null, Weekly(team.Id, otto.Id), Admin);

        // Assert
        Assert.True((await h.Engine.SnapshotAsync()).Agents.Single(a => a.Id == otto.Id).OnCall);
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal((AuditActions.RotationSaved, "Support on call"), (audit.Action, audit.Target));
        Assert.Contains(id.ToString(), audit.Detail);
    }

    [Fact]
    public async Task RefusesBadRotationsAndStoresNothing()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Support");
        var otto = await h.AgentAsync("Otto", team);
        await h.StartAsync();
        var admin = new RotationAdmin(h.DbFactory, h.Engine, h.Clock);
        await admin.SaveAsync(null, Weekly(team.Id, otto.Id), Admin);

        // Act and assert: a second rotation for the same team, a bad zone, an unknown member, an overlapping pair of holidays.
        var holiday = new RotationOverride(OverrideKind.Holiday, otto.Id, h.Now, h.Now.AddDays(2));
        var overlapping = new RotationOverride(OverrideKind.Holiday, otto.Id, h.Now.AddDays(1), h.Now.AddDays(3));
        Assert.Contains("already covers", (await Assert.ThrowsAsync<DomainException>(() => admin.SaveAsync(null, Weekly(team.Id, otto.Id), Admin))).Message);
        Assert.Contains("not a time zone", (await Assert.ThrowsAsync<DomainException>(() =>
            admin.SaveAsync(null, Weekly(team.Id, otto.Id) with { TeamId = null, Skill = Skill.Security, TimeZone = "Eastern" }, Admin))).Message);
        Assert.Contains("only agents of the desk", (await Assert.ThrowsAsync<DomainException>(() =>
            admin.SaveAsync(null, Weekly(team.Id, Guid.NewGuid()) with { TeamId = null, Skill = Skill.Security }, Admin))).Message);
        Assert.Contains("overlap", (await Assert.ThrowsAsync<DomainException>(() =>
            admin.SaveAsync(null, Weekly(team.Id, otto.Id) with { TeamId = null, Skill = Skill.Security, Overrides = [holiday, overlapping] }, Admin))).Message);

        await using var db = await h.DbFactory.CreateDbContextAsync();
        Assert.Equal(1, await db.OnCallRotations.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync());
    }
}
