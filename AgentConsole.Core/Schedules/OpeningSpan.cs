namespace AgentConsole.Core.Schedules;

/// <summary>
/// One stretch of opening hours on a weekday, in the team's local time: from <see cref="Opens"/>
/// to <see cref="Closes"/>, where a closing time of 00:00 means midnight at the end of the day.
/// </summary>
public sealed class OpeningSpan
{
    /// <summary>For the store.</summary>
    public OpeningSpan() { }

    /// <summary>Open on <paramref name="day"/> from <paramref name="opens"/> to <paramref name="closes"/> (00:00 for midnight).</summary>
    public OpeningSpan(DayOfWeek day, TimeOnly opens, TimeOnly closes)
    {
        Day = day;
        Opens = opens;
        Closes = closes;
    }

    /// <summary>The weekday.</summary>
    public DayOfWeek Day { get; set; }

    /// <summary>Local opening time.</summary>
    public TimeOnly Opens { get; set; }

    /// <summary>Local closing time; 00:00 is midnight at the end of the day.</summary>
    public TimeOnly Closes { get; set; }

    /// <summary>The span's end as a time since the day's start: <see cref="Closes"/>, or 24 h for midnight.</summary>
    public TimeSpan End => Closes == TimeOnly.MinValue ? TimeSpan.FromDays(1) : Closes.ToTimeSpan();
}
