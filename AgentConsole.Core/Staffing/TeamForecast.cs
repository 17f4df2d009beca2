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
public sealed record TeamForecast(Guid TeamId, string TeamName, IReadOnlyList<ForecastHour> Hours, int CasesRead)
{
    /// <summary>The 24 hours of <paramref name="date"/>'s day of the week, midnight first (local hours of the desk).</summary>
    public IReadOnlyList<ForecastHour> HoursOf(DateOnly date) => [.. Hours.Skip(WeekHours.DayIndex(date.DayOfWeek) * 24).Take(24)];

    /// <summary>The gap of one day, such as tomorrow, in brief.</summary>
    public DayGap GapOn(DateOnly date)
    {
        var hours = HoursOf(date);
        var worst = hours.Where(h => h.Gap < 0).MinBy(h => h.Gap);
        return new DayGap(date, hours.Count(h => h.Gap < 0), hours.Where(h => h.Gap < 0).Sum(h => -h.Gap), worst,
            hours.Sum(h => h.Needed), hours.Sum(h => h.Scheduled));
    }
}

/// <summary>One day's staffing gap in brief.</summary>
/// <param name="Date">The desk day.</param>
/// <param name="ShortHours">The hours with fewer agents scheduled than needed.</param>
/// <param name="MissingAgentHours">The agents missing, summed over those hours.</param>
/// <param name="Worst">The hour short of the most agents (the earliest of equals), or null when none is short.</param>
/// <param name="NeededAgentHours">The agents needed, summed over the day's hours.</param>
/// <param name="ScheduledAgentHours">The agents scheduled, summed over the day's hours.</param>
public sealed record DayGap(DateOnly Date, int ShortHours, int MissingAgentHours, ForecastHour? Worst, int NeededAgentHours, int ScheduledAgentHours);

/// <summary>The forecast of every team asked for, from the history of <see cref="From"/> to <see cref="To"/> (desk days, both included).</summary>
public sealed record StaffingForecastReport(DateOnly From, DateOnly To, int Weeks, double ServiceLevel, int AnswerSeconds, RosterVersion Roster,
    IReadOnlyList<TeamForecast> Teams);
