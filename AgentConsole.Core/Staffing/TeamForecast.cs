namespace AgentConsole.Core.Staffing;

/// <summary>One hour of the week of one team's forecast.</summary>
/// <param name="HourOfWeek">0 (Monday 00:00) to 167, in the desk's time zone.</param>
/// <param name="Arrivals">The expected arrivals in the hour: the cases that arrived in it over the weeks read, divided by the weeks.</param>
/// <param name="MeanHandleSeconds">The mean handle time of the cases that arrived in it (else the team's over every hour, else the default).</param>
/// <param name="Traffic">The offered load in Erlangs.</param>
/// <param name="Needed">The fewest agents meeting the service level, by Erlang C.</param>
/// <param name="Scheduled">The agents the roster schedules.</param>
/// <param name="ScheduledServiceLevel">The share answered in time that Erlang C expects of the scheduled agents.</param>
public sealed record ForecastHour(int HourOfWeek, double Arrivals, double MeanHandleSeconds, double Traffic, int Needed, int Scheduled, double ScheduledServiceLevel)
{
    /// <summary>Scheduled minus needed: negative is a shortfall.</summary>
    public int Gap => Scheduled - Needed;
}

/// <summary>A team's week: 168 <see cref="ForecastHour"/>s, Monday 00:00 first.</summary>
public sealed record TeamForecast(Guid TeamId, string TeamName, IReadOnlyList<ForecastHour> Hours, int CasesRead);

/// <summary>The forecast of every team asked for, from the history of <see cref="From"/> to <see cref="To"/> (desk days, both included).</summary>
public sealed record StaffingForecastReport(DateOnly From, DateOnly To, int Weeks, double ServiceLevel, int AnswerSeconds, RosterVersion Roster,
    IReadOnlyList<TeamForecast> Teams);
