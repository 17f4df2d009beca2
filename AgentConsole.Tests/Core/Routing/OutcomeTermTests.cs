using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Routing;

/// <summary>The learned score term: its estimates (shrinkage, the combined score), its reading, and its effect on the choice.</summary>
public sealed class OutcomeTermTests
{
    private static readonly Guid Team = Guid.NewGuid(), One = Guid.NewGuid(), Forty = Guid.NewGuid(), Sixty = Guid.NewGuid();

    private static OutcomeRecord Record(int cases, double minutes, int firstContact, int ratings = 0, int csat = 0) =>
        new(cases, (long)(cases * minutes * 60), firstContact, ratings, (long)ratings * csat);

    // One great case (6 min, first contact), 40 good ones (12 min, 90% first contact), 60 average ones (20 min, 50%).
    private static OutcomeEstimates Desk(double priorWeight) => OutcomeEstimates.Build(
    [
        (One, Team, IssueCategory.Billing, Record(1, 6, 1)),
        (Forty, Team, IssueCategory.Billing, Record(40, 12, 36)),
        (Sixty, Team, IssueCategory.Billing, Record(60, 20, 30)),
    ], priorWeight);

    [Fact]
    public void AnAgentWithOneGreatCaseIsShrunkTowardsTheTeamAndDoesNotBeatOneWithFortyGoodOnes()
    {
        // Act
        var estimates = Desk(priorWeight: 10);

        // Assert: the team pools 101 cases: 1686/101 min and 67/101 at first contact.
        var one = estimates.For(One, IssueCategory.Billing)!;
        var forty = estimates.For(Forty, IssueCategory.Billing)!;
        Assert.Equal(1686d / 101, one.TeamMinutes, 9);
        Assert.Equal((6 + 10 * (1686d / 101)) / 11, one.Minutes, 9);
        Assert.Equal((1 + 10 * (67d / 101)) / 11, one.FirstContactRate, 9);
        Assert.Equal((40 * 12 + 10 * (1686d / 101)) / 50, forty.Minutes, 9);
        Assert.Equal(0.058, one.Speed, 3);
        Assert.Equal(0.225, forty.Speed, 3);
        Assert.True(forty.Score > one.Score, $"forty {forty.Score}, one {one.Score}");
    }

    [Fact]
    public void WithoutAPriorAnAgentsOwnFiguresCountInFull()
    {
        var one = Desk(priorWeight: 0).For(One, IssueCategory.Billing)!;

        Assert.Equal(6, one.Minutes, 9);
        Assert.Equal(1, one.FirstContactRate, 9);
    }

    [Fact]
    public void TheScoreIsTheMeanOfSpeedFirstContactAndSatisfactionWithinMinusOneAndOne()
    {
        // Arrange: the team resolves in 10 min, all at first contact, rated 5; the agent takes 100 min, never at first contact, rated 1.
        var team = Record(10, 10, 10, ratings: 10, csat: 5);
        var agent = Record(10, 100, 0, ratings: 10, csat: 1);
        var middling = Record(10, 15, 5, ratings: 10, csat: 4);

        // Act
        var worst = OutcomeEstimate.Of(agent, team, priorWeight: 0);
        var mixed = OutcomeEstimate.Of(middling, team, priorWeight: 0);

        // Assert
        Assert.Equal((-1d, -1d, -1d, -1d), (worst.Speed, worst.FirstContact, worst.Satisfaction, worst.Score));
        Assert.Equal(-0.5, mixed.Speed, 9);
        Assert.Equal(-0.5, mixed.FirstContact, 9);
        Assert.Equal(-0.25, mixed.Satisfaction, 9);
        Assert.Equal(-1.25 / 3, mixed.Score, 9);
    }

    [Fact]
    public void TheTermsReadingNamesTheDominantDifferenceAndTheCases()
    {
        var estimates = OutcomeEstimates.Build(
        [
            (One, Team, IssueCategory.Billing, Record(42, 7, 21)),
            (Forty, Team, IssueCategory.Billing, Record(42, 13, 21)),
        ], priorWeight: 0);

        Assert.Equal("resolves Billing 30% faster than the team average, 42 cases", OutcomeTerm.Describe(estimates.For(One, IssueCategory.Billing), "Billing"));
        Assert.Equal("No Billing cases resolved yet", OutcomeTerm.Describe(null, "Billing"));
    }

    [Fact]
    public void TheTermsValueIsTenTimesTheWeightTimesTheScore()
    {
        // Arrange
        var term = new OutcomeTerm(new LearningOptions { Weight = 0.5, PriorWeight = 0 });
        term.Use(OutcomeEstimates.Build([(One, Team, IssueCategory.Billing, Record(42, 7, 21)), (Forty, Team, IssueCategory.Billing, Record(42, 13, 21))], 0));
        var agent = RoutingFixtures.Agent("One", id: One);

        // Act
        var value = term.Value(agent, RoutingFixtures.Case(IssueCategory.Billing), DateTime.UtcNow);

        // Assert: 30% faster, same first contact, no ratings: S = 0.3/3.
        Assert.Equal(10 * 0.5 * 0.1, value, 9);
    }

    // Two otherwise equal Billing specialists; Ben has the lower id, so he wins every tie.
    private static (AgentSnapshot Ana, AgentSnapshot Ben, OutcomeEstimates Estimates) EqualPair()
    {
        var ana = RoutingFixtures.Agent("Ana", id: RoutingFixtures.Id(2), lastAssignedAt: RoutingFixtures.Now.AddHours(-1));
        var ben = RoutingFixtures.Agent("Ben", id: RoutingFixtures.Id(1), lastAssignedAt: RoutingFixtures.Now.AddHours(-1));
        var estimates = OutcomeEstimates.Build(
        [
            (ana.Id, ana.TeamId, IssueCategory.Billing, Record(20, 10, 18)),
            (ben.Id, ben.TeamId, IssueCategory.Billing, Record(20, 30, 10)),
        ], priorWeight: 10);
        return (ana, ben, estimates);
    }

    [Fact]
    public void OffersTheCaseToTheAgentWithTheBetterRecordInItsCategory()
    {
        // Arrange
        var (ana, ben, estimates) = EqualPair();
        var term = new OutcomeTerm(new LearningOptions { Weight = 0.2 });
        term.Use(estimates);
        var policy = new RoutingPolicy(ShippedSettings.Routing(), [term]);

        // Act
        var decision = policy.Route(RoutingFixtures.Case(), [ben, ana], RoutingFixtures.Now);

        // Assert
        Assert.Equal(ana.Id, decision.Agent!.Id);
        var learned = Assert.Single(decision.Explain().Terms, t => t.Name == OutcomeTerm.TermName);
        Assert.True(learned.Value > 0);
        Assert.StartsWith("resolves Billing 33% faster than the team average, 20 cases", learned.Detail, StringComparison.Ordinal);
        Assert.Contains("resolves Billing 33% faster than the team average, 20 cases", decision.Explain().Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordInAnotherCategoryDoesNotCount()
    {
        var (ana, ben, estimates) = EqualPair();
        var term = new OutcomeTerm(new LearningOptions { Weight = 0.2 });
        term.Use(estimates);

        var decision = new RoutingPolicy(ShippedSettings.Routing(), [term]).Route(RoutingFixtures.Case(IssueCategory.Cancellation), [ben, ana], RoutingFixtures.Now);

        Assert.Equal(ben.Id, decision.Agent!.Id);
    }

    [Fact]
    public void WithoutTheTermTheTieGoesAsBefore()
    {
        var (ana, ben, _) = EqualPair();

        var decision = new RoutingPolicy(ShippedSettings.Routing()).Route(RoutingFixtures.Case(), [ben, ana], RoutingFixtures.Now);

        Assert.Equal(ben.Id, decision.Agent!.Id);
        Assert.DoesNotContain(decision.Explain().Terms, t => t.Name == OutcomeTerm.TermName);
    }
}
