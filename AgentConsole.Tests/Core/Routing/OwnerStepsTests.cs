using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using static AgentConsole.Tests.Core.Routing.RoutingFixtures;

namespace AgentConsole.Tests.Core.Routing;

public sealed class OwnerStepsTests
{
    private static readonly Guid CustomerId = Guid.Parse("0c000000-0000-0000-0000-000000000001");
    private readonly RoutingPolicy _policy = Policy(o => o.OwnerWaitSeconds = 120);

    // Dana Reyes, the account manager: in the Billing team, with no Billing skill at all.
    private static AgentSnapshot Dana(int load = 0, Presence presence = Presence.Available) =>
        Agent("Dana Reyes", AgentTier.Senior, Skill.AccountManagement, proficiency: 4, load: load, presence: presence, id: Id(1));

    private static CaseToRoute OwnedCase(Guid? owner = null, CustomerTier tier = CustomerTier.Enterprise, decimal value = 80_000m, Skill skill = Skill.Billing,
        IssueCategory category = IssueCategory.Billing, AgentTier suggested = AgentTier.Specialist, Guid? ownerTeam = null) =>
        Case(category, skill, suggested) with
        {
            Account = new CaseAccount(CustomerId, tier, value, owner ?? Id(1), "Dana Reyes", ownerTeam ?? BillingTeam, "Billing"),
            OpenedAt = Now,
        };

    [Fact]
    public void OffersTheCaseToTheAccountOwnerFirstWhateverTheirSkill()
    {
        var ana = Agent("Ana", proficiency: 5, team: TechTeam);

        var decision = _policy.Route(OwnedCase(), [ana, Dana()], Now);
        var explanation = decision.Explain();

        Assert.Equal(RoutingOutcome.Offer, decision.Outcome);
        Assert.Equal(RoutingStep.AccountOwner, decision.Step);
        Assert.Equal(Id(1), decision.Agent!.Id);
        Assert.Equal("Account owner Dana Reyes", decision.Reason);
        Assert.StartsWith("Routed to Dana Reyes (Senior) at the account owner step (account owner Dana Reyes): No Billing skill", explanation.Summary);
        Assert.Equal([RoutingStep.AccountOwner], explanation.Steps.Select(s => s.Step));
    }

    [Fact]
    public void OffersTheCaseToTheOwnersTeamWhenTheOwnerIsAway()
    {
        var sam = Agent("Sam", proficiency: 2, team: BillingTeam);
        var ana = Agent("Ana", proficiency: 5, team: TechTeam);

        var decision = _policy.Route(OwnedCase(), [ana, sam, Dana(presence: Presence.Away)], Now);
        var explanation = decision.Explain();

        Assert.Equal(RoutingStep.OwnerTeam, decision.Step);
        Assert.Equal("Sam", decision.Agent!.Name);
        Assert.Equal("Owner's team Billing", decision.Reason);
        Assert.Contains("at the owner's team step (owner's team Billing)", explanation.Summary);
        Assert.Equal([RoutingStep.AccountOwner, RoutingStep.OwnerTeam], explanation.Steps.Select(s => s.Step));
        Assert.Equal(("Dana Reyes", "Away"), explanation.Steps[0].Candidates.Select(c => (c.AgentName, c.Reason)).Single());
    }

    [Fact]
    public void FallsThroughToTheTreeWhenNeitherTheOwnerNorTheirTeamCanTakeIt()
    {
        var sam = Agent("Sam", proficiency: 2, load: 3, team: BillingTeam);
        var ana = Agent("Ana", proficiency: 5, team: TechTeam);

        var decision = _policy.Route(OwnedCase(), [ana, sam, Dana(presence: Presence.Offline)], Now);
        var explanation = decision.Explain();

        Assert.Equal(RoutingStep.Specialist, decision.Step);
        Assert.Equal("Ana", decision.Agent!.Name);
        Assert.Equal([RoutingStep.AccountOwner, RoutingStep.OwnerTeam, RoutingStep.Specialist], explanation.Steps.Take(3).Select(s => s.Step));
        Assert.Equal("No eligible agent among 1 considered", explanation.Steps[1].Result);
        Assert.StartsWith("Routed to Ana (Specialist) at the specialist step:", explanation.Summary);
    }

    [Fact]
    public void WaitsForABusyOwnerUntilTheWaitEndsThenGoesToTheTeam()
    {
        var sam = Agent("Sam", proficiency: 2, team: BillingTeam);
        var busyDana = Dana(load: 3);

        var waiting = _policy.Route(OwnedCase(), [sam, busyDana], Now.AddSeconds(119));
        var after = _policy.Route(OwnedCase(), [sam, busyDana], Now.AddSeconds(120));

        Assert.Equal(RoutingOutcome.Queue, waiting.Outcome);
        Assert.Equal(RoutingStep.AccountOwner, waiting.Step);
        Assert.Equal("Waiting for account owner Dana Reyes until 09:02:00 UTC", waiting.Reason);
        Assert.Equal("Queued: Waiting for account owner Dana Reyes until 09:02:00 UTC.", waiting.Explain().Summary);
        Assert.Equal(RoutingStep.OwnerTeam, after.Step);
        Assert.Equal("Sam", after.Agent!.Name);
    }

    [Fact]
    public void AnUrgentCaseDoesNotWaitForABusyOwner()
    {
        var sam = Agent("Sam", proficiency: 2, team: BillingTeam);

        var decision = _policy.Route(OwnedCase() with { Priority = CasePriority.Urgent }, [sam, Dana(load: 3)], Now);

        Assert.Equal(RoutingStep.OwnerTeam, decision.Step);
    }

    [Fact]
    public void DoesNotWaitForAnOwnerWhoDeclinedTheCase()
    {
        var sam = Agent("Sam", proficiency: 2, team: BillingTeam);

        var decision = _policy.Route(OwnedCase().Excluding(Id(1)), [sam, Dana()], Now);

        Assert.Equal(RoutingStep.OwnerTeam, decision.Step);
        Assert.Equal("Declined this case or let its offer time out", decision.Explain().Steps[0].Candidates.Single().Reason);
    }

    [Fact]
    public void ATeamOwnedAccountGoesToTheTeamFirst()
    {
        var sam = Agent("Sam", proficiency: 2, team: TechTeam);
        var ana = Agent("Ana", proficiency: 5, team: BillingTeam);
        var @case = Case() with { Account = new CaseAccount(CustomerId, CustomerTier.Enterprise, 0m, null, null, TechTeam, "Technical"), OpenedAt = Now };

        var decision = _policy.Route(@case, [ana, sam], Now);

        Assert.Equal(RoutingStep.OwnerTeam, decision.Step);
        Assert.Equal("Sam", decision.Agent!.Name);
        Assert.Equal("Owner's team Technical", decision.Reason);
    }

    [Theory]
    [InlineData(CustomerTier.Enterprise, 0, true)]
    [InlineData(CustomerTier.Business, 50_000, true)]
    [InlineData(CustomerTier.Business, 49_999.99, false)]
    [InlineData(CustomerTier.Free, 0, false)]
    public void OwnerRoutingFollowsTheShippedTierAndValueThresholds(CustomerTier tier, double value, bool owned)
    {
        var ana = Agent("Ana", proficiency: 5, team: TechTeam);

        var decision = _policy.Route(OwnedCase(tier: tier, value: (decimal)value), [ana, Dana()], Now);

        Assert.Equal(owned ? RoutingStep.AccountOwner : RoutingStep.Specialist, decision.Step);
    }

    [Fact]
    public void WithNoThresholdEveryOwnedAccountGoesToItsOwner()
    {
        var policy = Policy(o => o.OwnerRouting = new OwnerRoutingOptions { MinTier = null, MinValue = null });

        var decision = policy.Route(OwnedCase(tier: CustomerTier.Free, value: 0m), [Agent("Ana", proficiency: 5), Dana()], Now);

        Assert.Equal(RoutingStep.AccountOwner, decision.Step);
    }

    [Theory]
    [InlineData(Skill.Security, IssueCategory.Security, AgentTier.Specialist)]
    [InlineData(Skill.Technical, IssueCategory.Technical, AgentTier.Engineering)]
    public void SecurityAndEngineeringCasesSkipTheOwner(Skill skill, IssueCategory category, AgentTier suggested)
    {
        var specialist = Agent("Ana", suggested == AgentTier.Engineering ? AgentTier.Engineering : AgentTier.Specialist, skill, proficiency: 3, team: TechTeam);

        var decision = _policy.Route(OwnedCase(skill: skill, category: category, suggested: suggested), [specialist, Dana()], Now);

        Assert.NotEqual(RoutingStep.AccountOwner, decision.Step);
        Assert.Equal("Ana", decision.Agent!.Name);
    }

    [Fact]
    public void TheQueueKeepsAWaitingCaseFromOtherAgentsAndGivesItToItsOwnerFirst()
    {
        var queue = new CaseQueue(_policy);
        var owned = OwnedCase() with { CaseId = 7, QueuedAt = Now.AddMinutes(-1) };
        var older = Case(id: 8, queuedAt: Now.AddMinutes(-30));
        queue.Enqueue(owned);
        queue.Enqueue(older);
        var sam = Agent("Sam", proficiency: 2, team: BillingTeam);

        Assert.Equal(8, queue.NextFor(sam, Now)!.CaseId);
        Assert.Equal(7, queue.NextFor(Dana(), Now)!.CaseId);
        queue.Remove(8);
        Assert.Null(queue.NextFor(sam, Now.AddSeconds(119)));
        Assert.Equal(7, queue.NextFor(sam, Now.AddSeconds(120))!.CaseId);
        Assert.Equal(RoutingStep.AccountOwner, _policy.RouteTo(owned, Dana(), Now).Step);
        Assert.Equal(RoutingOutcome.Queue, _policy.RouteTo(owned, sam, Now).Outcome);
    }

    [Fact]
    public void NamesTheCompanyWhenTheOwnerIsTheCompanysAtEveryOwnerStep()
    {
        var sam = Agent("Sam", proficiency: 2, team: BillingTeam);
        var fromCompany = OwnedCase() with { Account = OwnedCase().Account! with { OwnerCompany = "Acme Ltd" } };

        var toOwner = _policy.Route(fromCompany, [sam, Dana()], Now);
        var waiting = _policy.Route(fromCompany, [sam, Dana(load: 3)], Now);
        var toTeam = _policy.Route(fromCompany, [sam, Dana(presence: Presence.Away)], Now);

        Assert.Equal(("Account owner Dana Reyes (Acme Ltd)", Id(1)), (toOwner.Reason, toOwner.Agent!.Id));
        Assert.StartsWith("Routed to Dana Reyes (Senior) at the account owner step (account owner Dana Reyes (Acme Ltd))", toOwner.Explain().Summary);
        Assert.Equal($"Waiting for account owner Dana Reyes (Acme Ltd) until {Now.AddSeconds(120):HH:mm:ss} UTC", waiting.Reason);
        Assert.Equal(("Owner's team Billing (Acme Ltd)", "Sam"), (toTeam.Reason, toTeam.Agent!.Name));
    }
}
