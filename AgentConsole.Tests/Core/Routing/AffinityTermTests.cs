using System.Collections.Immutable;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using static AgentConsole.Tests.Core.Routing.RoutingFixtures;

namespace AgentConsole.Tests.Core.Routing;

public sealed class AffinityTermTests
{
    private static readonly Guid CustomerId = Guid.Parse("0c000000-0000-0000-0000-000000000002");

    private static (RoutingPolicy Policy, AffinityTerm Term) PolicyWithAffinity(double weight = 0.5, int days = 14)
    {
        var options = AgentConsole.Tests.Support.ShippedSettings.Routing();
        options.AffinityWeight = weight;
        options.AffinityDays = days;
        var term = new AffinityTerm(options);
        return (new RoutingPolicy(options, [term]), term);
    }

    // A customer below the owner thresholds, so only the tree and the score decide.
    private static CaseToRoute ReturningCase() => Case() with { Account = new CaseAccount(CustomerId, CustomerTier.Pro, 1_000m) };

    [Fact]
    public void PrefersTheAgentWhoHelpedTheCustomerAmongEligibleAgents()
    {
        var (policy, term) = PolicyWithAffinity();
        var ana = Agent("Ana", proficiency: 4, id: Id(1));
        var ben = Agent("Ben", proficiency: 4, load: 1, id: Id(2));
        term.Record(CustomerId, ben.Id, Now.AddDays(-3).AddHours(-2));

        var decision = policy.Route(ReturningCase(), [ana, ben], Now);
        var explanation = decision.Explain();

        Assert.Equal("Ben", decision.Agent!.Name);
        Assert.Contains(explanation.Terms, t => t is { Name: AffinityTerm.TermName, Value: 5, Detail: "helped this customer 3 days ago" });
        Assert.EndsWith("helped this customer 3 days ago.", explanation.Summary);
        Assert.Equal("No recent case with this customer", explanation.Steps[0].Candidates.Single(c => c.AgentName == "Ana").Terms.Single(t => t.Name == "affinity").Detail);
    }

    [Fact]
    public void NeverBeatsAMissingSkill()
    {
        var (policy, term) = PolicyWithAffinity();
        var ana = Agent("Ana", proficiency: 3, id: Id(1));
        var ben = Agent("Ben", AgentTier.Specialist, Skill.Technical, proficiency: 5, id: Id(2));
        term.Record(CustomerId, ben.Id, Now.AddDays(-1));

        var decision = policy.Route(ReturningCase(), [ana, ben], Now);

        Assert.Equal("Ana", decision.Agent!.Name);
        Assert.Equal("No Billing skill", decision.Explain().Steps[0].Candidates.Single(c => c.AgentName == "Ben").Reason);
    }

    [Fact]
    public void NeverBeatsFullCapacity()
    {
        var (policy, term) = PolicyWithAffinity();
        var ana = Agent("Ana", proficiency: 3, id: Id(1));
        var ben = Agent("Ben", proficiency: 5, load: 3, capacity: 3, id: Id(2));
        term.Record(CustomerId, ben.Id, Now.AddHours(-1));

        var decision = policy.Route(ReturningCase(), [ana, ben], Now);

        Assert.Equal("Ana", decision.Agent!.Name);
        Assert.Equal("At capacity 3/3", decision.Explain().Steps[0].Candidates.Single(c => c.AgentName == "Ben").Reason);
    }

    [Fact]
    public void NeverOutranksAHigherProficiencyEvenAtTheHighestWeight()
    {
        var (policy, term) = PolicyWithAffinity(weight: 8);
        var ana = Agent("Ana", proficiency: 4, load: 3, capacity: 4, id: Id(1));
        var ben = Agent("Ben", proficiency: 3, id: Id(2));
        term.Record(CustomerId, ben.Id, Now.AddHours(-1));

        Assert.Equal("Ana", policy.Route(ReturningCase(), [ana, ben], Now).Agent!.Name);
    }

    [Fact]
    public void ForgetsAHelpOlderThanTheAffinityWindow()
    {
        var (policy, term) = PolicyWithAffinity(days: 14);
        var ana = Agent("Ana", proficiency: 4, id: Id(1));
        var ben = Agent("Ben", proficiency: 4, load: 1, id: Id(2));
        term.Use(ImmutableDictionary<Guid, RecentHelper>.Empty.Add(CustomerId, new RecentHelper(ben.Id, Now.AddDays(-15))));

        Assert.Equal("Ana", policy.Route(ReturningCase(), [ana, ben], Now).Agent!.Name);
    }

    [Fact]
    public void NeverOutranksAHigherProficiencyWithTheOutcomeTermAtTheHighestWeightsAllowed()
    {
        // Arrange: 10 × 6 + 10 + 20 × 1 = 90, the most the options accept below a level of proficiency.
        var options = AgentConsole.Tests.Support.ShippedSettings.Routing();
        (options.AffinityWeight, options.Learning.Weight) = (6, 1);
        Assert.Empty(Failures(options));
        var ana = Agent("Ana", proficiency: 4, load: 3, capacity: 4, id: Id(1));
        var ben = Agent("Ben", proficiency: 3, id: Id(2));
        var affinity = new AffinityTerm(options);
        affinity.Record(CustomerId, ben.Id, Now.AddHours(-1));
        var outcomes = new OutcomeTerm(options.Learning);
        // Ben resolves Billing fast, at first contact and to a 5; Ana slowly, never at first contact, to a 1.
        outcomes.Use(OutcomeEstimates.Build(
        [
            (ben.Id, ben.TeamId, IssueCategory.Billing, new OutcomeRecord(50, 50 * 5 * 60, 50, 50, 250)),
            (ana.Id, ana.TeamId, IssueCategory.Billing, new OutcomeRecord(50, 50 * 60 * 60, 0, 50, 50)),
        ], priorWeight: 0));
        var policy = new RoutingPolicy(options, [outcomes, affinity]);

        // Act
        var decision = policy.Route(ReturningCase(), [ana, ben], Now);

        // Assert: Ben gets every point the other terms can give, and the more proficient Ana still wins.
        Assert.Equal("Ana", decision.Agent!.Name);
        var benTerms = decision.Explain().Steps[0].Candidates.Single(c => c.AgentName == "Ben").Terms;
        Assert.Equal(60, benTerms.Single(t => t.Name == AffinityTerm.TermName).Value);
        Assert.True(benTerms.Single(t => t.Name == OutcomeTerm.TermName).Value > 0);
    }

    [Theory]
    [InlineData(8, 0.2, 14, true)]
    [InlineData(6, 1, 14, true)]
    [InlineData(8, 1, 14, false)]
    [InlineData(0.5, 5, 14, false)]
    [InlineData(0, 10, 14, true)]
    [InlineData(0.5, 10, 0, true)]
    public void TheOptionsRefuseAnAffinityThatWithTheOutcomeTermCouldOutrankSkill(double affinityWeight, double learningWeight, int affinityDays, bool valid)
    {
        var options = AgentConsole.Tests.Support.ShippedSettings.Routing();
        (options.AffinityWeight, options.Learning.Weight, options.AffinityDays) = (affinityWeight, learningWeight, affinityDays);

        var failures = Failures(options);

        if (valid) Assert.Empty(failures);
        else Assert.Contains(failures, f => f.Contains("Routing.AffinityWeight", StringComparison.Ordinal) && f.Contains("Learning:Weight", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Failures(RoutingPolicyOptions options) =>
        [.. new AgentConsole.Core.Common.SectionValidator<RoutingPolicyOptions>(RoutingPolicyOptions.Section, new RoutingPolicyOptionsValidator()).Validate(null, options).Failures ?? []];

    [Fact]
    public void AnAffinityWeightThatCouldOutrankSkillIsRefusedByTheOptions()
    {
        var options = AgentConsole.Tests.Support.ShippedSettings.Routing();
        options.AffinityWeight = 9;

        var result = new RoutingPolicyOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("AffinityWeight", result.FailureMessage);
    }
}
