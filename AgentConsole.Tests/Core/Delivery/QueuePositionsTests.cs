using AgentConsole.Core.Delivery;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Tests.Core.Delivery;

public sealed class QueuePositionsTests
{
    private static readonly DateTime Start = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(null, 40, true)]
    [InlineData(3, 3, false)]
    [InlineData(5, 4, true)]
    [InlineData(11, 10, true)]
    [InlineData(40, 39, false)]
    [InlineData(40, 32, true)]
    [InlineData(40, 48, true)]
    public void ReportsNearTheFrontAtEveryStepAndFurtherBackOnlyAfterAFifth(int? reported, int position, bool report)
    {
        Assert.Equal(report, QueuePositions.ShouldReport(reported, position));
    }

    [Fact]
    public void ReportsOnlyTheCasesWhosePositionChanged()
    {
        var positions = new QueuePositions();
        var queue = Enumerable.Range(1, 5).Select(i => new QueuedCase(i, CasePriority.Normal, Start.AddMinutes(i))).ToList();
        var targets = queue.ToDictionary(c => c.CaseId, c => Target(c.CaseId));
        var first = positions.Changes(queue, targets);
        positions.Reported(first);

        // The case at the back is taken; nobody ahead of it moved.
        var afterBack = positions.Changes(queue.Take(4).ToList(), new Dictionary<long, OutboxTarget>());
        // An urgent case arrives at the front: everyone else moves back one.
        var urgent = new QueuedCase(9, CasePriority.Urgent, Start.AddMinutes(9));
        var afterUrgent = positions.Changes([.. queue.Take(4), urgent], new Dictionary<long, OutboxTarget> { [9] = Target(9) });

        Assert.Equal([(1L, 1), (2L, 2), (3L, 3), (4L, 4), (5L, 5)], first.Select(c => (c.Target.CaseId, c.Position)));
        Assert.Empty(afterBack);
        Assert.Equal([(9L, 1), (1L, 2), (2L, 3), (3L, 4), (4L, 5)], afterUrgent.Select(c => (c.Target.CaseId, c.Position)));
    }

    [Fact]
    public void AfterARestartACaseSeededWithItsLastReportIsToldOnlyWhenItMovedEnough()
    {
        // Arrange: a fresh tracker (a restarted app) meets a queue whose cases were told positions before.
        var positions = new QueuePositions();
        var queue = Enumerable.Range(1, 40).Select(i => new QueuedCase(i, CasePriority.Normal, Start.AddMinutes(i))).ToList();
        var targets = queue.ToDictionary(c => c.CaseId, c => Target(c.CaseId));
        // Case 1 was told 1 (still 1); case 2 was told 3 (now 2, near the front); case 40 was told 41 (now 40, less than a fifth).
        var told = new Dictionary<long, int> { [1] = 1, [2] = 3, [40] = 41 };

        // Act
        var moved = positions.Changes(queue, targets, told);

        // Assert: 2 moved near the front; every case never told before is told; 1 and 40 are not told again.
        var ids = moved.Select(c => c.Target.CaseId).ToList();
        Assert.Contains(2L, ids);
        Assert.Contains(3L, ids);
        Assert.DoesNotContain(1L, ids);
        Assert.DoesNotContain(40L, ids);
        Assert.Equal(38, moved.Count);
    }

    [Fact]
    public void SkipsCasesWithoutATargetAndBoundsEachMove()
    {
        var positions = new QueuePositions();
        var queue = Enumerable.Range(1, 1_000).Select(i => new QueuedCase(i, CasePriority.Normal, Start.AddSeconds(i))).ToList();
        // Every other case is a widget conversation's: no target.
        var targets = queue.Where(c => c.CaseId % 2 == 0).ToDictionary(c => c.CaseId, c => Target(c.CaseId));

        var first = positions.Changes(queue, targets);
        positions.Reported(first);
        var reportedTotal = first.Count;
        // The queue drains from the front, one case a move.
        for (var taken = 1; taken < 200; taken++)
        {
            var moved = positions.Changes(queue.Skip(taken).ToList(), new Dictionary<long, OutboxTarget>());
            Assert.True(moved.Count <= QueuePositions.MaxPerMove);
            positions.Reported(moved);
            reportedTotal += moved.Count;
        }

        Assert.Equal(QueuePositions.MaxPerMove, first.Count);
        Assert.All(first, c => Assert.Equal(0, c.Target.CaseId % 2));
        // Far fewer than one report per waiting case per move (about 500 × 200).
        Assert.InRange(reportedTotal, 1, 20_000);
    }

    private static OutboxTarget Target(long caseId) => new(caseId, Guid.NewGuid(), $"conv-{caseId}", Guid.NewGuid(), Push: true);
}
