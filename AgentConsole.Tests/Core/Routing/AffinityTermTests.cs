using System.Collections.Immutable;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
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
    public void AnAffinityWeightThatCouldOutrankSkillIsRefusedByTheOptions()
    {
        var options = AgentConsole.Tests.Support.ShippedSettings.Routing();
        options.AffinityWeight = 9;

        var result = new RoutingPolicyOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("AffinityWeight", result.FailureMessage);
    }
}
