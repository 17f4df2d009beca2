using AgentConsole.Cli;
using AgentConsole.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AgentConsole.Tests.Integration;

/// <summary>
/// The <c>staffing</c> command line over a generated history (<c>seed-history</c>'s four "History" teams,
/// 200 cases over 10 days before Saturday 14 March 2026): its tables, its CSV, and bad input refused with
/// a message and no store touched.
/// </summary>
public sealed class StaffingCommandTests : IDisposable
{
    private readonly TempDatabase _database = TempDatabase.OnSqlite();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero));

    private async Task SeedAsync()
    {
        var exit = await SeedHistoryCommand.RunAsync(["--cases", "200", "--days", "10", "--seed", "2", "--database", _database.FilePath], new StringWriter(), new StringWriter(), _clock);
        Assert.Equal(0, exit);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await StaffingCommand.RunAsync([.. args, "--database", _database.FilePath], stdout, stderr, _clock);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task ForecastPrintsEachTeamAndWritesEveryHourToTheCsv()
    {
        await SeedAsync();
        var csv = Path.Combine(_database.Directory, "forecast.csv");

        var (exit, stdout, stderr) = await RunAsync("forecast", "--csv", csv);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.StartsWith("staffing forecast: 4 weeks of history (2026-02-14 to 2026-03-13)", stdout);
        foreach (var team in new[] { "History Billing", "History Technical", "History Accounts", "History Security" })
            Assert.Contains($"\n{team}: ", stdout);
        var lines = await File.ReadAllLinesAsync(csv);
        Assert.Equal(AgentConsole.Core.Staffing.ForecastCsv.Header, lines[0]);
        // The seeded desk's four teams and the demo-free store's none else: 168 hours each.
        Assert.Equal(1 + 4 * 168, lines.Length);
    }

    [Fact]
    public async Task ForecastOfOneTeamByName()
    {
        await SeedAsync();

        var (exit, stdout, _) = await RunAsync("forecast", "--team", "history billing");

        Assert.Equal(0, exit);
        Assert.Contains("History Billing: ", stdout);
        Assert.DoesNotContain("History Technical", stdout);
    }

    [Fact]
    public async Task SimulatePrintsTheDayAndEveryHour()
    {
        await SeedAsync();

        var (exit, stdout, stderr) = await RunAsync("simulate", "--date", "2026-03-12", "--add", "History Billing:Specialist:2", "--seed", "4");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.StartsWith("staffing simulate: 2026-03-12 (stored arrivals), published roster, +History Billing:Specialist:2, seed 4", stdout);
        Assert.Contains("agents on duty 2;", stdout);
        Assert.Contains("simulated cases/s", stdout);
        Assert.Equal(24, stdout.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d\d:00 ")));
    }

    [Fact]
    public async Task ForecastOfTomorrowGivesEachTeamsGapAndItsTwentyFourHours()
    {
        await SeedAsync();

        var (exit, stdout, stderr) = await RunAsync("forecast", "--day", "tomorrow");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        // Today is Saturday 14 March: tomorrow is Sunday 15 March, every team's 24 hours of it and no other day's.
        Assert.Equal(4, stdout.Split('\n').Count(l => l.StartsWith("2026-03-15 (Sunday): ", StringComparison.Ordinal) && l.Contains(" agent-hours needed, ")));
        Assert.Equal(4 * 24, stdout.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^Sun \d\d:00 ")));
        Assert.DoesNotMatch(@"(?m)^(Mon|Tue|Wed|Thu|Fri|Sat) \d\d:00 ", stdout);
    }

    [Fact]
    public async Task SimulatingTomorrowsForecastGivesEachTeamsFigures()
    {
        await SeedAsync();

        var (exit, stdout, stderr) = await RunAsync("simulate", "--date", "tomorrow", "--forecast", "--seed", "4");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.StartsWith("staffing simulate: 2026-03-15 (forecast arrivals), published roster, seed 4", stdout);
        foreach (var team in new[] { "History Billing", "History Technical", "History Accounts", "History Security" })
            Assert.Contains($"\n  {team}: cases ", stdout);
    }

    [Theory]
    [InlineData("No team is named 'Nobody'", "forecast", "--team", "Nobody")]
    [InlineData("No team is named 'Nope'", "simulate", "--date", "2026-03-12", "--add", "Nope:Specialist:2")]
    public async Task AnUnknownTeamIsRefusedWithItsName(string message, params string[] args)
    {
        await SeedAsync();

        var (exit, stdout, stderr) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr);
    }

    [Theory]
    [InlineData("yyyy-MM-dd, not '2026-13-01'", "simulate", "--date", "2026-13-01")]
    [InlineData("yyyy-MM-dd", "simulate", "--seed", "3")]
    [InlineData("not a tier", "simulate", "--date", "2026-03-12", "--add", "Billing:Wizard:2")]
    [InlineData("--seed takes a whole number", "simulate", "--date", "2026-03-12", "--seed", "x")]
    [InlineData("draft or published, not 'weekly'", "forecast", "--roster", "weekly")]
    [InlineData("--day tomorrow or --day yyyy-MM-dd, not 'monday'", "forecast", "--day", "monday")]
    [InlineData("usage: staffing", "forecast", "--date", "2026-03-12")]
    [InlineData("usage: staffing", "plan")]
    [InlineData("usage: staffing", "simulate", "--date")]
    public async Task BadInputIsRefusedBeforeTheStoreIsOpened(string message, params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr);
        Assert.False(File.Exists(_database.FilePath));
    }

    public void Dispose() => _database.Dispose();
}
