using AgentConsole.Core.Common;

namespace AgentConsole.Core.Schedules;

/// <summary>
/// Wall-clock times in an IANA time zone turned into UTC instants, the same way for rotations and
/// opening hours across daylight-saving changes: a time the clock skips (02:30 on the night the
/// clocks go forward) is the instant as long after the jump as it was meant to be after its start
/// (03:30 summer time); a time the clock shows twice (02:30 on the night they go back) is its first
/// occurrence.
/// </summary>
public static class ZonedTime
{
    /// <summary>The zone named <paramref name="id"/> (such as "Europe/Berlin"), or a <see cref="DomainException"/> naming it.</summary>
    public static TimeZoneInfo Zone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : throw new DomainException($"'{id}' is not a time zone; use an IANA name such as \"Europe/Berlin\".");

    /// <summary>The UTC instant at which clocks in <paramref name="zone"/> show <paramref name="time"/> on <paramref name="date"/>.</summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local)) offset = zone.GetUtcOffset(local.AddDays(-1));
        else if (zone.IsAmbiguousTime(local)) offset = zone.GetAmbiguousTimeOffsets(local).Max();
        else offset = zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    /// <summary>The wall-clock time in <paramref name="zone"/> at the UTC instant <paramref name="utc"/>.</summary>
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
}
