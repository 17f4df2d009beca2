using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;

namespace AgentConsole.Tests.Core.Routing.Engine;

public sealed class EngineSmokeTests
{
    [Fact]
    public async Task OffersANewCaseToTheBillingSpecialistWhoAcceptsIt()
    {
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var marcus = await h.AgentAsync("Marcus", team, skills: (Skill.Billing, 5));
        await h.StartAsync();

        var caseId = await h.OpenCaseAsync();

        var offered = Assert.Single(h.EventsOf<CaseOffered>());
        Assert.Equal(marcus.Id, offered.AgentId);
        Assert.Equal(h.Now + TimeSpan.FromSeconds(30), offered.ExpiresAt);
        var card = await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(marcus));
        Assert.Equal(CaseStatus.Assigned, card.Status);
        await Assert.ThrowsAsync<OfferNotPendingException>(() => h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(marcus)));
        await h.AssertInvariantsAsync();
    }
}
