using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Schedules;
using AgentConsole.Tests.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Schedules;

public sealed class TeamHoursAdminTests
{
    private static readonly AuditActor Admin = new("admin-1", "admin@example.com");

    [Fact]
    public void ReadsSpansAndHolidaysAsAdminsWriteThem()
    {
        var spans = OpeningHoursText.ParseSpans("Mon-Fri 09:00-17:00; Sat 10:00-14:00");

        Assert.Equal(6, spans.Count);
        Assert.Equal("Mon 09:00-17:00; Tue 09:00-17:00; Wed 09:00-17:00; Thu 09:00-17:00; Fri 09:00-17:00; Sat 10:00-14:00", OpeningHoursText.Format(spans));
        Assert.Equal([new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 25)], OpeningHoursText.ParseHolidays("2026-12-24, 2026-12-25"));
        Assert.Contains("not an opening span", Assert.Throws<DomainException>(() => OpeningHoursText.ParseSpans("Weekdays 9-5")).Message);
        Assert.Contains("not a date", Assert.Throws<DomainException>(() => OpeningHoursText.ParseHolidays("Christmas")).Message);
    }

    [Fact]
    public async Task StoresAuditedHoursThatTheEngineAppliesAtOnceAndRefusesBadOnesStoringNothing()
    {
        // Arrange: Saturday in the harness; Ana's team is open around the clock, so she is within hours.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        var admin = new TeamHoursAdmin(h.DbFactory, h.Engine, h.Clock);

        // Act
        await admin.SaveAsync(team.Id, "America/New_York", OpeningHoursText.ParseSpans("Mon-Fri 09:00-17:00"), [], Admin);
        var refused = await Assert.ThrowsAsync<DomainException>(() => admin.SaveAsync(team.Id, "New York", OpeningHoursText.ParseSpans("Sat 09:00-17:00"), [], Admin));

        // Assert
        Assert.Contains("not a time zone", refused.Message);
        await using var db = await h.DbFactory.CreateDbContextAsync();
        Assert.Equal(5, (await db.TeamHours.SingleAsync()).Spans.Count);
        Assert.Equal(AuditActions.TeamHoursSaved, (await db.AuditEntries.SingleAsync()).Action);
        // Out of hours now: a non-urgent case waits.
        await h.OpenCaseAsync();
        Assert.Empty(h.EventsOf<AgentConsole.Core.Routing.Engine.CaseOffered>());
        await admin.ClearAsync(team.Id, Admin);
        Assert.Equal(ana.Id, Assert.Single(h.EventsOf<AgentConsole.Core.Routing.Engine.CaseOffered>()).AgentId);
    }
}
