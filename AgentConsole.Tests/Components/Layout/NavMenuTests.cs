using AgentConsole.Core.Routing.Engine;
using AgentConsole.Components.Layout;
using Bunit;

namespace AgentConsole.Tests.Components.Layout;

/// <summary>The navigation shows each role the sections it may open, and no others.</summary>
public sealed class NavMenuTests : BunitTestBase
{
    [Theory]
    [InlineData(ConsoleRole.Agent, "nav-queue")]
    [InlineData(ConsoleRole.TeamLead, "nav-queue nav-team nav-history nav-staffing")]
    [InlineData(ConsoleRole.Supervisor, "nav-team nav-dashboard nav-history nav-staffing nav-status")]
    [InlineData(ConsoleRole.Admin, "nav-team nav-dashboard nav-history nav-staffing nav-admin nav-status")]
    public void EachRoleSeesItsOwnSections(ConsoleRole role, string expected)
    {
        // Arrange
        SignInAs(role, "Someone", role is ConsoleRole.Agent or ConsoleRole.TeamLead ? Guid.NewGuid() : null, role is ConsoleRole.Agent or ConsoleRole.TeamLead ? Guid.NewGuid() : null);

        // Act
        var cut = Render<NavMenu>();

        // Assert
        var shown = cut.FindAll("[data-testid^=nav-]").Select(e => e.GetAttribute("data-testid")).Distinct();
        Assert.Equal(expected.Split(' '), shown);
    }
}
