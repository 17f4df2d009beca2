namespace AgentConsole.Core.Schedules;

/// <summary>
/// A team's opening hours turned into UTC instants: whether it is open, when it next opens, and
/// how much business time lies between two instants or when a span of business time ends. Days
/// are laid out in the team's zone (see <see cref="ZonedTime"/> for the nights the clocks change),
/// holidays are closed all day, and a team without hours (<see cref="AlwaysOpen"/>) never closes.
/// Pure and immutable.
/// </summary>
public sealed class BusinessCalendar
{
    // How far ahead to look for an opening: a year and a bit covers any weekly pattern with holidays.
    private const int SearchDays = 400;

    private readonly TeamHours? _hours;
    private readonly TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private readonly HashSet<DateOnly> _holidays = [];

    /// <summary>The calendar of a team open around the clock.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(null);

    /// <summary>The calendar of <paramref name="hours"/>; null for a team open around the clock.</summary>
    public BusinessCalendar(TeamHours? hours)
    {
        _hours = hours;
        if (hours is null) return;
        _zone = ZonedTime.Zone(hours.TimeZone);
        _holidays = [.. hours.Holidays];
    }

    /// <summary>Whether the team never closes.</summary>
    public bool IsAlwaysOpen => _hours is null;

    /// <summary>Whether the team is open at <paramref name="utc"/>.</summary>
    public bool IsOpen(DateTime utc)
    {
        if (_hours is null) return true;
        foreach (var (start, end) in Intervals(utc))
            return start <= utc && utc < end;
        return false;
    }

    /// <summary><paramref name="utc"/> if the team is open then, else when it next opens; null if it never opens again.</summary>
    public DateTime? NextOpening(DateTime utc)
    {
        if (_hours is null) return utc;
        foreach (var (start, _) in Intervals(utc))
            return start <= utc ? utc : start;
        return null;
    }

    /// <summary>The first instant after <paramref name="utc"/> at which the team opens or closes; null for a team that never changes.</summary>
    public DateTime? NextChangeAfter(DateTime utc)
    {
        if (_hours is null) return null;
        foreach (var (start, end) in Intervals(utc))
            return start > utc ? start : end;
        return null;
    }

    /// <summary>The business time between <paramref name="from"/> and <paramref name="to"/>: how long the team was open in between.</summary>
    public TimeSpan Elapsed(DateTime from, DateTime to)
    {
        if (to <= from) return TimeSpan.Zero;
        if (_hours is null) return to - from;
        var total = TimeSpan.Zero;
        foreach (var (start, end) in Intervals(from))
        {
            if (start >= to) break;
            var a = start < from ? from : start;
            var b = end > to ? to : end;
            total += b - a;
        }
        return total;
    }

    /// <summary>The instant at which <paramref name="duration"/> of business time has passed since <paramref name="from"/>; null if the team never opens long enough.</summary>
    public DateTime? Add(DateTime from, TimeSpan duration)
    {
        if (_hours is null) return from + duration;
        var left = duration;
        foreach (var (start, end) in Intervals(from))
        {
            var a = start < from ? from : start;
            if (end - a >= left) return a + left;
            left -= end - a;
        }
        return null;
    }

    /// <summary>
    /// The open intervals [start, end) in UTC that end after <paramref name="utc"/>, in order,
    /// adjacent ones merged (a team open until midnight and from midnight stays open).
    /// </summary>
    public IEnumerable<(DateTime Start, DateTime End)> Intervals(DateTime utc)
    {
        if (_hours is null)
        {
            yield return (DateTime.MinValue, DateTime.MaxValue);
            yield break;
        }
        var first = DateOnly.FromDateTime(ZonedTime.ToLocal(utc, _zone)).AddDays(-1);
        (DateTime Start, DateTime End)? pending = null;
        for (var date = first; date.DayNumber - first.DayNumber <= SearchDays; date = date.AddDays(1))
        {
            if (_holidays.Contains(date)) continue;
            foreach (var span in _hours.Spans)
            {
                if (span.Day != date.DayOfWeek) continue;
                var start = ZonedTime.ToUtc(date, span.Opens, _zone);
                var end = span.Closes == TimeOnly.MinValue ? ZonedTime.ToUtc(date.AddDays(1), TimeOnly.MinValue, _zone) : ZonedTime.ToUtc(date, span.Closes, _zone);
                if (end <= start) continue;
                if (pending is { } open && open.End >= start) { pending = (open.Start, end > open.End ? end : open.End); continue; }
                if (pending is { } done && done.End > utc) yield return done;
                pending = (start, end);
            }
        }
        if (pending is { } last && last.End > utc) yield return last;
    }
}
