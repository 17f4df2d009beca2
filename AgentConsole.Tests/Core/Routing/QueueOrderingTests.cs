using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using static AgentConsole.Tests.Core.Routing.RoutingFixtures;

namespace AgentConsole.Tests.Core.Routing;

public sealed class QueueOrderingTests
{
    private static QueueOrdering Ordering(Action<AgingOptions>? configure = null)
    {
        var options = new AgingOptions();
        configure?.Invoke(options);
        return new QueueOrdering(options);
    }

    [Theory]
    [InlineData(CasePriority.Normal, 29, CasePriority.Normal)]
    [InlineData(CasePriority.Normal, 30, CasePriority.High)]
    [InlineData(CasePriority.Normal, 600, CasePriority.High)]
    [InlineData(CasePriority.Low, 59, CasePriority.Low)]
    [InlineData(CasePriority.Low, 60, CasePriority.Normal)]
    [InlineData(CasePriority.Low, 89, CasePriority.Normal)]
    [InlineData(CasePriority.Low, 90, CasePriority.High)]
    [InlineData(CasePriority.High, 600, CasePriority.High)]
    [InlineData(CasePriority.Urgent, 0, CasePriority.Urgent)]
    public void AgesWaitingCasesByTheDefaultThresholds(CasePriority priority, int waitedMinutes, CasePriority expected)
    {
        var ordering = Ordering();

        var effective = ordering.EffectivePriority(Case(priority: priority, queuedAt: Now.AddMinutes(-waitedMinutes)), Now);

        Assert.Equal(expected, effective);
    }

    [Fact]
    public void ANormalCaseMovesUpAgainAfterTheNextThreshold()
    {
        var ordering = Ordering(o => o.HighToUrgentMinutes = 60);
        var @case = Case(priority: CasePriority.Normal, queuedAt: Now);

        Assert.Equal(CasePriority.Normal, ordering.EffectivePriority(@case, Now.AddMinutes(29)));
        Assert.Equal(CasePriority.High, ordering.EffectivePriority(@case, Now.AddMinutes(89)));
        Assert.Equal(CasePriority.Urgent, ordering.EffectivePriority(@case, Now.AddMinutes(90)));
    }

    [Fact]
    public void AZeroThresholdSwitchesAgingOff()
    {
        var ordering = Ordering(o => { o.NormalToHighMinutes = 0; o.LowToNormalMinutes = 10; });

        Assert.Equal(CasePriority.Normal, ordering.EffectivePriority(CasePriority.Normal, Now.AddDays(-2), Now));
        Assert.Equal(CasePriority.Normal, ordering.EffectivePriority(CasePriority.Low, Now.AddDays(-2), Now));
    }

    [Fact]
    public void ACaseQueuedInTheFutureKeepsItsPriority()
    {
        Assert.Equal(CasePriority.Normal, Ordering().EffectivePriority(CasePriority.Normal, Now.AddMinutes(5), Now));
    }

    [Fact]
    public void OrdersByPriorityThenByWaitingTimeThenById()
    {
        var ordering = Ordering();
        var urgentNew = Case(priority: CasePriority.Urgent, queuedAt: Now.AddMinutes(-1), id: 1);
        var highOld = Case(priority: CasePriority.High, queuedAt: Now.AddMinutes(-20), id: 2);
        var highNew = Case(priority: CasePriority.High, queuedAt: Now.AddMinutes(-5), id: 3);
        var highNewTwin = Case(priority: CasePriority.High, queuedAt: Now.AddMinutes(-5), id: 4);
        var normal = Case(priority: CasePriority.Normal, queuedAt: Now.AddMinutes(-25), id: 5);
        var low = Case(priority: CasePriority.Low, queuedAt: Now.AddMinutes(-50), id: 6);

        var sorted = new[] { low, highNewTwin, normal, highNew, urgentNew, highOld }.Order(ordering.At(Now)).Select(c => c.CaseId);

        Assert.Equal([1L, 2, 3, 4, 5, 6], sorted);
    }

    [Fact]
    public void AnAgedNormalCaseGoesBeforeANewerHighCase()
    {
        var ordering = Ordering();
        var agedNormal = Case(priority: CasePriority.Normal, queuedAt: Now.AddMinutes(-31), id: 1);
        var newHigh = Case(priority: CasePriority.High, queuedAt: Now.AddMinutes(-2), id: 2);

        Assert.True(ordering.Compare(agedNormal, newHigh, Now) < 0);
        Assert.True(ordering.Compare(agedNormal, newHigh, Now.AddMinutes(-2)) > 0);
    }
}
