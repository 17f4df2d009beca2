namespace AgentConsole.Core.Staffing;

/// <summary>
/// The 168 hours of a week, Monday 00:00 to Sunday 23:00 in the desk's time zone, numbered 0 to 167:
/// how the forecast and the roster index an hour of the week.
/// </summary>
public static class WeekHours
{
    /// <summary>Hours in a week.</summary>
    public const int Count = 7 * 24;

    /// <summary>The days in the order the week is numbered: Monday first.</summary>
    public static IReadOnlyList<DayOfWeek> Days { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>The hour of the week of a local day and hour.</summary>
    public static int Of(DayOfWeek day, int hour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        return DayIndex(day) * 24 + hour;
    }

    /// <summary>The hour of the week of a local time.</summary>
    public static int Of(DateTime local) => Of(local.DayOfWeek, local.Hour);

    /// <summary>Monday 0 to Sunday 6.</summary>
    public static int DayIndex(DayOfWeek day) => ((int)day + 6) % 7;

    /// <summary>The day of an hour of the week.</summary>
    public static DayOfWeek DayOf(int hourOfWeek) => Days[Check(hourOfWeek) / 24];

    /// <summary>The hour of day of an hour of the week.</summary>
    public static int HourOf(int hourOfWeek) => Check(hourOfWeek) % 24;

    /// <summary>"Mon 09:00".</summary>
    public static string Label(int hourOfWeek) => $"{DayOf(hourOfWeek).ToString()[..3]} {HourOf(hourOfWeek):00}:00";

    private static int Check(int hourOfWeek)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hourOfWeek);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(hourOfWeek, Count);
        return hourOfWeek;
    }
}
