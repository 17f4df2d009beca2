using System.Globalization;
using AgentConsole.Components.Pages.Staffing;
using AgentConsole.Core.Staffing;
using AgentConsole.Core.Staffing.Simulation;

namespace AgentConsole.Cli;

/// <summary>The <c>staffing</c> command's tables, as plain fixed-width text for a terminal or a script.</summary>
internal static class StaffingTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Per team, the hours of the week with arrivals or agents scheduled (the CSV has all 168); with a
    /// <paramref name="day"/>, that day's gap in brief and its 24 hours.
    /// </summary>
    public static async Task ForecastAsync(StaffingForecastReport report, DateOnly? day, TextWriter stdout)
    {
        await stdout.WriteLineAsync(string.Create(Invariant,
            $"staffing forecast: {report.Weeks} weeks of history ({report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}), {report.ServiceLevel:P0} answered within {report.AnswerSeconds} s, {report.Roster.ToString().ToLowerInvariant()} roster"));
        foreach (var team in report.Teams)
        {
            var hours = day is { } date ? [.. team.HoursOf(date)] : team.Hours.Where(h => h.Arrivals > 0 || h.Scheduled > 0).ToList();
            var shortHours = team.Hours.Count(h => h.Gap < 0);
            await stdout.WriteLineAsync();
            await stdout.WriteLineAsync(string.Create(Invariant, $"{team.TeamName}: {team.CasesRead} cases read, {shortHours} hours of the week short of agents"));
            if (day is { } on)
            {
                var gap = team.GapOn(on);
                var worst = gap.Worst is { } w ? string.Create(Invariant, $", worst at {WeekHours.HourOf(w.HourOfWeek):00}:00 (needed {w.Needed}, scheduled {w.Scheduled})") : "";
                await stdout.WriteLineAsync(string.Create(Invariant,
                    $"{on:yyyy-MM-dd} ({on.DayOfWeek}): {gap.ShortHours} hours short, {gap.MissingAgentHours} agent-hours missing{worst}; {gap.NeededAgentHours} agent-hours needed, {gap.ScheduledAgentHours} scheduled"));
            }
            await stdout.WriteLineAsync($"{"Hour",-10}{"Arrivals",10}{"AHT s",9}{"Erlangs",9}{"Needed",8}{"Sched.",8}{"Gap",6}{"SL sched.",11}");
            foreach (var h in hours)
                await stdout.WriteLineAsync(string.Create(Invariant,
                    $"{WeekHours.Label(h.HourOfWeek),-10}{h.Arrivals,10:0.00}{h.MeanHandleSeconds,9:0}{h.Traffic,9:0.00}{h.Needed,8}{h.Scheduled,8}{h.Gap,6:+0;-0;0}{h.ScheduledServiceLevel,11:P1}"));
            if (hours.Count == 0) await stdout.WriteLineAsync("(no arrivals and nobody scheduled)");
        }
    }

    /// <summary>The day's summary, then one row per hour with a bar of its p90 wait.</summary>
    public static async Task SimulationAsync(SimulationReport report, TimeZoneInfo zone, TextWriter stdout)
    {
        var r = report.Result;
        var request = report.Request;
        var changes = request.Add.Count == 0 ? "" : ", " + string.Join(", ", request.Add.Select(c => "+" + c));
        var onCall = request.OnCall is null ? "" : $", on call: {string.Join(", ", request.OnCall)}";
        await stdout.WriteLineAsync(string.Create(Invariant,
            $"staffing simulate: {request.Date:yyyy-MM-dd} ({(request.Forecast ? "forecast arrivals" : "stored arrivals")}), {request.Roster.ToString().ToLowerInvariant()} roster{changes}{onCall}, seed {request.Seed}"));
        await stdout.WriteLineAsync(string.Create(Invariant,
            $"cases {r.Cases}  answered {r.Answered}  abandoned {r.Abandoned} ({Share(r.Abandonment.Value)})  wait p50 {Duration(r.Waits.P50)}  p90 {Duration(r.Waits.P90)}  SLA (≤ {report.AnswerSeconds} s) {Share(r.Sla.Value)}  occupancy {Share(r.Occupancy)}"));
        var perSecond = report.Elapsed.TotalSeconds > 0 ? r.Cases / report.Elapsed.TotalSeconds : 0;
        await stdout.WriteLineAsync(string.Create(Invariant,
            $"agents on duty {report.AgentsOnDuty}; customers give up after an exponential patience of mean {report.PatienceSeconds} s; {r.Events:N0} events in {report.Elapsed.TotalMilliseconds:0.0} ms ({perSecond:N0} simulated cases/s)"));
        foreach (var (id, name) in report.Teams)
        {
            var t = r.Team(id);
            await stdout.WriteLineAsync(string.Create(Invariant,
                $"  {name}: cases {t.Cases}  answered {t.Answered}  abandoned {t.Abandoned} ({Share(t.Abandonment.Value)})  wait p50 {Duration(t.Waits.P50)}  p90 {Duration(t.Waits.P90)}  SLA {Share(t.Sla.Value)}  occupancy {Share(t.Occupancy)}"));
        }
        await stdout.WriteLineAsync();
        await stdout.WriteLineAsync($"{"Hour",-6}{"Arrivals",9}{"Answered",9}{"Abandoned",10}{"Wait p50",10}{"Wait p90",10}{"SLA",8}{"Agents",7}{"Occupancy",10}  p90 wait");
        var longest = r.Hours.Max(h => h.Waits.P90?.TotalSeconds ?? 0);
        foreach (var h in r.Hours)
        {
            var bar = longest > 0 && h.Waits.P90 is { } p90 ? new string('#', (int)Math.Round(20 * p90.TotalSeconds / longest)) : "";
            await stdout.WriteLineAsync(string.Create(Invariant,
                $"{TimeZoneInfo.ConvertTimeFromUtc(h.Start, zone):HH:mm}{h.Arrivals,9}{h.Answered,9}{h.Abandoned,10}{Duration(h.Waits.P50),10}{Duration(h.Waits.P90),10}{Share(h.Sla.Value),8}{h.AgentsOnDuty,7}{Share(h.Occupancy),10}  {bar}"));
        }
    }

    private static string Share(double? value) => StaffingText.Share(value);

    private static string Duration(TimeSpan? value) => StaffingText.Duration(value);
}
