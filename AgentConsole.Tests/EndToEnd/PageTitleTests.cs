using System.Text.RegularExpressions;
using AgentConsole.Hosting;
using Microsoft.Playwright;

namespace AgentConsole.Tests.EndToEnd;

/// <summary>The browser's tab names the page: on a page load, and after navigating within the console.</summary>
public sealed class PageTitleTests : BrowserTestBase
{
    [Fact]
    public async Task TheTabNamesThePageOnLoadAndAfterEveryNavigation()
    {
        // Arrange: a supervisor lands on the status page, a full page load.
        var page = await NewPageAsync();
        await SignInAsync(page, DemoUsers.SupervisorEmail, DemoUsers.SupervisorPassword);
        await Assertions.Expect(page).ToHaveTitleAsync("AgentConsole");

        // Act: navigate from the menu, over the circuit, without a page load.
        await page.GetByTestId("nav-dashboard").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        var onDashboard = await TitleOnceItShowsAsync(page, "Dashboard · AgentConsole");
        await page.GetByTestId("nav-team").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/team$"));
        var onTeamBoard = await TitleOnceItShowsAsync(page, "Team board · AgentConsole");

        // Assert
        Assert.Equal("Dashboard · AgentConsole", onDashboard);
        Assert.Equal("Team board · AgentConsole", onTeamBoard);
    }

    [Fact]
    public async Task AnAgentsQueueIsNamedInTheTabFromItsFirstResponse()
    {
        // Arrange
        var page = await NewPageAsync();
        await SignInAsync(page, Priya, DemoUsers.AgentPassword);

        // Act: a page load of the queue; the title comes with the prerendered page.
        var response = await page.GotoAsync("/queue");
        var html = await response!.TextAsync();
        await WaitUntilInteractiveAsync(page);

        // Assert: in the first response, and still once the circuit has taken over.
        Assert.Equal("My queue · AgentConsole", System.Net.WebUtility.HtmlDecode(Regex.Match(html, "<title>(.*?)</title>").Groups[1].Value));
        Assert.Equal("My queue · AgentConsole", await TitleOnceItShowsAsync(page, "My queue · AgentConsole"));
    }

    private static async Task<string> TitleOnceItShowsAsync(IPage page, string expected)
    {
        await Assertions.Expect(page).ToHaveTitleAsync(expected);
        return await page.TitleAsync();
    }
}
