using AgentConsole.Core.Cases;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Tests.Core.Metrics;

public sealed class LiveFiguresTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void CountsTheQueueByCategoryAndTierWithItsLongestWait()
    {
        // Arrange
        var s = new SnapshotBuilder(Now);
        var team = Guid.NewGuid();
        var ana = s.Agent("Ana", team, load: 1);
        s.Case(1, CaseStatus.Queued, Now.AddMinutes(-3), category: IssueCategory.Billing, tier: AgentTier.Specialist);
        s.Case(2, CaseStatus.Queued, Now.AddMinutes(-12), category: IssueCategory.Billing, tier: AgentTier.Specialist);
        s.Case(3, CaseStatus.Queued, Now.AddMinutes(-1), category: IssueCategory.Security, tier: AgentTier.Senior);
        s.Case(4, CaseStatus.Offered, Now.AddMinutes(-30), holder: ana.Id);

        // Act
        var figures = LiveFigures.From(s.Build(), Now);

        // Assert
        Assert.Equal(3, figures.QueueDepth);
        Assert.Equal([new QueueCell(IssueCategory.Billing, AgentTier.Specialist, 2), new QueueCell(IssueCategory.Security, AgentTier.Senior, 1)],
            figures.ByCategoryAndTier);
        Assert.Equal(2, figures.ByCategory[IssueCategory.Billing]);
        Assert.Equal(1, figures.ByTier[AgentTier.Senior]);
        Assert.Equal(TimeSpan.FromMinutes(12), figures.LongestWait);
        Assert.Equal(2, figures.LongestWaitingCaseId);
        Assert.Equal(1, figures.Offered);
        Assert.Equal(0, figures.Assigned);
    }

    [Fact]
    public void CountsOnlyConnectedAgentsAsOnlineAndSplitsThemByWhetherTheyCanTakeACase()
    {
        // Arrange
        var s = new SnapshotBuilder(Now);
        var team = Guid.NewGuid();
        s.Agent("Free", team, Presence.Available, load: 1, capacity: 3);
        s.Agent("Full", team, Presence.Available, load: 3, capacity: 3);
        s.Agent("In a meeting", team, Presence.InMeeting);
        s.Agent("Stepped away", team, Presence.Away);
        s.Agent("Not connected", team, Presence.Available, connections: 0);

        // Act
        var figures = LiveFigures.From(s.Build(), Now);

        // Assert
        Assert.Equal(4, figures.AgentsOnline);
        Assert.Equal(1, figures.AgentsAvailable);
        Assert.Equal(2, figures.AgentsBusy);
        Assert.Equal(1, figures.AgentsAway);
        Assert.Equal(5, figures.AgentsTotal);
    }

    [Fact]
    public void AnEmptyQueueHasNoLongestWait()
    {
        var figures = LiveFigures.From(new SnapshotBuilder(Now).Build(), Now);

        Assert.Equal(0, figures.QueueDepth);
        Assert.Null(figures.LongestWait);
        Assert.Empty(figures.ByCategoryAndTier);
    }
}
