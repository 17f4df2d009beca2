using AgentConsole.Core.Common;
using AgentConsole.Core.Schedules;

namespace AgentConsole.Tests.Core.Schedules;

public sealed class BusinessCalendarTests
{
    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    // Monday to Friday 09:00-17:00 local.
    private static TeamHours Weekdays(string zone, params DateOnly[] holidays) => new(Guid.NewGuid(), zone,
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new OpeningSpan(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))], holidays);

    [Fact]
    public void IsOpenOnlyInsideTheLocalHours()
    {
        var calendar = new BusinessCalendar(Weekdays("Europe/Berlin"));

        // Friday 27 March 2026, Berlin UTC+1.
        Assert.False(calendar.IsOpen(Utc(2026, 3, 27, 7, 59)));
        Assert.True(calendar.IsOpen(Utc(2026, 3, 27, 8, 0)));
        Assert.False(calendar.IsOpen(Utc(2026, 3, 27, 16, 0)));
        Assert.False(calendar.IsOpen(Utc(2026, 3, 28, 10, 0)));
    }

    [Fact]
    public void NextOpeningAfterAWeekendAndTheSpringSwitchIsMondayAtNineSummerTime()
    {
        var calendar = new BusinessCalendar(Weekdays("Europe/Berlin"));

        // Friday evening before the switch on Sunday 29 March: Monday 09:00 CEST is 07:00 UTC.
        Assert.Equal(Utc(2026, 3, 30, 7, 0), calendar.NextOpening(Utc(2026, 3, 27, 18, 0)));
        Assert.Equal(Utc(2026, 3, 27, 10, 0), calendar.NextOpening(Utc(2026, 3, 27, 10, 0)));
        Assert.Equal(Utc(2026, 3, 30, 15, 0), calendar.NextChangeAfter(Utc(2026, 3, 30, 7, 0)));
    }

    [Fact]
    public void NextOpeningSkipsAHoliday()
    {
        // New York, Thanksgiving Thursday 26 November 2026 closed; Wednesday evening the next opening is Friday 09:00 EST.
        var calendar = new BusinessCalendar(Weekdays("America/New_York", new DateOnly(2026, 11, 26)));

        Assert.Equal(Utc(2026, 11, 27, 14, 0), calendar.NextOpening(Utc(2026, 11, 25, 23, 0)));
    }

    [Fact]
    public void ElapsedBusinessTimeCountsOnlyOpenHoursAcrossANightAWeekendAndAHoliday()
    {
        var calendar = new BusinessCalendar(Weekdays("America/New_York", new DateOnly(2026, 11, 2)));

        // Across a night: Tuesday 16:00 to Wednesday 10:00 New York time is 1 h + 1 h.
        Assert.Equal(TimeSpan.FromHours(2), calendar.Elapsed(Utc(2026, 11, 3, 21, 0), Utc(2026, 11, 4, 15, 0)));
        // Across the autumn switch (Sunday 1 November), a weekend and a holiday (Monday 2 November):
        // Friday 30 October 16:00 EDT to Tuesday 3 November 10:00 EST is 1 h (Friday) + 1 h (Tuesday).
        Assert.Equal(TimeSpan.FromHours(2), calendar.Elapsed(Utc(2026, 10, 30, 20, 0), Utc(2026, 11, 3, 15, 0)));
    }

    [Fact]
    public void AddingBusinessTimeCarriesOverTheWeekendAndTheHoliday()
    {
        var calendar = new BusinessCalendar(Weekdays("America/New_York", new DateOnly(2026, 11, 2)));

        // Four business hours from Friday 15:00 EDT: two on Friday, then Tuesday 09:00-11:00 EST.
        Assert.Equal(Utc(2026, 11, 3, 16, 0), calendar.Add(Utc(2026, 10, 30, 19, 0), TimeSpan.FromHours(4)));
        Assert.Equal(Utc(2026, 10, 30, 19, 30), calendar.Add(Utc(2026, 10, 30, 19, 0), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void ATeamWithoutHoursIsAlwaysOpen()
    {
        var calendar = BusinessCalendar.AlwaysOpen;

        Assert.True(calendar.IsOpen(Utc(2026, 12, 25, 3, 0)));
        Assert.Equal(TimeSpan.FromHours(30), calendar.Elapsed(Utc(2026, 12, 25, 0, 0), Utc(2026, 12, 26, 6, 0)));
        Assert.Null(calendar.NextChangeAfter(Utc(2026, 12, 25, 3, 0)));
    }

    [Fact]
    public void MidnightSpansJoinIntoOneOpening()
    {
        var hours = new TeamHours(Guid.NewGuid(), "UTC",
            [new OpeningSpan(DayOfWeek.Monday, new TimeOnly(18, 0), TimeOnly.MinValue), new OpeningSpan(DayOfWeek.Tuesday, TimeOnly.MinValue, new TimeOnly(6, 0))], []);
        var calendar = new BusinessCalendar(hours);

        // Monday 7 December 2026 18:00 to Tuesday 06:00 is one opening.
        Assert.Equal(Utc(2026, 12, 8, 6, 0), calendar.NextChangeAfter(Utc(2026, 12, 7, 20, 0)));
    }

    [Fact]
    public void RefusesBadHours()
    {
        Assert.Contains("not a time zone", Assert.Throws<DomainException>(() => Weekdays("Europe/Atlantis")).Message);
        Assert.Contains("close after it opens", Assert.Throws<DomainException>(() =>
            new TeamHours(Guid.NewGuid(), "UTC", [new OpeningSpan(DayOfWeek.Monday, new TimeOnly(17, 0), new TimeOnly(9, 0))], [])).Message);
        Assert.Contains("overlap", Assert.Throws<DomainException>(() => new TeamHours(Guid.NewGuid(), "UTC",
            [new OpeningSpan(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(13, 0)), new OpeningSpan(DayOfWeek.Monday, new TimeOnly(12, 0), new TimeOnly(17, 0))], [])).Message);
        Assert.Contains("at least one", Assert.Throws<DomainException>(() => new TeamHours(Guid.NewGuid(), "UTC", [], [])).Message);
    }
}
