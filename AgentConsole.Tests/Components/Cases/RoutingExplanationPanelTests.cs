using AgentConsole.Components.Pages.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using Bunit;
using static AgentConsole.Tests.Core.Routing.RoutingFixtures;

namespace AgentConsole.Tests.Components.Cases;

public sealed class RoutingExplanationPanelTests : BunitTestBase
{
    [Fact]
    public void AStepOfABigDeskSaysHowManyAgentsItDidNotListAndWhy()
    {
        var agents = Enumerable.Range(1, 4_000).Select(i => Agent($"Agent {i:D4}", load: i % 100 == 0 ? 0 : 3)).ToList();
        var explanation = Policy().Route(Case(), agents, Now).Explain();

        var cut = Render<RoutingExplanationPanel>(p => p.Add(x => x.Explanation, explanation));

        Assert.Equal(StepTrace.ListedEligible + StepTrace.ListedDropped, cut.FindAll("[data-testid=candidate]").Count);
        Assert.Equal("Not listed: 30 more eligible, 3,935 dropped by capacity", cut.Find("[data-testid=omitted]").TextContent);
    }

    [Fact]
    public void AStepThatListsEveryAgentSaysNothingMore()
    {
        var explanation = Policy().Route(Case(), [Agent("Dana"), Agent("Omar", load: 3)], Now).Explain();

        var cut = Render<RoutingExplanationPanel>(p => p.Add(x => x.Explanation, explanation));

        Assert.Equal(2, cut.FindAll("[data-testid=candidate]").Count);
        Assert.Empty(cut.FindAll("[data-testid=omitted]"));
    }
}
