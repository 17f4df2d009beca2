using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Schedules;
using Microsoft.Extensions.Time.Testing;

namespace AgentConsole.Tests.Core.Schedules;

public sealed class RotationCalendarTests
{
    private static readonly Guid Ana = Guid.NewGuid(), Ben = Guid.NewGuid(), Cy = Guid.NewGuid(), Dee = Guid.NewGuid();

    private static OnCallRotation Rotation(string zone = "Europe/Berlin", int shiftDays = 1, DateOnly? start = null, TimeOnly? handOver = null,
        params RotationOverride[] overrides) =>
        new(new RotationDefinition("Billing on call", Skill.Billing, null, zone, handOver ?? new TimeOnly(9, 0), shiftDays,
            start ?? new DateOnly(2026, 3, 23), [Ana, Ben, Cy], overrides));

    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void HandsOverAtTheLocalTimeEachDayInMemberOrder()
    {
        var calendar = new RotationCalendar(Rotation());

        // Berlin is UTC+1 in March before the switch: 09:00 local is 08:00 UTC.
        Assert.Null(calendar.OnCallAt(Utc(2026, 3, 23, 7, 59)));
        Assert.Equal(Ana, calendar.OnCallAt(Utc(2026, 3, 23, 8, 0)));
        Assert.Equal(Ana, calendar.OnCallAt(Utc(2026, 3, 24, 7, 59)));
        Assert.Equal(Ben, calendar.OnCallAt(Utc(2026, 3, 24, 8, 0)));
        Assert.Equal(Cy, calendar.OnCallAt(Utc(2026, 3, 25, 8, 0)));
        Assert.Equal(Ana, calendar.OnCallAt(Utc(2026, 3, 26, 8, 0)));
    }

    [Fact]
    public void KeepsTheLocalHandOverTimeAcrossTheSpringDaylightSavingSwitch()
    {
        // Europe/Berlin goes to summer time on Sunday 29 March 2026 at 02:00 local (01:00 UTC).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 28, 8, 30, 0, TimeSpan.Zero));
        var calendar = new RotationCalendar(Rotation());

        // 09:00 summer time on the 29th is 07:00 UTC, an hour earlier than the day before.
        Assert.Equal(Utc(2026, 3, 29, 7, 0), calendar.NextChangeAfter(time.GetUtcNow().UtcDateTime));
        time.SetUtcNow(new DateTimeOffset(2026, 3, 29, 7, 30, 0, TimeSpan.Zero)); // 09:30 summer time
        var shift = calendar.Current(time.GetUtcNow().UtcDateTime);

        Assert.Equal(Utc(2026, 3, 29, 7, 0), shift.From);
        Assert.Equal(Utc(2026, 3, 30, 7, 0), shift.Until);
        // Shifts: 23 Ana, 24 Ben, 25 Cy, 26 Ana, 27 Ben, 28 Cy, 29 Ana.
        Assert.Equal(Ana, shift.AgentId);
        Assert.Equal(Cy, calendar.OnCallAt(Utc(2026, 3, 29, 6, 59)));
    }

    [Fact]
    public void KeepsTheLocalHandOverTimeAcrossTheAutumnSwitchInNewYork()
    {
        // America/New_York goes back to standard time on Sunday 1 November 2026 at 02:00 local (06:00 UTC).
        var calendar = new RotationCalendar(Rotation("America/New_York", start: new DateOnly(2026, 10, 30)));

        Assert.Equal(Utc(2026, 10, 31, 13, 0), calendar.ShiftStart(1)); // 09:00 EDT
        Assert.Equal(Utc(2026, 11, 1, 14, 0), calendar.ShiftStart(2));  // 09:00 EST
        Assert.Equal(TimeSpan.FromHours(25), calendar.ShiftStart(2) - calendar.ShiftStart(1));
        Assert.Equal(Ben, calendar.OnCallAt(Utc(2026, 11, 1, 13, 30)));
        Assert.Equal(Cy, calendar.OnCallAt(Utc(2026, 11, 1, 14, 0)));
    }

    [Fact]
    public void AHandOverInsideTheSkippedHourHappensAsTheClocksJump()
    {
        // 02:30 does not exist in Berlin on 29 March 2026: that hand-over happens at 03:30 summer time (01:30 UTC).
        var calendar = new RotationCalendar(Rotation(handOver: new TimeOnly(2, 30), start: new DateOnly(2026, 3, 28)));

        Assert.Equal(Utc(2026, 3, 28, 1, 30), calendar.ShiftStart(0));
        Assert.Equal(Utc(2026, 3, 29, 1, 30), calendar.ShiftStart(1));
        Assert.Equal(Utc(2026, 3, 30, 0, 30), calendar.ShiftStart(2));
    }

    [Fact]
    public void WeeklyShiftsHandOverOnTheSameWeekdayAcrossTheAutumnSwitch()
    {
        // Europe/Berlin goes back on Sunday 25 October 2026; weekly Monday 09:00 hand-overs.
        var calendar = new RotationCalendar(Rotation(shiftDays: 7, start: new DateOnly(2026, 10, 19)));

        Assert.Equal(Utc(2026, 10, 19, 7, 0), calendar.ShiftStart(0));
        Assert.Equal(Utc(2026, 10, 26, 8, 0), calendar.ShiftStart(1));
        Assert.Equal(Ana, calendar.OnCallAt(Utc(2026, 10, 26, 7, 59)));
        Assert.Equal(Ben, calendar.OnCallAt(Utc(2026, 10, 26, 8, 0)));
        Assert.Equal(Utc(2026, 11, 2, 8, 0), calendar.NextChangeAfter(Utc(2026, 10, 26, 8, 0)));
    }

    [Fact]
    public void ASwapPutsTheCoverInTheMembersPlaceForItsInterval()
    {
        // Dee (not a member) covers Ben's shift on the 24th from 12:00 to 18:00 UTC.
        var swap = new RotationOverride(OverrideKind.Swap, Ben, Utc(2026, 3, 24, 12), Utc(2026, 3, 24, 18), Dee);
        var calendar = new RotationCalendar(Rotation(overrides: swap));

        Assert.Equal(Ben, calendar.OnCallAt(Utc(2026, 3, 24, 11, 59)));
        Assert.Equal(Dee, calendar.OnCallAt(Utc(2026, 3, 24, 12, 0)));
        Assert.Equal(Ben, calendar.OnCallAt(Utc(2026, 3, 24, 18, 0)));
        Assert.Equal(Utc(2026, 3, 24, 12), calendar.NextChangeAfter(Utc(2026, 3, 24, 9)));
        Assert.Equal(new OnCallShift(calendar.Rotation.Id, Dee, Utc(2026, 3, 24, 12), Utc(2026, 3, 24, 18)), calendar.Next(Utc(2026, 3, 24, 9)));
    }

    [Fact]
    public void AMemberOnHolidayIsCoveredByTheNextMemberInOrder()
    {
        // Ben is away all of the 24th and 25th: his shift goes to Cy; Cy's own shift on the 25th stays Cy's.
        var holiday = new RotationOverride(OverrideKind.Holiday, Ben, Utc(2026, 3, 24, 0), Utc(2026, 3, 26, 0));
        var calendar = new RotationCalendar(Rotation(overrides: holiday));

        Assert.Equal(Ben, calendar.ScheduledAt(Utc(2026, 3, 24, 10)));
        Assert.Equal(Cy, calendar.OnCallAt(Utc(2026, 3, 24, 10)));
        Assert.Equal(Cy, calendar.OnCallAt(Utc(2026, 3, 25, 10)));
        // Ana's shift starts at 08:00 UTC on the 26th: Cy is on call from Ben's hand-over until then.
        var shift = calendar.Current(Utc(2026, 3, 24, 10));
        Assert.Equal((Cy, Utc(2026, 3, 26, 8)), (shift.AgentId, shift.Until));
    }

    [Fact]
    public void NoOneIsOnCallWhenEveryMemberIsAway()
    {
        var away = new[] { Ana, Ben, Cy }.Select(m => new RotationOverride(OverrideKind.Holiday, m, Utc(2026, 3, 24, 0), Utc(2026, 3, 25, 0))).ToArray();
        var calendar = new RotationCalendar(Rotation(overrides: away));

        Assert.Null(calendar.OnCallAt(Utc(2026, 3, 24, 10)));
        Assert.Equal(Ben, calendar.OnCallAt(Utc(2026, 3, 25, 0)));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", "not a time zone")]
    [InlineData("", "not a time zone")]
    public void RefusesAnUnknownTimeZone(string zone, string message)
    {
        var error = Assert.Throws<DomainException>(() => Rotation(zone));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void RefusesOverlappingSwapsForOneMemberAndBadShapes()
    {
        var one = new RotationOverride(OverrideKind.Swap, Ben, Utc(2026, 3, 24, 0), Utc(2026, 3, 25, 0), Dee);
        var two = new RotationOverride(OverrideKind.Swap, Ben, Utc(2026, 3, 24, 12), Utc(2026, 3, 26, 0), Ana);

        Assert.Contains("overlap", Assert.Throws<DomainException>(() => Rotation(overrides: [one, two])).Message);
        Assert.Contains("end after", Assert.Throws<DomainException>(() => Rotation(overrides: new RotationOverride(OverrideKind.Holiday, Ben, Utc(2026, 3, 24, 0), Utc(2026, 3, 24, 0)))).Message);
        Assert.Contains("another agent", Assert.Throws<DomainException>(() => Rotation(overrides: new RotationOverride(OverrideKind.Swap, Ben, Utc(2026, 3, 24, 0), Utc(2026, 3, 25, 0), Ben))).Message);
        Assert.Contains("1 to 28 days", Assert.Throws<DomainException>(() => Rotation(shiftDays: 0)).Message);
        Assert.Contains("either one skill or one team", Assert.Throws<DomainException>(() =>
            new OnCallRotation(new RotationDefinition("x", Skill.Billing, Guid.NewGuid(), "UTC", default, 1, default, [Ana], []))).Message);
        Assert.Contains("listed once", Assert.Throws<DomainException>(() =>
            new OnCallRotation(new RotationDefinition("x", Skill.Billing, null, "UTC", default, 1, default, [Ana, Ana], []))).Message);
    }
}
