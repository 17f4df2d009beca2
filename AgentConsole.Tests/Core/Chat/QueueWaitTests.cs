using AgentConsole.Core.Chat;

namespace AgentConsole.Tests.Core.Chat;

public sealed class QueueWaitTests
{
    private static readonly TimeSpan[] TenMinuteCases = [TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(12)];

    [Fact]
    public void TheWaitGrowsWithThePlaceAndShrinksWithTheSlotsOfAgentsWorking()
    {
        var thirdWithTwoAgents = QueueWait.Estimate(3, TenMinuteCases, [2, 3])!.Value;
        var firstWithTwoAgents = QueueWait.Estimate(1, TenMinuteCases, [2, 3])!.Value;
        var thirdWithOneAgent = QueueWait.Estimate(3, TenMinuteCases, [2])!.Value;

        // 3 × 10 min ÷ 5 slots = 6 min; 1 × 10 ÷ 5 = 2 min; 3 × 10 ÷ 2 = 15 min.
        Assert.Equal(TimeSpan.FromMinutes(6), thirdWithTwoAgents);
        Assert.Equal(TimeSpan.FromMinutes(2), firstWithTwoAgents);
        Assert.Equal(TimeSpan.FromMinutes(15), thirdWithOneAgent);
    }

    [Fact]
    public void TheDesksOwnPaceReplacesTheDefaultOnceEnoughCasesAreResolved()
    {
        var withTwoResolved = QueueWait.Estimate(1, [TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30)], [1])!.Value;
        var withThreeResolved = QueueWait.Estimate(1, [TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30)], [1])!.Value;

        Assert.Equal(QueueWait.DefaultHandlingTime, withTwoResolved);
        Assert.Equal(TimeSpan.FromMinutes(30), withThreeResolved);
    }

    [Fact]
    public void NobodyWorkingMeansTheWaitIsUnknownAndAShortWaitIsNeverZero()
    {
        Assert.Null(QueueWait.Estimate(1, TenMinuteCases, []));
        Assert.Null(QueueWait.Estimate(1, TenMinuteCases, [0, 0]));
        Assert.Equal(TimeSpan.FromSeconds(30), QueueWait.Estimate(1, [TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)], [10]));
    }
}
