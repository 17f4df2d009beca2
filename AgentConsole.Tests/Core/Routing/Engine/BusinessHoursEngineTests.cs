using System.Text.Json;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Delivery;
using Microsoft.EntityFrameworkCore;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Schedules;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>
/// Out of hours, non-urgent cases wait for the team to open; urgent and security cases are still
/// routed. The harness starts on Saturday 14 March 2026 at 09:00 UTC; the Billing team is open
/// Monday to Friday 09:00-17:00 Berlin time, so it next opens on Monday 16 March at 08:00 UTC.
/// </summary>
public sealed class BusinessHoursEngineTests
{
    private static readonly DateTime MondayOpening = new(2026, 3, 16, 8, 0, 0, DateTimeKind.Utc);

    private static async Task<Team> BillingWithHoursAsync(EngineHarness h)
    {
        var team = await h.TeamAsync("Billing");
        await using var db = await h.DbFactory.CreateDbContextAsync();
        db.TeamHours.Add(new TeamHours(team.Id, "Europe/Berlin",
            [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .Select(d => new OpeningSpan(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))], []));
        await db.SaveChangesAsync();
        return team;
    }

    [Fact]
    public async Task ANonUrgentCaseWaitsForTheOpeningAndIsRoutedWhenTheTeamOpens()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await BillingWithHoursAsync(h);
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);

        // Act
        var caseId = await h.OpenCaseAsync();

        // Assert: it waits, and says why.
        Assert.Empty(h.EventsOf<CaseOffered>());
        var explanation = JsonSerializer.Deserialize<RoutingExplanation>((await h.CaseAsync(caseId)).RoutingExplanation!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(CandidateFilter.OutOfHours, explanation.Steps[0].Candidates.Single(c => c.AgentId == ana.Id).DroppedBy);

        // Act: the clock reaches Monday's opening, with no restart.
        await h.AdvanceAsync(MondayOpening - h.Now - TimeSpan.FromSeconds(1));
        Assert.Empty(h.EventsOf<CaseOffered>());
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        // Assert
        var offer = Assert.Single(h.EventsOf<CaseOffered>());
        Assert.Equal((caseId, ana.Id, MondayOpening), (offer.Case.CaseId, offer.AgentId, offer.At));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task ACaseHeldForTheOpeningIsRoutedWhenTheAppStartsAfterIt()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await BillingWithHoursAsync(h);
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        var caseId = await h.OpenCaseAsync();
        await h.StopAsync();

        // Act
        h.Clock.Advance(MondayOpening - h.Now + TimeSpan.FromMinutes(5));
        await h.StartAsync();
        await h.Engine.FlushAsync();

        // Assert
        Assert.Equal((caseId, ana.Id), (h.EventsOf<CaseOffered>().Single().Case.CaseId, h.EventsOf<CaseOffered>().Single().AgentId));
    }

    [Fact]
    public async Task UrgentCasesStillGoToOnCallAndSecurityCasesToTheirSpecialistOutOfHours()
    {
        // Arrange: Ana is away for the weekend; Otto is on call; Sec handles security.
        await using var h = await EngineHarness.CreateAsync();
        var team = await BillingWithHoursAsync(h);
        await h.AgentAsync("Ana", team, presence: Presence.Away, skills: (Skill.Billing, 5));
        var otto = await h.AgentAsync("Otto", team, AgentTier.Frontline, presence: Presence.Busy, onCall: true, skills: (Skill.Billing, 2));
        var sec = await h.AgentAsync("Sec", team, AgentTier.Specialist, skills: (Skill.Security, 4));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(otto.Id);
        await h.Engine.ConnectionOpenedAsync(sec.Id);

        // Act
        var urgent = await h.OpenCaseAsync(priority: CasePriority.Urgent);
        var security = await h.OpenCaseAsync(IssueCategory.Security, Skill.Security);

        // Assert
        var offers = h.EventsOf<CaseOffered>().ToDictionary(o => o.Case.CaseId, o => o.AgentId);
        Assert.Equal(otto.Id, offers[urgent]);
        Assert.Equal(sec.Id, offers[security]);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task TheBotHearsWhenTheCustomerCanExpectAnAnswer()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        h.Outbox = new OutboxProjector(new OutboxSignal());
        var team = await BillingWithHoursAsync(h);
        // Ana is off for the weekend: the urgent case waits too, for someone to come online, not for an opening.
        await h.AgentAsync("Ana", team, presence: Presence.Offline, skills: (Skill.Billing, 5));
        await h.StartAsync();

        // Act
        var held = await h.OpenCaseAsync();
        var urgent = await h.OpenCaseAsync(priority: CasePriority.Urgent);
        await h.Engine.FlushAsync();

        // Assert: the held case's queue_position carries Monday's opening and no wait in minutes; the urgent one neither.
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var positions = (await db.OutboundEvents.AsNoTracking().Where(e => e.Type == OutboundEventTypes.QueuePosition).OrderBy(e => e.Id).ToListAsync())
            .Select(e => JsonDocument.Parse(e.Payload).RootElement).ToList();
        var last = positions.GroupBy(p => p.GetProperty("caseId").GetInt64()).ToDictionary(g => g.Key, g => g.Last());
        Assert.Equal(MondayOpening, last[held].GetProperty("expectedAnswerAt").GetDateTime().ToUniversalTime());
        Assert.Equal(JsonValueKind.Null, last[held].GetProperty("estimatedWaitSeconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, last[urgent].GetProperty("expectedAnswerAt").ValueKind);
    }

    [Fact]
    public async Task TheWidgetIsToldWhenTheTeamOpens()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await BillingWithHoursAsync(h);
        await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        var waits = new QueueWaitEstimator(h.DbFactory, h.Clock);

        // Act
        var billing = await waits.ExpectedAnswerAsync(Skill.Billing, CasePriority.Normal);
        var urgent = await waits.ExpectedAnswerAsync(Skill.Billing, CasePriority.Urgent);
        var security = await waits.ExpectedAnswerAsync(Skill.Security, CasePriority.Normal);
        h.Clock.SetUtcNow(MondayOpening.AddMinutes(1));
        h.Clock.Advance(QueueWaitEstimator.Refresh);
        var open = await waits.ExpectedAnswerAsync(Skill.Billing, CasePriority.Normal);

        // Assert
        Assert.Equal(MondayOpening, billing);
        Assert.Equal((null, null, null), (urgent, security, open));
    }

    [Fact]
    public async Task TheFirstReplyClockStopsOvernightForATeamWithHours()
    {
        // Arrange: Monday 16 March, 16:55 Berlin time (15:55 UTC), five minutes before closing.
        await using var h = await EngineHarness.CreateAsync();
        var team = await BillingWithHoursAsync(h);
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 15, 55, 0, TimeSpan.Zero));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        var normal = await h.OpenCaseAsync();
        var urgent = await h.OpenCaseAsync(priority: CasePriority.Urgent);

        // Act
        await h.Engine.AcceptOfferAsync(normal, EngineHarness.As(ana));
        await h.Engine.AcceptOfferAsync(urgent, EngineHarness.As(ana));

        // Assert: ten business minutes are five tonight and five from Tuesday's 08:00 UTC opening; the urgent case runs on the wall clock.
        Assert.Equal(new DateTime(2026, 3, 17, 8, 5, 0, DateTimeKind.Utc), (await h.CaseAsync(normal)).FirstReplyDueAt);
        Assert.Equal(h.Now.AddMinutes(h.Engine.Options.UrgentFirstReplyMinutes), (await h.CaseAsync(urgent)).FirstReplyDueAt);
        await h.AdvanceAsync(TimeSpan.FromHours(16));
        Assert.Equal(ana.Id, (await h.CaseAsync(normal)).AssignedAgentId);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task AfterTheSpringSwitchTheTeamOpensAtNineSummerTimeAndTheCustomerIsToldSo()
    {
        // Arrange: Friday 27 March 2026, 17:30 Berlin time (16:30 UTC), after closing. The clocks go forward on Sunday
        // night, so Monday's 09:00 is 07:00 UTC, an hour earlier than the Friday before.
        await using var h = await EngineHarness.CreateAsync();
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 27, 16, 30, 0, TimeSpan.Zero));
        h.Outbox = new OutboxProjector(new OutboxSignal());
        var team = await BillingWithHoursAsync(h);
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        var opening = new DateTime(2026, 3, 30, 7, 0, 0, DateTimeKind.Utc);

        // Act
        var caseId = await h.OpenCaseAsync();
        await h.Engine.FlushAsync();

        // Assert: the bot and the widget are both given Monday's opening in summer time.
        await using (var db = await h.DbFactory.CreateDbContextAsync())
        {
            var position = (await db.OutboundEvents.AsNoTracking().Where(e => e.Type == OutboundEventTypes.QueuePosition).OrderBy(e => e.Id).ToListAsync())
                .Select(e => JsonDocument.Parse(e.Payload).RootElement).Last(p => p.GetProperty("caseId").GetInt64() == caseId);
            Assert.Equal(opening, position.GetProperty("expectedAnswerAt").GetDateTime().ToUniversalTime());
        }
        Assert.Equal(opening, await new QueueWaitEstimator(h.DbFactory, h.Clock).ExpectedAnswerAsync(Skill.Billing, CasePriority.Normal));

        // Act: the clock runs over the weekend and the switch to the opening, with no restart.
        await h.AdvanceAsync(opening - h.Now - TimeSpan.FromSeconds(1));
        Assert.Empty(h.EventsOf<CaseOffered>());
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        // Assert
        var offer = Assert.Single(h.EventsOf<CaseOffered>());
        Assert.Equal((caseId, ana.Id, opening), (offer.Case.CaseId, offer.AgentId, offer.At));
        await h.AssertInvariantsAsync();
    }
}
