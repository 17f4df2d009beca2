using System.Diagnostics;
using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Staffing.Simulation;

/// <summary>
/// The what-if simulator over the store: a desk day's stored arrivals (or a forecast day's Poisson
/// arrivals), handle times drawn from the stored ones, customers who give up after an exponential
/// patience, and the agents a roster (with changes) puts on duty, run through the production routing
/// policy by <see cref="StaffingSimulator"/>. The policy is built from the <c>Routing</c> options
/// without the learned outcome term (the simulated agents have no outcomes of their own).
/// </summary>
public class StaffingSimulation(IDbContextFactory<AgentConsoleDbContext> dbFactory, Rosters rosters, StaffingForecast forecast,
    IOptions<RoutingPolicyOptions> routing, IOptions<MetricsOptions> metrics)
{
    /// <summary>Simulates <paramref name="request"/>'s day.</summary>
    /// <exception cref="Common.DomainException">An unknown team or agent named in a change, or a roster that schedules a team with no agents.</exception>
    public virtual async Task<SimulationReport> SimulateAsync(SimulationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = forecast.Options;
        var zone = metrics.Value.DeskTimeZone;
        var day = new MetricsFilter(request.Date, request.Date, zone);
        var hourStarts = new List<DateTime>();
        for (var t = day.UtcStart; t < day.UtcEnd; t = t.AddHours(1)) hourStarts.Add(t);
        var hoursOfWeek = hourStarts.Select(t => WeekHours.Of(day.ToLocal(t))).ToList();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().ToListAsync(cancellationToken);
        var stored = request.RosterOverride is null ? await rosters.AllAsync(request.Roster, cancellationToken) : null;
        var roster = request.RosterOverride ?? stored!;

        var history = await StaffingHistory.CasesAsync(dbFactory, forecast.HistoryFilter(), cancellationToken);
        var random = new Random(request.Seed);
        var setup = new SimulationSetup(random, options);
        var simulated = SimulationSetup.Agents(teams, agents, roster, hourStarts, hoursOfWeek, request.Add, request.OnCall,
            OnCallDuring(new Schedules.OnCallRoster(await db.OnCallRotations.AsNoTracking().ToListAsync(cancellationToken)), day.UtcStart, day.UtcEnd));
        var handles = new HandleTimes(history, TimeSpan.FromSeconds(options.DefaultHandleSeconds));
        var filter = forecast.HistoryFilter();
        var cases = request.Forecast
            ? setup.Forecast(history, t => WeekHours.Of(day.ToLocal(t)), filter.Days / 7d, hourStarts, handles)
            : setup.Replay(await StaffingHistory.CasesAsync(dbFactory, day, cancellationToken), handles);

        var clock = Stopwatch.StartNew();
        var result = new StaffingSimulator(new RoutingPolicy(routing.Value)).Run(simulated, cases, day.UtcStart, TimeSpan.FromSeconds(options.AnswerSeconds), hourStarts.Count);
        clock.Stop();
        return new SimulationReport(request, day.UtcStart, simulated.Count(a => a.Shifts.Count > 0), options.AnswerSeconds, options.PatienceSeconds, result, clock.Elapsed)
        {
            Teams = [.. teams.Select(t => (t.Id, t.Name))],
        };
    }

    /// <summary>
    /// Everyone the rotations put on call at some instant of [<paramref name="from"/>, <paramref name="to"/>): the
    /// simulator counts each of them on call for the whole day (a hand-over within the day is not simulated).
    /// </summary>
    internal static IReadOnlySet<Guid> OnCallDuring(Schedules.OnCallRoster roster, DateTime from, DateTime to)
    {
        var onCall = new HashSet<Guid>();
        for (DateTime? t = from; t < to; t = roster.NextChangeAfter(t.Value)) onCall.UnionWith(roster.OnCallAt(t.Value));
        return onCall;
    }
}
