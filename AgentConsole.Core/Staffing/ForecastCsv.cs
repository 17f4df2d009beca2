using System.Globalization;
using System.Text;
using AgentConsole.Core.Common;

namespace AgentConsole.Core.Staffing;

/// <summary>
/// The forecast as CSV, one row per team and hour of the week (168 per team, Monday 00:00 first), for
/// the page's download and the <c>staffing forecast --csv</c> command alike. Numbers use the invariant culture.
/// </summary>
public static class ForecastCsv
{
    /// <summary>The header row.</summary>
    public const string Header = "team,day,hour,arrivals,mean_handle_seconds,traffic_erlangs,needed,scheduled,gap,scheduled_service_level";

    /// <summary>The report's rows under <see cref="Header"/>.</summary>
    public static string Write(StaffingForecastReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var team in report.Teams)
            foreach (var h in team.Hours)
                csv.Append(CultureInfo.InvariantCulture,
                    $"{CsvField.Escape(team.TeamName)},{WeekHours.DayOf(h.HourOfWeek)},{WeekHours.HourOf(h.HourOfWeek)},{h.Arrivals:0.###},{h.MeanHandleSeconds:0.#},{h.Traffic:0.###},{h.Needed},{h.Scheduled},{h.Gap},{h.ScheduledServiceLevel:0.###}\n");
        return csv.ToString();
    }
}
