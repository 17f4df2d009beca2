using AgentConsole.Core.Audit;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>
/// Account owners and returning customers through the real engine: the owner first, a wait for a
/// busy owner that is a deadline like an offer's (surviving a restart), then the owner's team; and
/// the last helper of each customer, loaded at start and updated on resolve.
/// </summary>
public sealed class OwnerRoutingEngineTests
{
    private const string Acme = "acme";

    private sealed record World(Agent Dana, Agent Sam, Agent Ana);

    // Dana Reyes owns Acme (Enterprise) and holds one case at most; Sam is in her team; Ana, the best Billing specialist, is not.
    private static async Task<World> ArrangeAsync(EngineHarness h)
    {
        var billing = await h.TeamAsync("Billing");
        var tech = await h.TeamAsync("Technical");
        var dana = await h.AgentAsync("Dana Reyes", billing, AgentTier.Senior, capacity: 1, skills: (Skill.AccountManagement, 4));
        var sam = await h.AgentAsync("Sam", billing, skills: (Skill.Billing, 2));
        var ana = await h.AgentAsync("Ana", tech, skills: (Skill.Billing, 5));
        await h.CustomerAsync(Acme, new CustomerProfile { Name = "Acme", Tier = CustomerTier.Enterprise, AnnualContractValue = 80_000m, AccountOwner = AccountOwner.Agent(dana.Id) });
        await h.StartAsync();
        await ConnectAsync(h, dana, sam, ana);
        return new World(dana, sam, ana);
    }

    private static async Task ConnectAsync(EngineHarness h, params Agent[] agents)
    {
        foreach (var agent in agents) await h.Engine.ConnectionOpenedAsync(agent.Id);
    }

    // Dana takes a first Acme case, which fills her capacity; a second one then waits for her.
    private static async Task<(long First, long Second)> BusyOwnerAsync(EngineHarness h, World world)
    {
        var first = await h.OpenCaseAsync(customerId: Acme);
        await h.Engine.AcceptOfferAsync(first, EngineHarness.As(world.Dana));
        var second = await h.OpenCaseAsync(customerId: Acme);
        return (first, second);
    }

    [Fact]
    public async Task OffersAnOwnedAccountsCaseToItsOwnerFirst()
    {
        await using var h = await EngineHarness.CreateAsync();
        var world = await ArrangeAsync(h);

        var id = await h.OpenCaseAsync(customerId: Acme);

        var stored = await h.CaseAsync(id);
        Assert.Equal((CaseStatus.Offered, world.Dana.Id), (stored.Status, stored.HolderId));
        Assert.StartsWith("Routed to Dana Reyes (Senior) at the account owner step (account owner Dana Reyes)", stored.RoutingSummary);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task WaitsForABusyOwnerUntilOwnerWaitSecondsThenOffersTheOwnersTeam()
    {
        await using var h = await EngineHarness.CreateAsync();
        var world = await ArrangeAsync(h);
        var (_, second) = await BusyOwnerAsync(h, world);
        var waitEnds = h.Now.AddSeconds(h.Options.OwnerWaitSeconds);
        Assert.Equal($"Queued: Waiting for account owner Dana Reyes until {waitEnds:HH:mm:ss} UTC.", (await h.CaseAsync(second)).RoutingSummary);

        await h.AdvanceAsync(waitEnds - h.Now - TimeSpan.FromMilliseconds(1));
        Assert.Equal(CaseStatus.Queued, (await h.CaseAsync(second)).Status);
        Assert.DoesNotContain(h.EventsOf<CaseOffered>(), o => o.Case.CaseId == second);

        await h.AdvanceAsync(TimeSpan.FromMilliseconds(1));

        var stored = await h.CaseAsync(second);
        Assert.Equal((CaseStatus.Offered, world.Sam.Id), (stored.Status, stored.HolderId));
        Assert.StartsWith("Routed to Sam (Specialist) at the owner's team step (owner's team Billing)", stored.RoutingSummary);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task TheOwnerWaitEndsAtItsOriginalInstantAfterARestart()
    {
        await using var h = await EngineHarness.CreateAsync();
        var world = await ArrangeAsync(h);
        var (_, second) = await BusyOwnerAsync(h, world);
        var waitEnds = h.Now.AddSeconds(h.Options.OwnerWaitSeconds);
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        await h.RestartAsync();
        await ConnectAsync(h, world.Dana, world.Sam, world.Ana);
        await h.AdvanceAsync(waitEnds - h.Now - TimeSpan.FromMilliseconds(1));
        Assert.Equal(CaseStatus.Queued, (await h.CaseAsync(second)).Status);
        await h.AdvanceAsync(TimeSpan.FromMilliseconds(1));

        var stored = await h.CaseAsync(second);
        Assert.Equal((CaseStatus.Offered, world.Sam.Id), (stored.Status, stored.HolderId));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task AnOwnerWhoFreesUpWithinTheWaitGetsTheWaitingCase()
    {
        await using var h = await EngineHarness.CreateAsync();
        var world = await ArrangeAsync(h);
        var (first, second) = await BusyOwnerAsync(h, world);
        await h.AdvanceAsync(TimeSpan.FromSeconds(20));

        await h.Engine.ResolveAsync(first, "Sorted", EngineHarness.As(world.Dana));

        var stored = await h.CaseAsync(second);
        Assert.Equal((CaseStatus.Offered, world.Dana.Id), (stored.Status, stored.HolderId));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task AReturningCustomerPrefersTheAgentWhoHelpedThemEvenAfterARestart()
    {
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 4));
        var ben = await h.AgentAsync("Ben", team, skills: (Skill.Billing, 4));
        await h.StartAsync();
        await ConnectAsync(h, ana, ben);
        var first = await h.OpenCaseAsync(customerId: "pat");
        var helper = (await h.CaseAsync(first)).HolderId == ana.Id ? ana : ben;
        var other = helper == ana ? ben : ana;
        await h.Engine.AcceptOfferAsync(first, EngineHarness.As(helper));
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        await h.Engine.ResolveAsync(first, "Sorted", EngineHarness.As(helper));
        await h.AdvanceAsync(TimeSpan.FromDays(3));

        // The helper was assigned more recently than the other agent, so only affinity puts them first.
        var second = await h.OpenCaseAsync(customerId: "pat");
        var offered = await h.CaseAsync(second);
        Assert.Equal(helper.Id, offered.HolderId);
        Assert.Contains("helped this customer 3 days ago", offered.RoutingSummary);
        Assert.Equal(other.Id, (await h.CaseAsync(await h.OpenCaseAsync(customerId: "someone-else"))).HolderId);
        await h.Engine.ResolveAsync(second, "Withdrawn", RoutingActor.ForSupervisor());

        await h.RestartAsync();
        await ConnectAsync(h, ana, ben);
        var third = await h.OpenCaseAsync(customerId: "pat");

        var stored = await h.CaseAsync(third);
        Assert.Equal(helper.Id, stored.HolderId);
        Assert.Contains("helped this customer 3 days ago", stored.RoutingSummary);
        await h.AssertInvariantsAsync();
    }

    private const string Globex = "globex-olivia";

    // Dana Reyes owns the company Globex Corp (not its customers one by one); Olivia's profile names it in other case and spacing.
    private static async Task<World> ArrangeCompanyAsync(EngineHarness h)
    {
        var billing = await h.TeamAsync("Billing");
        var tech = await h.TeamAsync("Technical");
        var dana = await h.AgentAsync("Dana Reyes", billing, AgentTier.Senior, capacity: 1, skills: (Skill.AccountManagement, 4));
        var sam = await h.AgentAsync("Sam", billing, skills: (Skill.Billing, 2));
        var ana = await h.AgentAsync("Ana", tech, skills: (Skill.Billing, 5));
        await h.CustomerAsync(Globex, new CustomerProfile
        {
            Name = "Olivia", Company = " GLOBEX corp ", Tier = CustomerTier.Enterprise, AnnualContractValue = 80_000m });
        await SetCompanyOwnerAsync(h, AccountOwner.Agent(dana.Id));
        await h.StartAsync();
        await ConnectAsync(h, dana, sam, ana);
        return new World(dana, sam, ana);
    }

    private static Task SetCompanyOwnerAsync(EngineHarness h, AccountOwner owner) =>
        new AccountOwners(h.DbFactory, h.Clock).SetCompanyAsync("Globex Corp", owner, RoutingActor.System, new AuditActor("system", "system"));

    [Fact]
    public async Task RoutesACustomerWithoutAnOwnerToTheirCompanysOwnerThenTheOwnersTeamThenTheTree()
    {
        await using var h = await EngineHarness.CreateAsync();
        var world = await ArrangeCompanyAsync(h);

        var first = await h.OpenCaseAsync(customerId: Globex);
        var offered = await h.CaseAsync(first);
        Assert.Equal((CaseStatus.Offered, world.Dana.Id), (offered.Status, offered.HolderId));
        Assert.StartsWith("Routed to Dana Reyes (Senior) at the account owner step (account owner Dana Reyes (Globex Corp))", offered.RoutingSummary);
        await h.Engine.AcceptOfferAsync(first, EngineHarness.As(world.Dana));

        var second = await h.OpenCaseAsync(customerId: Globex);
        var waitEnds = h.Now.AddSeconds(h.Options.OwnerWaitSeconds);
        Assert.Equal($"Queued: Waiting for account owner Dana Reyes (Globex Corp) until {waitEnds:HH:mm:ss} UTC.", (await h.CaseAsync(second)).RoutingSummary);
        await h.AdvanceAsync(waitEnds - h.Now);
        var toTeam = await h.CaseAsync(second);
        Assert.Equal((CaseStatus.Offered, world.Sam.Id), (toTeam.Status, toTeam.HolderId));
        Assert.StartsWith("Routed to Sam (Specialist) at the owner's team step (owner's team Billing (Globex Corp))", toTeam.RoutingSummary);

        await h.Engine.SetPresenceAsync(world.Dana.Id, Presence.Away, EngineHarness.As(world.Dana));
        await h.Engine.SetPresenceAsync(world.Sam.Id, Presence.Away, EngineHarness.As(world.Sam));
        var third = await h.OpenCaseAsync(customerId: Globex);

        var toTree = await h.CaseAsync(third);
        Assert.Equal((CaseStatus.Offered, world.Ana.Id), (toTree.Status, toTree.HolderId));
        Assert.StartsWith("Routed to Ana (Specialist) at the specialist step", toTree.RoutingSummary);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task ACustomersOwnOwnerBeatsTheirCompanys()
    {
        await using var h = await EngineHarness.CreateAsync();
        var world = await ArrangeCompanyAsync(h);
        await h.CustomerAsync(Globex, new CustomerProfile { AccountOwner = AccountOwner.Agent(world.Sam.Id) });

        var id = await h.OpenCaseAsync(customerId: Globex);

        var stored = await h.CaseAsync(id);
        Assert.Equal((CaseStatus.Offered, world.Sam.Id), (stored.Status, stored.HolderId));
        Assert.StartsWith("Routed to Sam (Specialist) at the account owner step (account owner Sam)", stored.RoutingSummary);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task ACompanyOwnerChangeAppliesToCasesRoutedFromThenOnAndSurvivesARestart()
    {
        await using var h = await EngineHarness.CreateAsync();
        var world = await ArrangeCompanyAsync(h);
        await h.RestartAsync();
        await ConnectAsync(h, world.Dana, world.Sam, world.Ana);

        var first = await h.OpenCaseAsync(customerId: Globex);
        Assert.Equal(world.Dana.Id, (await h.CaseAsync(first)).HolderId);

        await SetCompanyOwnerAsync(h, AccountOwner.Team(world.Ana.TeamId));
        var second = await h.OpenCaseAsync(customerId: Globex);

        var stored = await h.CaseAsync(second);
        Assert.Equal(world.Ana.Id, stored.HolderId);
        Assert.StartsWith("Routed to Ana (Specialist) at the owner's team step (owner's team Technical (Globex Corp))", stored.RoutingSummary);
        await h.AssertInvariantsAsync();
    }
}
