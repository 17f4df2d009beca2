using AgentConsole.Core.Metrics;
using AgentConsole.Core.Triggers.Tuning;

namespace AgentConsole.Tests.Core.Triggers.Tuning;

public sealed class TriggerPrecisionTests : TuningStore
{
    private static MetricsFilter March1To14 => new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 14), TimeZoneInfo.Utc);

    [Fact]
    public async Task EachTriggersPrecisionIsTheShareOfItsCasesNotFlaggedUnnecessary()
    {
        // keyword-repeat: 4 cases, 2 flagged → 1/2. frustration: 2 cases, both flagged → 0. human-request: 3 cases, none flagged → 1.
        var k1 = await Desk.CaseAsync(At(2), flags: 1, TuningDesk.KeywordRepeat("refund", 3));
        await Desk.CaseAsync(At(3), flags: 0, TuningDesk.KeywordRepeat("refund", 4));
        await Desk.CaseAsync(At(4), flags: 0, TuningDesk.KeywordRepeat("cancel", 3));
        // One case with two triggers counts for each; flagged by two agents, it still counts once.
        var both = await Desk.CaseAsync(At(5), flags: 2, TuningDesk.KeywordRepeat("refund", 3), TuningDesk.Reason("frustration"));
        var f2 = await Desk.CaseAsync(At(6), flags: 1, TuningDesk.Reason("frustration"));
        for (var i = 0; i < 3; i++) await Desk.CaseAsync(At(7 + i), flags: 0, TuningDesk.Reason("human-request"));
        // Outside the range: before 1 March and after 14 March (the range's last day is included).
        await Desk.CaseAsync(new DateTime(2026, 2, 28, 23, 59, 0, DateTimeKind.Utc), flags: 1, TuningDesk.Reason("frustration"));
        await Desk.CaseAsync(new DateTime(2026, 3, 15, 0, 0, 0, DateTimeKind.Utc), flags: 1, TuningDesk.KeywordRepeat("refund", 3));

        var rows = await new TriggerPrecisionQuery(DbFactory).ComputeAsync(March1To14);

        Assert.Equal(["keyword-repeat", "human-request", "frustration"], rows.Select(r => r.Trigger));
        var keyword = rows[0];
        Assert.Equal((4, 2, 0.5), (keyword.Escalations, keyword.FlaggedUnnecessary, keyword.Precision!.Value));
        Assert.Equal([both, k1], keyword.FlaggedCaseIds);
        Assert.Equal((3, 0, 1.0), (rows[1].Escalations, rows[1].FlaggedUnnecessary, rows[1].Precision!.Value));
        Assert.Equal((2, 2, 0.0), (rows[2].Escalations, rows[2].FlaggedUnnecessary, rows[2].Precision!.Value));
        Assert.Equal([f2, both], rows[2].FlaggedCaseIds);
    }

    [Fact]
    public async Task AnEmptyRangeHasNoTriggers()
    {
        await Desk.CaseAsync(At(5), flags: 1, TuningDesk.Reason("frustration"));

        var rows = await new TriggerPrecisionQuery(DbFactory).ComputeAsync(new MetricsFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), TimeZoneInfo.Utc));

        Assert.Empty(rows);
    }

    [Fact]
    public void ATriggerWithNoEscalationsHasNoPrecision()
    {
        Assert.Null(new TriggerPrecision("frustration", 0, 0, []).Precision);
    }

    private static DateTime At(int day) => new(2026, 3, day, 10, 0, 0, DateTimeKind.Utc);
}
