using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Staffing;

/// <summary>
/// The staffing forecast: per team and hour of the week, from the last <see cref="StaffingOptions.Weeks"/>
/// full weeks of stored arrivals and handle times (desk days ending yesterday), the expected arrivals,
/// the mean handle time, the agents needed to answer <see cref="StaffingOptions.ServiceLevel"/> of
/// cases within <see cref="StaffingOptions.AnswerSeconds"/> by <see cref="ErlangC"/>, and the agents
/// a roster schedules beside them.
/// <para>
/// Erlang C counts an agent as working one case at a time, with the case's handle time (its first
/// assignment to its resolution): for agents who hold several cases at once the figure is the
/// conservative one; the simulator replays the real capacities.
/// </para>
/// </summary>
public class StaffingForecast(IDbContextFactory<AgentConsoleDbContext> dbFactory, Rosters rosters, IOptions<StaffingOptions> options,
    IOptions<MetricsOptions> metrics, TimeProvider time)
{
    /// <summary>The staffing options in force.</summary>
    public StaffingOptions Options => options.Value;

    /// <summary>Today in the desk's time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), metrics.Value.DeskTimeZone).DateTime);

    /// <summary>Tomorrow in the desk's time zone: the day a lead staffs for.</summary>
    public DateOnly Tomorrow => Today.AddDays(1);

    /// <summary>The filter of the history the forecast reads: the last full weeks before today, of one team or all.</summary>
    public MetricsFilter HistoryFilter(Guid? teamId = null) =>
        new MetricsFilter(Today.AddDays(-7 * Options.Weeks), Today.AddDays(-1), metrics.Value.DeskTimeZone) { TeamId = teamId };

    /// <summary>The forecast of <paramref name="teamId"/>, or of every team, against the <paramref name="roster"/> version.</summary>
    /// <exception cref="RoutingNotFoundException">No such team.</exception>
    public virtual async Task<StaffingForecastReport> ForecastAsync(Guid? teamId = null, RosterVersion roster = RosterVersion.Published,
        CancellationToken cancellationToken = default)
    {
        var teams = await TeamsAsync(teamId, cancellationToken);
        var filter = HistoryFilter(teamId);
        var cases = await StaffingHistory.CasesAsync(dbFactory, filter, cancellationToken);
        var scheduled = await rosters.AllAsync(roster, cancellationToken);
        var byTeam = cases.ToLookup(c => c.TeamId);
        var forecasts = teams.Select(t => Forecast(t.Id, t.Name, byTeam[t.Id], scheduled.GetValueOrDefault(t.Id), filter)).ToList();
        return new StaffingForecastReport(filter.From, filter.To, Options.Weeks, Options.ServiceLevel, Options.AnswerSeconds, roster, forecasts);
    }

    /// <summary>The teams by name: one (refused when unknown) or all.</summary>
    /// <exception cref="RoutingNotFoundException">No such team.</exception>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> TeamsAsync(Guid? teamId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Teams.AsNoTracking();
        if (teamId is { } id) query = query.Where(t => t.Id == id);
        var teams = await query.Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        if (teamId is { } missing && teams.Count == 0) throw new RoutingNotFoundException($"Team {missing} does not exist.");
        return [.. teams.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(t => (t.Id, t.Name))];
    }

    /// <summary>One team's week from its past cases, read over <paramref name="filter"/>'s days.</summary>
    internal TeamForecast Forecast(Guid teamId, string name, IEnumerable<PastCase> cases, int[]? scheduled, MetricsFilter filter)
    {
        var o = Options;
        var arrivals = new int[WeekHours.Count];
        var handleSum = new double[WeekHours.Count];
        var handled = new int[WeekHours.Count];
        var read = 0;
        foreach (var c in cases)
        {
            read++;
            var hour = WeekHours.Of(filter.ToLocal(c.OpenedAt));
            arrivals[hour]++;
            if (c.Handle is not { } handle) continue;
            handleSum[hour] += handle.TotalSeconds;
            handled[hour]++;
        }
        var teamHandled = handled.Sum();
        var teamMean = teamHandled > 0 ? handleSum.Sum() / teamHandled : o.DefaultHandleSeconds;
        // Each hour of the week occurs once a week in the days read (whole weeks).
        var weeks = filter.Days / 7d;
        var hours = new ForecastHour[WeekHours.Count];
        for (var h = 0; h < WeekHours.Count; h++)
        {
            var expected = arrivals[h] / weeks;
            var mean = handled[h] > 0 ? handleSum[h] / handled[h] : teamMean;
            // A handle time under a second would make the service level a step function of nothing.
            mean = Math.Max(1, mean);
            var traffic = ErlangC.TrafficIntensity(expected, mean);
            var needed = ErlangC.AgentsNeeded(traffic, mean, o.AnswerSeconds, o.ServiceLevel);
            var agents = scheduled?[h] ?? 0;
            hours[h] = new ForecastHour(h, expected, mean, traffic, needed, agents, ErlangC.ServiceLevel(agents, traffic, mean, o.AnswerSeconds));
        }
        return new TeamForecast(teamId, name, hours, read);
    }
}
