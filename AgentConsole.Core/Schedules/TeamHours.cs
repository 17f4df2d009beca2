using AgentConsole.Core.Common;

namespace AgentConsole.Core.Schedules;

/// <summary>
/// A team's weekly opening hours in its IANA time zone, and the dates it is closed. A team without
/// hours is open around the clock; <see cref="BusinessCalendar"/> computes the rest.
/// </summary>
public sealed class TeamHours
{
    /// <summary>The most holidays a team may keep.</summary>
    public const int MaxHolidays = 366;

    private List<OpeningSpan> _spans = [];
    private List<DateOnly> _holidays = [];

    private TeamHours() { }

    /// <summary>Hours for <paramref name="teamId"/>, checked by <see cref="Define"/>.</summary>
    public TeamHours(Guid teamId, string timeZone, IEnumerable<OpeningSpan> spans, IEnumerable<DateOnly> holidays)
    {
        TeamId = teamId;
        Define(timeZone, spans, holidays);
    }

    /// <summary>The team whose hours these are.</summary>
    public Guid TeamId { get; private set; }

    /// <summary>The IANA zone the hours are in, such as "America/New_York".</summary>
    public string TimeZone { get; private set; } = "UTC";

    /// <summary>The weekly opening spans.</summary>
    public IReadOnlyList<OpeningSpan> Spans => _spans;

    /// <summary>Local dates on which the team is closed all day.</summary>
    public IReadOnlyList<DateOnly> Holidays => _holidays;

    /// <summary>Replaces the hours after checking them; a <see cref="DomainException"/> says what is wrong and changes nothing.</summary>
    public void Define(string timeZone, IEnumerable<OpeningSpan> spans, IEnumerable<DateOnly> holidays)
    {
        ZonedTime.Zone(timeZone);
        var list = spans?.ToList() ?? [];
        if (list.Count == 0) throw new DomainException("Opening hours need at least one opening span; a team open around the clock has no hours.");
        foreach (var span in list)
        {
            if (!Enum.IsDefined(span.Day)) throw new DomainException($"{(int)span.Day} is not a weekday.");
            if (span.Opens.ToTimeSpan() >= span.End) throw new DomainException($"On {span.Day} the team must close after it opens.");
        }
        foreach (var day in list.GroupBy(s => s.Day))
        {
            var ordered = day.OrderBy(s => s.Opens).ToList();
            for (var i = 1; i < ordered.Count; i++)
                if (ordered[i].Opens.ToTimeSpan() < ordered[i - 1].End) throw new DomainException($"Two opening spans on {day.Key} overlap.");
        }
        var closed = holidays?.Distinct().Order().ToList() ?? [];
        if (closed.Count > MaxHolidays) throw new DomainException($"A team may keep at most {MaxHolidays} holidays.");
        TimeZone = timeZone;
        _spans = [.. list.OrderBy(s => s.Day).ThenBy(s => s.Opens)];
        _holidays = closed;
    }
}
