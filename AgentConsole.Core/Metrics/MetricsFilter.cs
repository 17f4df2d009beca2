using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// Which conversations and cases a history figure covers: the days <see cref="From"/> to
/// <see cref="To"/> (both included) as the desk's <see cref="TimeZone"/> counts them, and optionally
/// one category, customer tier, channel, team, skill and local hour of day. Days and hours are the
/// zone's: a day starts at local midnight (or, where a clock change skips midnight, at the first
/// local instant of the day), whatever the UTC offset that day.
/// </summary>
public sealed record MetricsFilter
{
    private readonly int? _hourOfDay;

    /// <summary>A filter of the days <paramref name="from"/> to <paramref name="to"/>, both included, in <paramref name="timeZone"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public MetricsFilter(DateOnly from, DateOnly to, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        if (to < from) throw new ArgumentOutOfRangeException(nameof(to), to, "The range ends before it starts.");
        From = from;
        To = to;
        TimeZone = timeZone;
    }

    /// <summary>The first day covered, in <see cref="TimeZone"/>.</summary>
    public DateOnly From { get; }

    /// <summary>The last day covered (included), in <see cref="TimeZone"/>.</summary>
    public DateOnly To { get; }

    /// <summary>The desk's time zone: where days begin and what hour of day an instant is.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Only this category: a case's as its resolving agent confirmed it (else as classified), a conversation's latest case's, else the bot's leading guess.</summary>
    public IssueCategory? Category { get; init; }

    /// <summary>Only customers of this tier; conversations with no known customer are left out.</summary>
    public CustomerTier? Tier { get; init; }

    /// <summary>Only conversations of this channel (as the integration names it, such as "web").</summary>
    public string? Channel { get; init; }

    /// <summary>Only cases with this team: the team of the agent who holds or resolved the case, else the team it was transferred to.</summary>
    public Guid? TeamId { get; init; }

    /// <summary>Only cases that need this skill.</summary>
    public Skill? Skill { get; init; }

    /// <summary>Only what started in this local hour of day, 0 to 23.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The hour is not between 0 and 23.</exception>
    public int? HourOfDay
    {
        get => _hourOfDay;
        init => _hourOfDay = value is null or (>= 0 and <= 23) ? value : throw new ArgumentOutOfRangeException(nameof(HourOfDay), value, "An hour of day is 0 to 23.");
    }

    /// <summary>The range's first instant (UTC): the start of <see cref="From"/> in <see cref="TimeZone"/>.</summary>
    public DateTime UtcStart => StartOfDayUtc(From);

    /// <summary>The instant after the range (UTC): the start of the day after <see cref="To"/> in <see cref="TimeZone"/>.</summary>
    public DateTime UtcEnd => StartOfDayUtc(To.AddDays(1));

    /// <summary>The days the range covers.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The local time of the UTC instant <paramref name="utc"/>.</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    /// <summary>The local day of the UTC instant <paramref name="utc"/>.</summary>
    public DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>Whether the UTC instant <paramref name="utc"/> falls in <see cref="HourOfDay"/> (always, when no hour is asked for).</summary>
    public bool InHour(DateTime utc) => HourOfDay is not { } hour || ToLocal(utc).Hour == hour;

    /// <summary>The first instant (UTC) of <paramref name="day"/> in <see cref="TimeZone"/>.</summary>
    public DateTime StartOfDayUtc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A clock change can skip local midnight: the day then starts where the skipped stretch ends.
        for (var guard = 0; TimeZone.IsInvalidTime(local) && guard < 24 * 4; guard++) local = local.AddMinutes(15);
        // A clock change can repeat it: the day starts at the first of the two.
        if (TimeZone.IsAmbiguousTime(local))
            return DateTime.SpecifyKind(local - TimeZone.GetAmbiguousTimeOffsets(local).Max(), DateTimeKind.Utc);
        return TimeZoneInfo.ConvertTimeToUtc(local, TimeZone);
    }
}
