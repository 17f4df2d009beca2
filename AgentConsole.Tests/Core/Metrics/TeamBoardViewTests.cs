using AgentConsole.Core.Cases;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Tests.Core.Metrics;

public sealed class TeamBoardViewTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ShowsTheCasesTheTeamMayTakeOrHoldAndNoOtherTeams()
    {
        // Arrange
        var s = new SnapshotBuilder(Now);
        Guid teamA = Guid.NewGuid(), teamB = Guid.NewGuid();
        var ana = s.Agent("Ana", teamA);
        var ben = s.Agent("Ben", teamB);
        s.Case(1, CaseStatus.Queued, Now.AddMinutes(-1));                             // unrestricted: anyone's
        s.Case(2, CaseStatus.Queued, Now.AddMinutes(-1), teamId: teamB);              // restricted to B
        s.Case(3, CaseStatus.Offered, Now.AddMinutes(-1), holder: ana.Id);            // held by A
        s.Case(4, CaseStatus.Assigned, Now.AddMinutes(-1), holder: ben.Id);           // held by B
        s.Case(5, CaseStatus.Assigned, Now.AddMinutes(-1), holder: ben.Id, teamId: teamA); // restricted to A, held by B

        // Act
        var view = TeamBoardView.Build(s.Build(), teamA, Now, new SlaRiskOptions());

        // Assert
        Assert.Equal([1L, 3L, 5L], view.Cases.Select(c => c.Id).Order());
        Assert.Equal("Ana", Assert.Single(view.Agents).Agent.Name);
        Assert.Equal((1, 1, 1), (view.Queued, view.Offered, view.Assigned));
    }

    [Fact]
    public void PutsTheRiskiestCasesFirstThenPriorityThenWait()
    {
        // Arrange
        var s = new SnapshotBuilder(Now);
        var team = Guid.NewGuid();
        s.Case(1, CaseStatus.Queued, Now.AddMinutes(-1), priority: CasePriority.Urgent);
        s.Case(2, CaseStatus.Queued, Now.AddMinutes(-20), priority: CasePriority.Low);
        s.Case(3, CaseStatus.Queued, Now.AddMinutes(-2), priority: CasePriority.Normal);
        s.Case(4, CaseStatus.Queued, Now.AddMinutes(-7), priority: CasePriority.Normal);
        s.Case(5, CaseStatus.Queued, Now.AddMinutes(-3), priority: CasePriority.Normal);

        // Act
        var view = TeamBoardView.Build(s.Build(), team, Now, new SlaRiskOptions { QueueWaitWarningMinutes = 5, QueueWaitBreachMinutes = 15 });

        // Assert
        Assert.Equal([2L, 4L, 1L, 5L, 3L], view.Cases.Select(c => c.Id));
        Assert.Equal(2, view.AtRiskOrBreached);
        Assert.Equal([1, 2, 3, 4, 5], view.Cases.OrderBy(c => c.Id).Select(c => c.QueuePosition!.Value));
    }

    [Fact]
    public void GivesEachAgentTheirHeldCasesAndTheOldest()
    {
        // Arrange
        var s = new SnapshotBuilder(Now);
        var team = Guid.NewGuid();
        var ana = s.Agent("Ana", team, load: 3, capacity: 3);
        var cy = s.Agent("Cy", team);
        s.Case(1, CaseStatus.Assigned, Now.AddMinutes(-4), holder: ana.Id, firstReplyDueAt: Now.AddMinutes(5));
        s.Case(2, CaseStatus.Assigned, Now.AddMinutes(-9), holder: ana.Id, firstReplyDueAt: Now.AddMinutes(5));
        s.Case(3, CaseStatus.Offered, Now.AddMinutes(-1), holder: ana.Id);

        // Act
        var view = TeamBoardView.Build(s.Build(), team, Now, new SlaRiskOptions());

        // Assert
        var anaRow = view.Agents.Single(a => a.Id == ana.Id);
        Assert.Equal((1, 2), (anaRow.Offered, anaRow.Assigned));
        Assert.True(anaRow.AtCapacity);
        Assert.Equal(2, anaRow.OldestCase?.Id);
        Assert.Equal(TimeSpan.FromMinutes(9), anaRow.OldestCase?.Wait);
        Assert.Null(view.Agents.Single(a => a.Id == cy.Id).OldestCase);
        Assert.Equal("Ana", view.Cases.Single(c => c.Id == 3).HolderName);
    }
}
