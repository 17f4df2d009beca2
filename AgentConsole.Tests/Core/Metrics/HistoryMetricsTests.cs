using AgentConsole.Core.Cases;
using Microsoft.EntityFrameworkCore;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Microsoft.Extensions.Options;

namespace AgentConsole.Tests.Core.Metrics;

/// <summary>
/// The history figures from a known desk history, against values worked out by hand. The desk's
/// zone is two hours ahead of UTC, so local days and hours differ from UTC ones.
/// </summary>
public sealed class HistoryMetricsTests
{
    // Two hours ahead of UTC all year, by a zone id the desk's settings can name, so the day rollups serve its filters.
    private static readonly TimeZoneInfo Desk = TimeZoneInfo.FindSystemTimeZoneById(DeskZone);
    private const string DeskZone = "Etc/GMT-2";
    private static readonly DateOnly March10 = new(2026, 3, 10), March11 = new(2026, 3, 11);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Six conversations started on 10–11 March, local time, and one just after:
    /// C1 (web, Enterprise) 10th 08:00 UTC (10:00 local), bot first, escalated 08:05 to K1 (Billing, Billing team): declined once,
    /// accepted 08:10, resolved 08:40, rated 2, flagged misrouted.
    /// C2 (web, Pro) 10th 09:00, bot first, escalated 09:20 to K2 (Technical, Tech team): timed out once, accepted 09:30,
    /// transferred 09:40, reassigned by a lead 09:45, resolved 10:30, rated 4.
    /// C3 (web, Free) 11th 07:00, the bot kept it (Billing), rated 5.
    /// C4 (widget, Enterprise) 11th 10:00, the bot kept it (Technical), rated 3.
    /// C5 (web, Enterprise) 11th 12:00, escalated 12:01 before the bot wrote (K5, Billing, Billing team): accepted 12:03,
    /// reclaimed 12:13, accepted again 12:15, resolved 12:23; not rated.
    /// C6 (web, Free) 10th 22:30 UTC, which is the 11th 00:30 local; the bot kept it; not rated.
    /// C7 (web, Free) 11th 22:30 UTC, which is the 12th local: outside the range.
    /// </summary>
    private static async Task<(Team Billing, Team Tech)> SeedAsync(EngineHarness h)
    {
        var billing = await h.TeamAsync("Billing");
        var tech = await h.TeamAsync("Tech");
        var ana = await h.AgentAsync("Ana", billing);
        var ben = await h.AgentAsync("Ben", tech, skills: (Skill.Technical, 3));
        var desk = new DeskHistory(h);

        var c1 = await desk.ConversationAsync(U(10, 8, 0), tier: CustomerTier.Enterprise, botGuess: IssueCategory.Billing,
            messages: [(MessageAuthor.Customer, U(10, 8, 0)), (MessageAuthor.Bot, U(10, 8, 1))]);
        var k1 = await desk.CaseAsync(c1, U(10, 8, 5), IssueCategory.Billing, Skill.Billing, (c, a) =>
        {
            c.Queue(U(10, 8, 5));
            c.Offer(ana.Id, U(10, 8, 6), U(10, 8, 7));
            c.Decline(ana.Id, "busy", U(10, 8, 7));
            c.Offer(ana.Id, U(10, 8, 8), U(10, 8, 11));
            c.Accept(a(ana), U(10, 8, 10), null);
            c.Flag(CaseFlag.Misrouted, null, U(10, 8, 12), ActorKind.Agent, ana.Id.ToString());
            c.Resolve("done", U(10, 8, 40), ActorKind.Agent, ana.Id.ToString());
        });
        await desk.RatingAsync(c1, k1, 2, U(10, 8, 41));

        var c2 = await desk.ConversationAsync(U(10, 9, 0), tier: CustomerTier.Pro, botGuess: IssueCategory.Technical,
            messages: [(MessageAuthor.Customer, U(10, 9, 0)), (MessageAuthor.Bot, U(10, 9, 2))]);
        var k2 = await desk.CaseAsync(c2, U(10, 9, 20), IssueCategory.Technical, Skill.Technical, (c, a) =>
        {
            c.Queue(U(10, 9, 20));
            c.Offer(ben.Id, U(10, 9, 21), U(10, 9, 22));
            c.ReturnToQueue(CaseEventReason.TimedOut, U(10, 9, 22), ActorKind.System, null, null, exclude: true);
            c.Offer(ben.Id, U(10, 9, 25), U(10, 9, 31));
            c.Accept(a(ben), U(10, 9, 30), null);
            c.Transfer(Skill.Technical, null, "needs a closer look", U(10, 9, 40), ActorKind.Agent, ben.Id.ToString());
            c.Assign(a(ben), U(10, 9, 45), ActorKind.User, "lead", CaseEventReason.Reassigned);
            c.Resolve("fixed", U(10, 10, 30), ActorKind.Agent, ben.Id.ToString());
        });
        await desk.RatingAsync(c2, k2, 4, U(10, 10, 31));

        var c3 = await desk.ConversationAsync(U(11, 7, 0), botGuess: IssueCategory.Billing,
            messages: [(MessageAuthor.Customer, U(11, 7, 0)), (MessageAuthor.Bot, U(11, 7, 1))]);
        await desk.RatingAsync(c3, null, 5, U(11, 7, 5));

        var c4 = await desk.ConversationAsync(U(11, 10, 0), channel: "widget", tier: CustomerTier.Enterprise, botGuess: IssueCategory.Technical,
            messages: [(MessageAuthor.Customer, U(11, 10, 0)), (MessageAuthor.Bot, U(11, 10, 1))]);
        await desk.RatingAsync(c4, null, 3, U(11, 10, 5));

        var c5 = await desk.ConversationAsync(U(11, 12, 0), tier: CustomerTier.Enterprise, messages: [(MessageAuthor.Customer, U(11, 12, 0))]);
        await desk.CaseAsync(c5, U(11, 12, 1), IssueCategory.Billing, Skill.Billing, (c, a) =>
        {
            c.Queue(U(11, 12, 1));
            c.Offer(ana.Id, U(11, 12, 2), U(11, 12, 4));
            c.Accept(a(ana), U(11, 12, 3), U(11, 12, 13));
            c.ReturnToQueue(CaseEventReason.Reclaimed, U(11, 12, 13), ActorKind.System, null, null, exclude: false);
            c.Offer(ana.Id, U(11, 12, 14), U(11, 12, 16));
            c.Accept(a(ana), U(11, 12, 15), null);
            c.Resolve("sorted", U(11, 12, 23), ActorKind.Agent, ana.Id.ToString());
        });

        await desk.ConversationAsync(U(10, 22, 30), messages: [(MessageAuthor.Customer, U(10, 22, 30)), (MessageAuthor.Bot, U(10, 22, 31))]);
        await desk.ConversationAsync(U(11, 22, 30), messages: [(MessageAuthor.Customer, U(11, 22, 30))]);
        return (billing, tech);
    }

    private static DateTime U(int day, int hour, int minute) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>The figures with the shipped settings in the desk's zone, read from the day rollups or, with <paramref name="rollups"/> off, from the fact rows.</summary>
    private static HistoryMetrics Metrics(EngineHarness h, bool rollups) => new(h.DbFactory, Options.Create(DeskSettings(rollups)));

    private static MetricsOptions DeskSettings(bool rollups)
    {
        var settings = ShippedSettings.Metrics();
        (settings.TimeZone, settings.Rollups) = (DeskZone, rollups);
        return settings;
    }

    private static MetricsFilter TenthToEleventh => new(March10, March11, Desk);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EscalationRateIsEscalatedOverAllConversationsByLocalDay(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var rate = await Metrics(h, rollups).EscalationRateAsync(TenthToEleventh);

        // Assert
        Assert.Equal(new Rate(3, 6), rate.Overall);
        Assert.Equal(0.5, rate.Overall.Value);
        Assert.Equal(TrendPeriod.Day, rate.Period);
        Assert.Equal([new RatePoint(March10, new Rate(2, 2)), new RatePoint(March11, new Rate(1, 4))], rate.Trend);
        Assert.Equal(Enumerable.Range(0, 24), rate.ByHourOfDay.Select(x => x.Hour));
        Assert.Equal(new Rate(0, 1), rate.ByHourOfDay[0].Rate); // C6, 00:30 local
        Assert.Equal(new Rate(0, 1), rate.ByHourOfDay[9].Rate);
        Assert.Equal(new Rate(1, 1), rate.ByHourOfDay[10].Rate);
        Assert.Equal(new Rate(1, 1), rate.ByHourOfDay[11].Rate);
        Assert.Equal(new Rate(0, 1), rate.ByHourOfDay[12].Rate);
        Assert.Equal(new Rate(1, 1), rate.ByHourOfDay[14].Rate);
        Assert.Equal(6, rate.ByHourOfDay.Sum(x => x.Rate.Of));
        Assert.Null(rate.ByHourOfDay[8].Rate.Value);
    }

    [Fact]
    public void DaysAreCountedInTheDesksConfiguredZone()
    {
        var metrics = new HistoryMetrics(null!, Options.Create(new MetricsOptions { TimeZone = "Europe/Berlin" }));

        var filter = metrics.Days(March10, March11);

        Assert.Equal("Europe/Berlin", filter.TimeZone.Id);
        Assert.Equal(new DateTime(2026, 3, 9, 23, 0, 0, DateTimeKind.Utc), filter.UtcStart);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TimeToEscalateCountsOnlyCasesTheBotHadFirstWithTheShareBeyondTheAutomationLoop(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var figure = await Metrics(h, rollups).TimeToEscalateAsync(TenthToEleventh);

        // Assert: K1 took 5 min, K2 20 min; K5 started with a human.
        Assert.Equal(new DurationStats(2, 5 * Minute, 20 * Minute), figure.Duration);
        Assert.Equal(new Rate(1, 2), figure.OverAutomationLoop);
        Assert.Equal(10 * Minute, figure.AutomationLoop);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AConversationThatComesBackIsTimedFromItsNewEpisode(bool rollups)
    {
        // Arrange: escalated at 08:02 and resolved at 08:10; the customer comes back at 09:00 and is escalated at 09:04,
        // and again at 10:00, escalated at 10:01 before the bot writes.
        await using var h = await EngineHarness.CreateAsync();
        var billing = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", billing);
        var desk = new DeskHistory(h);
        var conversation = await desk.ConversationAsync(U(10, 8, 0), messages: [(MessageAuthor.Customer, U(10, 8, 0)), (MessageAuthor.Bot, U(10, 8, 1))]);
        await desk.CaseAsync(conversation, U(10, 8, 2), history: (c, a) =>
        {
            c.Queue(U(10, 8, 2));
            c.Assign(a(ana), U(10, 8, 3), reason: CaseEventReason.AutoAssigned);
            c.Resolve("done", U(10, 8, 10), ActorKind.Agent, ana.Id.ToString());
        });
        await desk.MessagesAsync(conversation, (MessageAuthor.Customer, U(10, 9, 0)), (MessageAuthor.Bot, U(10, 9, 1)));
        await desk.CaseAsync(conversation, U(10, 9, 4), history: (c, a) =>
        {
            c.Queue(U(10, 9, 4));
            c.Assign(a(ana), U(10, 9, 6), reason: CaseEventReason.AutoAssigned);
            c.Resolve("done again", U(10, 9, 30), ActorKind.Agent, ana.Id.ToString());
        });
        await desk.MessagesAsync(conversation, (MessageAuthor.Customer, U(10, 10, 0)));
        await desk.CaseAsync(conversation, U(10, 10, 1), history: (c, a) =>
        {
            c.Queue(U(10, 10, 1));
            c.Assign(a(ana), U(10, 10, 2), reason: CaseEventReason.AutoAssigned);
            c.Resolve("third time", U(10, 10, 12), ActorKind.Agent, ana.Id.ToString());
        });

        // Act
        var report = await Metrics(h, rollups).ReportAsync(new MetricsFilter(March10, March10, Desk));

        // Assert: 2 and 4 minutes with the bot; the third episode started with a human.
        Assert.Equal(new DurationStats(2, 2 * Minute, 4 * Minute), report.TimeToEscalate.Duration);
        Assert.Equal(new DurationStats(2, 7 * Minute, 24 * Minute), report.ResolutionTime.Escalated);
        Assert.Equal(new DurationStats(1, 10 * Minute, 10 * Minute), report.ResolutionTime.StartedWithHuman);
        Assert.Equal(new Rate(1, 1), report.EscalationRate.Overall);
        Assert.Equal(new DurationStats(3, 1 * Minute, 2 * Minute), report.Bottlenecks.QueueWait);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ResolutionTimeRunsFromFirstAssignmentAndComparesEscalatedCasesWithThoseThatStartedWithAHuman(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var figure = await Metrics(h, rollups).ResolutionTimeAsync(TenthToEleventh);

        // Assert: K1 08:10–08:40, K2 09:30–10:30 (a reassignment does not restart it); K5 12:03–12:23 (nor does a reclaim).
        Assert.Equal(new DurationStats(2, 30 * Minute, 60 * Minute), figure.Escalated);
        Assert.Equal(new DurationStats(1, 20 * Minute, 20 * Minute), figure.StartedWithHuman);
        Assert.Equal(10 * Minute, figure.MedianDifference);
        Assert.False(figure.EscalatedResolveFaster);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CsatComparesBotOnlyWithEscalatedByCategoryWithTheRatingsBehindEachFigure(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var csat = await Metrics(h, rollups).CsatAsync(TenthToEleventh);

        // Assert
        Assert.Equal(new CsatComparison(new ScoreAverage(2, 4.0), new ScoreAverage(2, 3.0)), csat.Overall);
        Assert.Equal(-1.0, csat.Overall.Delta);
        Assert.Equal([
            new CategoryCsat(IssueCategory.Billing, new CsatComparison(new ScoreAverage(1, 5.0), new ScoreAverage(1, 2.0))),
            new CategoryCsat(IssueCategory.Technical, new CsatComparison(new ScoreAverage(1, 3.0), new ScoreAverage(1, 4.0))),
        ], csat.ByCategory);
        Assert.Equal(-3.0, csat.ByCategory[0].Csat.Delta);
        Assert.Equal(1.0, csat.ByCategory[1].Csat.Delta);
        Assert.Equal(new Rate(4, 6), csat.ShareRated);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BottlenecksCountQueueWaitBouncesTransfersReassignmentsAndMisroutedCases(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var figure = await Metrics(h, rollups).BottlenecksAsync(TenthToEleventh);

        // Assert: waits K1 5, K2 10, K5 2 min; one decline, one timeout, one reclaim over three cases.
        Assert.Equal(new DurationStats(3, 5 * Minute, 10 * Minute), figure.QueueWait);
        Assert.Equal(new PerCase(3, 3), figure.Bounces);
        Assert.Equal(1.0, figure.Bounces.Mean);
        Assert.Equal((1, 1, 1), (figure.Declines, figure.TimeOuts, figure.Reclaims));
        Assert.Equal(new PerCase(3, 1), figure.Transfers);
        Assert.Equal(new PerCase(3, 1), figure.Reassignments);
        Assert.Equal(new Rate(1, 3), figure.Misrouted);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AskedToRepeatCountsAgentsFlagsAndCustomersComplaintsAfterTheHandoff(bool rollups)
    {
        // Arrange: K1's customer complains twice, K2's agent flags it and its customer writes calmly; K5 has neither.
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);
        var desk = new DeskHistory(h);
        await using (var db = await h.DbFactory.CreateDbContextAsync())
        {
            var cases = await db.Cases.OrderBy(c => c.Id).Select(c => new { c.Id, c.ConversationId, c.AssignedAgentId }).ToListAsync();
            await desk.CustomerWritesAfterHandoffAsync(cases[0].ConversationId, cases[0].Id, "As I said, the charge is there twice.", U(10, 8, 15));
            await desk.CustomerWritesAfterHandoffAsync(cases[0].ConversationId, cases[0].Id, "You need my invoice number again?", U(10, 8, 16));
            await desk.CustomerWritesAfterHandoffAsync(cases[1].ConversationId, cases[1].Id, "Thanks, that makes sense.", U(10, 9, 35));
            await desk.FlagAsync(cases[1].Id, CaseFlag.CustomerRepeated, cases[1].AssignedAgentId!.Value, U(10, 9, 36));
        }

        // Act
        var figure = (await Metrics(h, rollups).BottlenecksAsync(TenthToEleventh)).AskedToRepeat;

        // Assert: either 2 of 3 cases, flagged 1 (K2), detected 1 (K1, however many times its customer said it).
        Assert.Equal(new Rate(2, 3), figure.Either);
        Assert.Equal(new Rate(1, 3), figure.Flagged);
        Assert.Equal(new Rate(1, 3), figure.Detected);
        await using var check = await h.DbFactory.CreateDbContextAsync();
        Assert.Equal(2, await check.RepeatMentions.CountAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReportGathersEveryFigureForTheRangeInTheDesksZone(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var report = await Metrics(h, rollups).ReportAsync(TenthToEleventh);

        // Assert
        Assert.Equal(U(9, 22, 0), report.UtcStart);
        Assert.Equal(U(11, 22, 0), report.UtcEnd);
        Assert.Equal(new Rate(3, 6), report.EscalationRate.Overall);
        Assert.Equal(2, report.TimeToEscalate.Duration.Count);
        Assert.Equal(1, report.ResolutionTime.StartedWithHuman.Count);
        Assert.Equal(new Rate(4, 6), report.Csat.ShareRated);
        Assert.Equal(3, report.Bottlenecks.Bounces.Cases);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CategoryFilterUsesTheCasesCategoryElseTheBotsLeadingGuess(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);
        var billing = TenthToEleventh with { Category = IssueCategory.Billing };

        // Act
        var report = await Metrics(h, rollups).ReportAsync(billing);

        // Assert: C1 and C5 escalated as Billing, C3 the bot kept as Billing.
        Assert.Equal(new Rate(2, 3), report.EscalationRate.Overall);
        Assert.Equal(new DurationStats(2, 2 * Minute, 5 * Minute), report.Bottlenecks.QueueWait);
        Assert.Equal([new CategoryCsat(IssueCategory.Billing, new CsatComparison(new ScoreAverage(1, 5.0), new ScoreAverage(1, 2.0)))], report.Csat.ByCategory);
        Assert.Equal(new Rate(2, 3), report.Csat.ShareRated);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TierFilterKeepsOnlyThatTiersCustomers(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var report = await Metrics(h, rollups).ReportAsync(TenthToEleventh with { Tier = CustomerTier.Enterprise });

        // Assert: C1, C4 and C5; cases K1 and K5.
        Assert.Equal(new Rate(2, 3), report.EscalationRate.Overall);
        Assert.Equal(new DurationStats(1, 5 * Minute, 5 * Minute), report.TimeToEscalate.Duration);
        Assert.Equal(new PerCase(2, 2), report.Bottlenecks.Bounces);
        Assert.Equal(new CsatComparison(new ScoreAverage(1, 3.0), new ScoreAverage(1, 2.0)), report.Csat.Overall);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ChannelFilterKeepsOnlyThatChannelsConversations(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var report = await Metrics(h, rollups).ReportAsync(TenthToEleventh with { Channel = "widget" });

        // Assert: only C4, which the bot kept.
        Assert.Equal(new Rate(0, 1), report.EscalationRate.Overall);
        Assert.Equal(0.0, report.EscalationRate.Overall.Value);
        Assert.Equal(new DurationStats(0, null, null), report.TimeToEscalate.Duration);
        Assert.Equal(new CsatComparison(new ScoreAverage(1, 3.0), new ScoreAverage(0, null)), report.Csat.Overall);
        Assert.Null(report.Csat.Overall.Delta);
        Assert.Equal(new Rate(1, 1), report.Csat.ShareRated);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TeamFilterCountsOnlyTheTeamsCasesOverAllConversations(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var (_, tech) = await SeedAsync(h);

        // Act
        var report = await Metrics(h, rollups).ReportAsync(TenthToEleventh with { TeamId = tech.Id });

        // Assert: of the six conversations, only C2 escalated to Tech; its case K2 alone is measured; the bot's ratings stay.
        Assert.Equal(new Rate(1, 6), report.EscalationRate.Overall);
        Assert.Equal(new DurationStats(1, 20 * Minute, 20 * Minute), report.TimeToEscalate.Duration);
        Assert.Equal(new DurationStats(1, 60 * Minute, 60 * Minute), report.ResolutionTime.Escalated);
        Assert.Equal(new DurationStats(0, null, null), report.ResolutionTime.StartedWithHuman);
        Assert.Null(report.ResolutionTime.EscalatedResolveFaster);
        Assert.Equal(new PerCase(1, 1), report.Bottlenecks.Transfers);
        Assert.Equal(new CsatComparison(new ScoreAverage(2, 4.0), new ScoreAverage(1, 4.0)), report.Csat.Overall);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SkillFilterKeepsOnlyCasesNeedingThatSkill(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var report = await Metrics(h, rollups).ReportAsync(TenthToEleventh with { Skill = Skill.Billing });

        // Assert: K1 and K5.
        Assert.Equal(new DurationStats(2, 2 * Minute, 5 * Minute), report.Bottlenecks.QueueWait);
        Assert.Equal(new Rate(1, 2), report.Bottlenecks.Misrouted);
        Assert.Equal(new Rate(2, 6), report.EscalationRate.Overall);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HourOfDayFilterUsesTheDesksLocalHour(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act: 10:00 local is 08:00 UTC (C1 and K1), not 10:00 UTC (C4).
        var report = await Metrics(h, rollups).ReportAsync(TenthToEleventh with { HourOfDay = 10 });

        // Assert
        Assert.Equal(new Rate(1, 1), report.EscalationRate.Overall);
        Assert.Equal([new RatePoint(March10, new Rate(1, 1)), new RatePoint(March11, new Rate(0, 0))], report.EscalationRate.Trend);
        Assert.Null(report.EscalationRate.Trend[1].Rate.Value);
        Assert.Equal(new DurationStats(1, 5 * Minute, 5 * Minute), report.TimeToEscalate.Duration);
        Assert.Equal(new Rate(1, 1), report.Bottlenecks.Misrouted);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AFilterThatExcludesEverythingGivesNoDataRatherThanZero(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        // Act
        var report = await Metrics(h, rollups).ReportAsync(TenthToEleventh with { Channel = "sms" });

        // Assert
        AssertNoData(report);
        Assert.Equal(2, report.EscalationRate.Trend.Count);
        Assert.All(report.EscalationRate.Trend, p => Assert.Null(p.Rate.Value));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnEmptyRangeGivesNoDataAndALongOneTrendsByWeek(bool rollups)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);
        var spring = new MetricsFilter(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 29), Desk);

        // Act
        var report = await Metrics(h, rollups).ReportAsync(spring);

        // Assert: 90 days make 13 weeks, the last of them six days long.
        AssertNoData(report);
        Assert.Equal(TrendPeriod.Week, report.EscalationRate.Period);
        Assert.Equal(13, report.EscalationRate.Trend.Count);
        Assert.Equal(new DateOnly(2026, 4, 8), report.EscalationRate.Trend[1].Start);
        Assert.Equal(new DateOnly(2026, 6, 24), report.EscalationRate.Trend[^1].Start);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ACaseJustBeforeLocalMidnightBelongsToTheLocalDayNotTheUtcOne(bool rollups)
    {
        // Arrange: four escalations around the desk's midnights of 10 March (22:00 UTC on the 9th and the 10th).
        await using var h = await EngineHarness.CreateAsync();
        var desk = new DeskHistory(h);
        DateTime[] instants = [U(9, 21, 59), U(9, 22, 1), U(10, 21, 59), U(10, 22, 1)];
        foreach (var at in instants)
        {
            var conversation = await desk.ConversationAsync(at, messages: [(MessageAuthor.Customer, at), (MessageAuthor.Bot, at)]);
            await desk.CaseAsync(conversation, at);
        }
        var metrics = Metrics(h, rollups);

        // Act
        var local = await metrics.ReportAsync(new MetricsFilter(March10, March10, Desk));
        var utc = await metrics.ReportAsync(new MetricsFilter(March10, March10, TimeZoneInfo.Utc));

        // Assert: local 10 March holds 00:01 and 23:59 local; UTC 10 March holds 21:59 and 22:01 UTC.
        Assert.Equal(new Rate(2, 2), local.EscalationRate.Overall);
        Assert.Equal(2, local.Bottlenecks.Bounces.Cases);
        Assert.Equal([new RatePoint(March10, new Rate(2, 2))], local.EscalationRate.Trend);
        Assert.Equal(new Rate(2, 2), utc.EscalationRate.Overall);
        Assert.Equal(2, utc.Bottlenecks.Bounces.Cases);
        var justBeforeLocalMidnight = await metrics.ReportAsync(new MetricsFilter(March10, March10, Desk) { HourOfDay = 23 });
        Assert.Equal(new Rate(1, 1), justBeforeLocalMidnight.EscalationRate.Overall);
        var justBeforeUtcMidnight = await metrics.ReportAsync(new MetricsFilter(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 9), Desk));
        Assert.Equal(new Rate(1, 1), justBeforeUtcMidnight.EscalationRate.Overall);
    }

    private static void AssertNoData(HistoryReport report)
    {
        Assert.Equal(new Rate(0, 0), report.EscalationRate.Overall);
        Assert.Null(report.EscalationRate.Overall.Value);
        Assert.Equal(new DurationStats(0, null, null), report.TimeToEscalate.Duration);
        Assert.Null(report.TimeToEscalate.OverAutomationLoop.Value);
        Assert.Null(report.ResolutionTime.EscalatedResolveFaster);
        Assert.Null(report.ResolutionTime.MedianDifference);
        Assert.Equal(new CsatComparison(new ScoreAverage(0, null), new ScoreAverage(0, null)), report.Csat.Overall);
        Assert.Empty(report.Csat.ByCategory);
        Assert.Null(report.Csat.ShareRated.Value);
        Assert.Null(report.Bottlenecks.QueueWait.P50);
        Assert.Null(report.Bottlenecks.Bounces.Mean);
        Assert.Null(report.Bottlenecks.Transfers.Mean);
        Assert.Null(report.Bottlenecks.Misrouted.Value);
        Assert.Null(report.Bottlenecks.AskedToRepeat.Either.Value);
    }
}
