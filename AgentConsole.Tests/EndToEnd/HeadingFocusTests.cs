using System.Text.RegularExpressions;
using AgentConsole.Hosting;
using Microsoft.Playwright;

namespace AgentConsole.Tests.EndToEnd;

/// <summary>After navigation the page's heading takes focus for screen readers, without a visible box.</summary>
public sealed class HeadingFocusTests : BrowserTestBase
{
    [Fact]
    public async Task AfterNavigatingToTheDashboardItsHeadingHasFocusWithoutAVisibleRing()
    {
        // Arrange
        var page = await NewPageAsync();
        await SignInAsync(page, DemoUsers.SupervisorEmail, DemoUsers.SupervisorPassword);

        // Act: navigate as a user does, from the menu, by keyboard.
        await page.GetByTestId("nav-dashboard").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Dashboard" });
        await Assertions.Expect(heading).ToBeFocusedAsync();

        // Assert
        var outline = await heading.EvaluateAsync<string[]>("el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }");
        Assert.True(outline[0] == "none" || outline[1] == "0px", $"The focused heading draws an outline: {outline[0]} {outline[1]}.");
    }
}
