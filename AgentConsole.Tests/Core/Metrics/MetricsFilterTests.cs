using AgentConsole.Core.Metrics;

namespace AgentConsole.Tests.Core.Metrics;

public sealed class MetricsFilterTests
{
    [Fact]
    public void ADayStartsAtLocalMidnightWhateverTheUtcOffsetThatDay()
    {
        // Arrange: Berlin moves from +01:00 to +02:00 at 02:00 local on 29 March 2026, a 23-hour day.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var day = new DateOnly(2026, 3, 29);

        // Act
        var filter = new MetricsFilter(day, day, berlin);

        // Assert
        Assert.Equal(new DateTime(2026, 3, 28, 23, 0, 0, DateTimeKind.Utc), filter.UtcStart);
        Assert.Equal(new DateTime(2026, 3, 29, 22, 0, 0, DateTimeKind.Utc), filter.UtcEnd);
        Assert.Equal(day, filter.LocalDay(new DateTime(2026, 3, 29, 21, 59, 0, DateTimeKind.Utc)));
        Assert.True(filter.InHour(new DateTime(2026, 3, 29, 21, 59, 0, DateTimeKind.Utc)) && (filter with { HourOfDay = 23 }).InHour(new DateTime(2026, 3, 29, 21, 59, 0, DateTimeKind.Utc)));
        Assert.False((filter with { HourOfDay = 22 }).InHour(new DateTime(2026, 3, 29, 21, 59, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void ADayWhoseMidnightIsSkippedStartsWhenTheClockResumes()
    {
        // Arrange: Santiago's clocks jump from 00:00 (-04:00) to 01:00 (-03:00) on 6 September 2026.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var day = new DateOnly(2026, 9, 6);

        // Act
        var filter = new MetricsFilter(day, day, santiago);

        // Assert
        Assert.Equal(new DateTime(2026, 9, 6, 4, 0, 0, DateTimeKind.Utc), filter.UtcStart);
        Assert.Equal(new DateTime(2026, 9, 7, 3, 0, 0, DateTimeKind.Utc), filter.UtcEnd);
    }

    [Fact]
    public void RefusesARangeThatEndsBeforeItStartsAndAnHourOutsideTheDay()
    {
        var filter = new MetricsFilter(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 10), TimeZoneInfo.Utc);

        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricsFilter(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 9), TimeZoneInfo.Utc));
        Assert.Throws<ArgumentOutOfRangeException>(() => filter with { HourOfDay = 24 });
        Assert.Throws<ArgumentOutOfRangeException>(() => filter with { HourOfDay = -1 });
        Assert.Equal(0, (filter with { HourOfDay = 0 }).HourOfDay);
    }

    [Fact]
    public void PercentilesAreNearestRankAndNoneForNoDurations()
    {
        var minutes = Enumerable.Range(1, 10).Select(m => TimeSpan.FromMinutes(m)).Reverse();

        var stats = DurationStats.Of(minutes);

        Assert.Equal(new DurationStats(10, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(9)), stats);
        Assert.Equal(new DurationStats(1, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3)), DurationStats.Of([TimeSpan.FromMinutes(3)]));
        Assert.Equal(new DurationStats(0, null, null), DurationStats.Of([]));
    }
}
