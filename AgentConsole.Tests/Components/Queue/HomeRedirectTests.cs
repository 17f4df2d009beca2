using AgentConsole.Components.Pages;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Components.Cases;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Components.Queue;

/// <summary>Agents and leads land on their queue; supervisors stay on the desk's status page.</summary>
public sealed class HomeRedirectTests : LiveEngineTestBase
{
    [Fact]
    public async Task SendsAnAgentToTheirQueue()
    {
        // Arrange
        var (_, priya) = await BillingTeamAsync();
        SignInAs(priya);

        // Act
        var cut = Render<Home>();

        // Assert
        var navigation = Services.GetRequiredService<NavigationManager>();
        Eventually(cut, () => Assert.EndsWith("/queue", navigation.Uri));
    }

    [Fact]
    public void LeavesASupervisorOnTheStatusPage()
    {
        // Arrange
        SignInAs(ConsoleRole.Supervisor, "Sofia Mendes");

        // Act
        var cut = Render<Home>();

        // Assert
        Eventually(cut, () => Assert.Contains("AgentConsole is running", cut.Markup));
        Assert.DoesNotContain("/queue", Services.GetRequiredService<NavigationManager>().Uri);
    }
}
