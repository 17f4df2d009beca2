using System.Text.Json;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Data.Seeding.History;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Metrics.Facts;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentConsole.Tests.Core.Metrics;

/// <summary>
/// The day rollups answer every filter with the same figures as a sweep of the fact rows: over a
/// generated history in zones whose days are not UTC days (half-hour offsets, a clock change), for
/// every dimension and hour of day, after later writes, after a change of zone, and while a long
/// history is still being built.
/// </summary>
public sealed class FactRollupsTests
{
    private static readonly DateTime End = new(2026, 3, 31, 18, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("Asia/Kolkata")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/St_Johns")]
    public async Task EveryFilterGetsTheSameFiguresFromTheRollupsAsFromTheFactRows(string zone)
    {
        // Arrange: 25 days ending after Europe's clock change of 29 March.
        await using var h = await EngineHarness.CreateAsync();
        await new HistorySeeder(h.DbFactory).SeedAsync(new HistorySeedOptions(Cases: 400, Days: 25, Seed: 11, End));
        var desk = Settings(zone);

        // Act and assert
        var checkedFilters = await AssertSameFiguresAsync(h, desk, await FiltersAsync(h, desk));
        Assert.True(checkedFilters > 20, $"Only {checkedFilters} filters were compared.");
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var state = await StateAsync(db);
        Assert.Equal((zone, true), (state.Zone, state.Complete));
        Assert.True(await db.CaseDays.SumAsync(r => r.Cases) == await db.CaseFacts.CountAsync(), "The case rollups do not count every case.");
    }

    [Fact]
    public async Task WritesAfterTheBuildReachTheRollupsOfTheirDaysAtTheNextRead()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await new HistorySeeder(h.DbFactory).SeedAsync(new HistorySeedOptions(Cases: 200, Days: 10, Seed: 3, End));
        var desk = Settings("Asia/Kolkata");
        var metrics = new HistoryMetrics(h.DbFactory, Options.Create(desk));
        var filter = metrics.Days(DateOnly.FromDateTime(End).AddDays(-12), DateOnly.FromDateTime(End).AddDays(1));
        var before = (await metrics.ReportAsync(filter)).EscalationRate.Overall;

        // Act: a new conversation that escalates, and every Enterprise customer moved down to Free.
        var history = new DeskHistory(h);
        var conversation = await history.ConversationAsync(End.AddHours(-3), tier: CustomerTier.Pro, botGuess: IssueCategory.Billing,
            messages: [(MessageAuthor.Customer, End.AddHours(-3)), (MessageAuthor.Bot, End.AddHours(-3).AddMinutes(1))]);
        await history.CaseAsync(conversation, End.AddHours(-2), IssueCategory.Billing, Skill.Billing, (c, _) => c.Queue(End.AddHours(-2)));
        await using (var db = await h.DbFactory.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Customers" SET "Tier" = 'Free' WHERE "Tier" = 'Enterprise'""");

        // Assert
        var after = (await metrics.ReportAsync(filter)).EscalationRate.Overall;
        Assert.Equal((before.Count + 1, before.Of + 1), (after.Count, after.Of));
        await AssertSameFiguresAsync(h, desk, [filter, filter with { Tier = CustomerTier.Enterprise }, filter with { Tier = CustomerTier.Free }, filter with { Tier = CustomerTier.Pro }]);
        await using var read = await h.DbFactory.CreateDbContextAsync();
        Assert.Equal(0, await read.Database.SqlQueryRaw<int>("SELECT CAST(count(*) AS integer) AS \"Value\" FROM \"RollupDirty\"").SingleAsync());
    }

    [Fact]
    public async Task AnotherTimeZoneOrReopenWindowRebuildsTheRollupsAndALongHistoryIsBuiltAMonthAtATime()
    {
        // Arrange: 100 days, many build steps.
        await using var h = await EngineHarness.CreateAsync();
        await new HistorySeeder(h.DbFactory).SeedAsync(new HistorySeedOptions(Cases: 300, Days: 100, Seed: 5, End));
        var utc = Settings("UTC");
        var catchUp = new FactsCatchUp(h.DbFactory, Options.Create(utc));
        var steps = 0;
        while (await catchUp.RollupsPendingAsync())
        {
            Assert.True(await catchUp.RunAsync());
            steps++;
        }
        Assert.InRange(steps, 100 / FactRollups.ChunkDays, 100 / FactRollups.ChunkDays + 2);
        Assert.False(await catchUp.RunAsync());

        // Act: the desk moves to Berlin; a read takes one build step and, the rollups not complete, sweeps the facts.
        var berlin = Settings("Europe/Berlin");
        var metrics = new HistoryMetrics(h.DbFactory, Options.Create(berlin));
        var filter = metrics.Days(DateOnly.FromDateTime(End).AddDays(-100), DateOnly.FromDateTime(End));
        var midBuild = await metrics.ReportAsync(filter);
        await using (var db = await h.DbFactory.CreateDbContextAsync())
            Assert.Equal(("Europe/Berlin", false), ((await StateAsync(db)).Zone, (await StateAsync(db)).Complete));

        // Assert: the same figures mid-build, and once built; a new reopen window builds again.
        await AssertSameFiguresAsync(h, berlin, [filter, filter with { Channel = "web" }]);
        Assert.Equal(Json(midBuild), Json(await metrics.ReportAsync(filter)));
        var wider = Settings("Europe/Berlin");
        wider.ReopenWindowDays = 30;
        await AssertSameFiguresAsync(h, wider, [filter]);
    }

    /// <summary>The desk's shipped settings in <paramref name="zone"/>.</summary>
    private static MetricsOptions Settings(string zone)
    {
        var settings = ShippedSettings.Metrics();
        settings.TimeZone = zone;
        return settings;
    }

    /// <summary>Every dimension the generated history has, alone and with others, over the whole range, one day and a week.</summary>
    private static async Task<List<MetricsFilter>> FiltersAsync(EngineHarness h, MetricsOptions desk)
    {
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var teams = await db.Teams.Select(t => t.Id).ToListAsync();
        var channels = await db.ConversationFacts.Select(c => c.Channel).Distinct().ToListAsync();
        var zone = desk.DeskTimeZone;
        var last = DateOnly.FromDateTime(End);
        var all = new MetricsFilter(last.AddDays(-26), last, zone);
        var filters = new List<MetricsFilter> { all, new(last.AddDays(-3), last.AddDays(-3), zone), new(new DateOnly(2026, 3, 26), new DateOnly(2026, 4, 1), zone) };
        filters.AddRange(Enum.GetValues<IssueCategory>().Select(c => all with { Category = c }));
        filters.AddRange(Enum.GetValues<CustomerTier>().Select(t => all with { Tier = t }));
        filters.AddRange(channels.Select(c => all with { Channel = c }));
        filters.AddRange(teams.Select(t => all with { TeamId = t }));
        filters.AddRange(new[] { Skill.Billing, Skill.Technical }.Select(s => all with { Skill = s }));
        filters.AddRange(new[] { 0, 9, 23 }.Select(hour => all with { HourOfDay = hour }));
        filters.Add(all with { Category = IssueCategory.Billing, Tier = CustomerTier.Enterprise, Channel = channels[0] });
        return filters;
    }

    /// <summary>Compares every figure the rollups serve, read both ways; returns how many filters it compared.</summary>
    private static async Task<int> AssertSameFiguresAsync(EngineHarness h, MetricsOptions desk, IReadOnlyList<MetricsFilter> filters)
    {
        var sweep = Copy(desk, rollups: false);
        var catchUp = new FactsCatchUp(h.DbFactory, Options.Create(desk));
        while (await catchUp.RollupsPendingAsync()) await catchUp.RunAsync();
        foreach (var filter in filters)
        {
            await using (var db = await h.DbFactory.CreateDbContextAsync())
                Assert.True(filter.TimeZone.Id != desk.TimeZone || (await StateAsync(db)).Serves(filter.TimeZone, desk.ReopenWindowDays), "The rollups do not serve the filter.");
            Assert.Equal(await FiguresAsync(h, sweep, filter), await FiguresAsync(h, desk, filter));
        }
        return filters.Count;
    }

    private static async Task<string> FiguresAsync(EngineHarness h, MetricsOptions settings, MetricsFilter filter)
    {
        var options = Options.Create(settings);
        var report = await new HistoryMetrics(h.DbFactory, options).ReportAsync(filter);
        var hotspots = await new HotspotMetrics(h.DbFactory, options).ReportAsync(filter);
        var routing = await new RoutingAccuracyQuery(h.DbFactory, options).ReportAsync(filter);
        return string.Join('\n', Json(report), Json(hotspots), Json(routing));
    }

    /// <summary>A report as JSON, its filter (with its time zone) left out: two reads of the same filter compare equal only if every figure does.</summary>
    private static string Json(object report) =>
        JsonSerializer.Serialize(report is HistoryReport history ? new { history.EscalationRate, history.TimeToEscalate, history.ResolutionTime, history.Csat, history.Bottlenecks } : report);

    private static MetricsOptions Copy(MetricsOptions settings, bool rollups) => new()
    {
        TimeZone = settings.TimeZone,
        ReopenWindowDays = settings.ReopenWindowDays,
        AutomationLoopMinutes = settings.AutomationLoopMinutes,
        Rollups = rollups,
    };

    private static Task<FactRollups.State> StateAsync(AgentConsoleDbContext db) => FactRollups.StateAsync(db, CancellationToken.None);
}
