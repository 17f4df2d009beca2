using AgentConsole.Core.Audit;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Staffing;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static AgentConsole.Tests.Core.Staffing.StaffingStore;

namespace AgentConsole.Tests.Core.Staffing;

/// <summary>
/// The forecast over a small hand-made history. Today is Saturday 14 March 2026 (UTC desk); with
/// two weeks the forecast reads Saturday 28 February to Friday 13 March.
/// </summary>
public sealed class StaffingForecastTests
{
    private const int Monday9 = 9, Tuesday14 = 24 + 14, Wednesday10 = 48 + 10;

    /// <summary>
    /// Billing: Monday 2 March 09:10 (handled 10 min) and 09:40 (20 min), Monday 9 March 09:20 (30 min),
    /// Tuesday 3 March 14:05 (15 min), Wednesday 4 March 10:00 (never resolved), and two outside the weeks
    /// read: Friday 27 February 09:00 and today 09:00. Tech: Monday 2 March 09:30 (5 min).
    /// </summary>
    private static async Task<(StaffingStore Store, Team Billing, Team Tech)> SeedAsync()
    {
        var store = await CreateAsync(new StaffingOptions { Weeks = 2, ServiceLevel = 0.8, AnswerSeconds = 60 });
        var h = store.Harness;
        var billing = await h.TeamAsync("Billing");
        var tech = await h.TeamAsync("Tech");
        var ana = await h.AgentAsync("Ana", billing);
        var ben = await h.AgentAsync("Ben", tech, skills: (Skill.Technical, 3));
        var minutes = TimeSpan.FromMinutes(1);
        await store.CaseAsync(ana, At(2, 9, 10), 10 * minutes);
        await store.CaseAsync(ana, At(2, 9, 40), 20 * minutes);
        await store.CaseAsync(ana, At(9, 9, 20), 30 * minutes);
        await store.CaseAsync(ana, At(3, 14, 5), 15 * minutes);
        await store.CaseAsync(ana, At(4, 10, 0), null);
        await store.CaseAsync(ana, new DateTime(2026, 2, 27, 9, 0, 0, DateTimeKind.Utc), 10 * minutes);
        await store.CaseAsync(ana, At(14, 9, 0), 10 * minutes);
        await store.CaseAsync(ben, At(2, 9, 30), 5 * minutes, AgentConsole.Core.Triggers.IssueCategory.Technical, Skill.Technical);
        return (store, billing, tech);
    }

    [Fact]
    public async Task CountsArrivalsPerHourOfTheWeekOverTheWeeksRead()
    {
        var (store, billing, _) = await SeedAsync();
        await using var _h = store.Harness;

        var report = await store.Forecast.ForecastAsync(billing.Id);

        var team = Assert.Single(report.Teams);
        Assert.Equal((new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 13)), (report.From, report.To));
        Assert.Equal(5, team.CasesRead);
        // Three Monday-09 arrivals in two weeks; one each on Tuesday 14 and Wednesday 10; nothing else.
        Assert.Equal(1.5, team.Hours[Monday9].Arrivals);
        Assert.Equal(0.5, team.Hours[Tuesday14].Arrivals);
        Assert.Equal(0.5, team.Hours[Wednesday10].Arrivals);
        Assert.Equal(2.5, team.Hours.Sum(x => x.Arrivals));
    }

    [Fact]
    public async Task TakesTheMeanHandleTimeOfTheHourElseTheTeams()
    {
        var (store, billing, _) = await SeedAsync();
        await using var _h = store.Harness;

        var team = Assert.Single((await store.Forecast.ForecastAsync(billing.Id)).Teams);

        Assert.Equal(1200, team.Hours[Monday9].MeanHandleSeconds, 6);   // (600 + 1200 + 1800) / 3
        Assert.Equal(900, team.Hours[Tuesday14].MeanHandleSeconds, 6);
        // The unresolved Wednesday case has no handle time: the team's mean over its four handled cases.
        Assert.Equal(1125, team.Hours[Wednesday10].MeanHandleSeconds, 6);
    }

    [Fact]
    public async Task NeedsTheErlangCAgentsAndComparesThemWithThePublishedRoster()
    {
        var (store, billing, _) = await SeedAsync();
        await using var _h = store.Harness;
        await store.PublishAsync(billing, 1, Monday9, Tuesday14);

        var team = Assert.Single((await store.Forecast.ForecastAsync(billing.Id)).Teams);

        // Monday 09: A = 1.5 × 1200 / 3600 = 0.5 Erlang. One agent: C = A = 0.5, SL = 1 − 0.5·e^(−0.5·60/1200) = 0.51.
        // Two: B(2) = 1/13, C = (2/13) / (2 − 0.5·12/13) = 0.1, SL = 1 − 0.1·e^(−1.5·60/1200) = 0.907 ≥ 0.8.
        var monday = team.Hours[Monday9];
        Assert.Equal(0.5, monday.Traffic, 12);
        Assert.Equal(2, monday.Needed);
        Assert.Equal(1, monday.Scheduled);
        Assert.Equal(-1, monday.Gap);
        Assert.Equal(1 - 0.5 * Math.Exp(-0.025), monday.ScheduledServiceLevel, 9);
        // No arrivals need nobody. Tuesday 14: A = 0.5 × 900 / 3600 = 0.125; one agent: SL = 1 − 0.125·e^(−0.875·60/900) = 0.88.
        Assert.Equal(0, team.Hours[0].Needed);
        Assert.Equal(1, team.Hours[Tuesday14].Needed);
        Assert.Equal(0, team.Hours[Tuesday14].Gap);
    }

    [Fact]
    public async Task GivesTomorrowsGapAndAnyDaysInBrief()
    {
        var (store, billing, _) = await SeedAsync();
        await using var _h = store.Harness;
        await store.PublishAsync(billing, 1, Monday9, Tuesday14);

        var team = Assert.Single((await store.Forecast.ForecastAsync(billing.Id)).Teams);
        var tomorrow = team.GapOn(store.Forecast.Tomorrow);
        var monday = team.GapOn(new DateOnly(2026, 3, 16));
        var tuesday = team.GapOn(new DateOnly(2026, 3, 17));

        // Tomorrow is Sunday 15 March: nothing arrived on Sundays and nobody is scheduled.
        Assert.Equal(new DateOnly(2026, 3, 15), store.Forecast.Tomorrow);
        Assert.Equal((0, 0, null, 0, 0), (tomorrow.ShortHours, tomorrow.MissingAgentHours, tomorrow.Worst, tomorrow.NeededAgentHours, tomorrow.ScheduledAgentHours));
        // Monday: 09:00 needs two and has one; no other hour needs anyone.
        Assert.Equal((1, 1, 2, 1), (monday.ShortHours, monday.MissingAgentHours, monday.NeededAgentHours, monday.ScheduledAgentHours));
        Assert.Equal(Monday9, monday.Worst!.HourOfWeek);
        Assert.Equal(Enumerable.Range(0, 24), team.HoursOf(new DateOnly(2026, 3, 16)).Select(h => h.HourOfWeek));
        // Tuesday: 14:00 needs one and has one.
        Assert.Equal((0, 0, null, 1, 1), (tuesday.ShortHours, tuesday.MissingAgentHours, tuesday.Worst, tuesday.NeededAgentHours, tuesday.ScheduledAgentHours));
    }

    [Fact]
    public async Task ForecastsEveryTeamByNameWhenNoneIsAsked()
    {
        var (store, _, _) = await SeedAsync();
        await using var _h = store.Harness;

        var report = await store.Forecast.ForecastAsync();

        Assert.Equal(["Billing", "Tech"], report.Teams.Select(t => t.TeamName));
        Assert.Equal(0.5, report.Teams[1].Hours[Monday9].Arrivals);
    }

    [Fact]
    public async Task RefusesAnUnknownTeam()
    {
        var (store, _, _) = await SeedAsync();
        await using var _h = store.Harness;

        await Assert.ThrowsAsync<RoutingNotFoundException>(() => store.Forecast.ForecastAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task PublishingCopiesTheDraftAndAuditsBoth()
    {
        var (store, billing, tech) = await SeedAsync();
        await using var _h = store.Harness;
        var draft = new int[WeekHours.Count];
        draft[Monday9] = 3;

        var saved = await store.Rosters.SaveDraftAsync(billing.Id, draft, Supervisor, TestActors.Admin);
        var publishedBefore = await store.Rosters.GetAsync(billing.Id, RosterVersion.Published);
        var published = await store.Rosters.PublishAsync(billing.Id, Supervisor, TestActors.Admin);

        Assert.Equal(1, saved);
        Assert.All(publishedBefore, a => Assert.Equal(0, a));
        Assert.Equal(1, published);
        Assert.Equal(3, (await store.Rosters.GetAsync(billing.Id, RosterVersion.Published))[Monday9]);
        Assert.All(await store.Rosters.GetAsync(tech.Id, RosterVersion.Published), a => Assert.Equal(0, a));
        await using var db = await store.Harness.DbFactory.CreateDbContextAsync();
        var entries = await db.AuditEntries.OrderBy(e => e.Id).Select(e => new { e.Action, e.Target }).ToListAsync();
        Assert.Equal([(AuditActions.RosterDraftSaved, "team:Billing"), (AuditActions.RosterPublished, "team:Billing")], entries.Select(e => (e.Action, e.Target)));
    }

    [Fact]
    public async Task ALeadChangesOnlyTheirOwnTeamsRosterAndBadCountsStoreNothing()
    {
        var (store, billing, tech) = await SeedAsync();
        await using var _h = store.Harness;
        var lead = RoutingActor.ForLead(Guid.NewGuid(), billing.Id);
        var roster = new int[WeekHours.Count];

        await store.Rosters.SaveDraftAsync(billing.Id, roster, lead, TestActors.Admin);
        await Assert.ThrowsAsync<RoutingForbiddenException>(() => store.Rosters.SaveDraftAsync(tech.Id, roster, lead, TestActors.Admin));
        await Assert.ThrowsAsync<RoutingForbiddenException>(() => store.Rosters.PublishAsync(tech.Id, RoutingActor.ForAgent(Guid.NewGuid(), tech.Id), TestActors.Admin));
        roster[5] = -1;
        await Assert.ThrowsAsync<AgentConsole.Core.Common.DomainException>(() => store.Rosters.SaveDraftAsync(billing.Id, roster, lead, TestActors.Admin));
        await Assert.ThrowsAsync<AgentConsole.Core.Common.DomainException>(() => store.Rosters.SaveDraftAsync(billing.Id, new int[24], lead, TestActors.Admin));
        await Assert.ThrowsAsync<RoutingNotFoundException>(() => store.Rosters.SaveDraftAsync(Guid.NewGuid(), new int[WeekHours.Count], Supervisor, TestActors.Admin));

        await using var db = await store.Harness.DbFactory.CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync());
        Assert.Equal(0, await db.RosterHours.CountAsync());
    }
}
