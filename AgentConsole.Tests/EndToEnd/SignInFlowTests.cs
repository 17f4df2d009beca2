using AgentConsole.Hosting;
using Microsoft.Playwright;

namespace AgentConsole.Tests.EndToEnd;

public sealed class SignInFlowTests : BrowserTestBase
{
    [Fact]
    public async Task AnAnonymousVisitorIsSentToSignInAndLandsInTheConsoleAfterwards()
    {
        var page = await NewPageAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await SignInAsync(page, "priya.raman@agentconsole.demo", DemoUsers.AgentPassword);

        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Priya Raman");
    }

    [Fact]
    public async Task AWrongPasswordShowsAnErrorAndStaysOnTheLoginPage()
    {
        var page = await NewPageAsync();

        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync("priya.raman@agentconsole.demo");
        await page.Locator("#password").FillAsync("Not-the-password-1!");
        await page.GetByTestId("sign-in").ClickAsync();

        await Assertions.Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}
