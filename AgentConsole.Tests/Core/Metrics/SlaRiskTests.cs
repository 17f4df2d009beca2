using AgentConsole.Core.Cases;
using AgentConsole.Core.Metrics;

namespace AgentConsole.Tests.Core.Metrics;

public sealed class SlaRiskTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private static readonly SlaRiskOptions Options = new() { QueueWaitWarningMinutes = 5, QueueWaitBreachMinutes = 15, ReplyDueWarningMinutes = 2 };

    [Theory]
    [InlineData(4, SlaLevel.Ok, "Waiting 4 min")]
    [InlineData(5, SlaLevel.AtRisk, "Waiting 5 min")]
    [InlineData(15, SlaLevel.Breached, "Waiting 15 min")]
    public void AWaitingCaseIsJudgedByHowLongTheCustomerHasWaited(int minutes, SlaLevel level, string label)
    {
        var state = new SnapshotBuilder(Now).Case(1, CaseStatus.Queued, Now.AddMinutes(-minutes));

        var sla = SlaRisk.Assess(state, Now, Options);

        Assert.Equal(new SlaAssessment(level, label), sla);
    }

    [Fact]
    public void AWaitForATeamWithHoursCountsOnlyItsBusinessTimeExceptForUrgentCases()
    {
        // Open Monday to Friday 09:00-17:00 UTC; the case queued on Friday at 16:50, and it is Saturday 09:00.
        var hours = new AgentConsole.Core.Schedules.BusinessCalendar(new AgentConsole.Core.Schedules.TeamHours(Guid.NewGuid(), "UTC",
            AgentConsole.Core.Schedules.OpeningHoursText.ParseSpans("Mon-Fri 09:00-17:00"), []));
        var builder = new SnapshotBuilder(Now);
        var normal = builder.Case(1, CaseStatus.Queued, Now.AddHours(-16).AddMinutes(-10));
        var urgent = builder.Case(2, CaseStatus.Queued, Now.AddHours(-16).AddMinutes(-10), priority: AgentConsole.Core.Triggers.CasePriority.Urgent);

        Assert.Equal(new SlaAssessment(SlaLevel.AtRisk, "Waiting 10 min"), SlaRisk.Assess(normal, Now, Options, hours));
        Assert.Equal(SlaLevel.Breached, SlaRisk.Assess(normal, Now, Options).Level);
        Assert.Equal(SlaLevel.Breached, SlaRisk.Assess(urgent, Now, Options, hours).Level);
    }

    [Fact]
    public void AnOfferedCaseStillCountsItsWait()
    {
        var state = new SnapshotBuilder(Now).Case(1, CaseStatus.Offered, Now.AddMinutes(-20), holder: Guid.NewGuid());

        Assert.Equal(SlaLevel.Breached, SlaRisk.Assess(state, Now, Options).Level);
    }

    [Theory]
    [InlineData(180, SlaLevel.Ok, "Reply due in 3 min")]
    [InlineData(90, SlaLevel.AtRisk, "Reply due in 1 min")]
    [InlineData(-61, SlaLevel.Breached, "Reply overdue by 1 min")]
    public void AnAssignedCaseIsJudgedByItsFirstReplyDeadline(int secondsLeft, SlaLevel level, string label)
    {
        var state = new SnapshotBuilder(Now).Case(1, CaseStatus.Assigned, Now.AddHours(-1), holder: Guid.NewGuid(), firstReplyDueAt: Now.AddSeconds(secondsLeft));

        var sla = SlaRisk.Assess(state, Now, Options);

        Assert.Equal(new SlaAssessment(level, label), sla);
    }

    [Fact]
    public void AnAssignedCaseThatWasRepliedToIsOk()
    {
        var state = new SnapshotBuilder(Now).Case(1, CaseStatus.Assigned, Now.AddHours(-1), holder: Guid.NewGuid(), firstReplyDueAt: null);

        Assert.Equal(new SlaAssessment(SlaLevel.Ok, "Replied"), SlaRisk.Assess(state, Now, Options));
    }

    [Fact]
    public void OptionsRefuseAWarningAtOrAboveTheBreach()
    {
        var options = new SlaRiskOptions { QueueWaitWarningMinutes = 15, QueueWaitBreachMinutes = 15 };

        var result = new SlaRiskOptionsValidator().Validate(SlaRiskOptions.Section, options);

        Assert.Contains("SlaRisk.QueueWaitWarningMinutes must be below QueueWaitBreachMinutes", result.FailureMessage);
    }

    [Theory]
    [InlineData(45, "45 s")]
    [InlineData(12 * 60 + 59, "12 min")]
    [InlineData(65 * 60, "1 h 05 min")]
    [InlineData(51 * 3600, "2 d 3 h")]
    public void DurationsReadShort(int seconds, string text) => Assert.Equal(text, DurationText.Short(TimeSpan.FromSeconds(seconds)));
}
