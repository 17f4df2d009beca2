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
    public async Task ALeadsOpenConsoleCountsAsALiveConnectionOnAnyPageUntilItCloses()
    {
        var marcus = (await Engine.SnapshotAsync()).Agents.Single(a => a.Name == "Marcus Okafor").Id;
        var page = await NewPageAsync();

        await SignInAsync(page, "marcus.okafor@agentconsole.demo", DemoUsers.LeadPassword);
        await page.GotoAsync("/team");
        await WaitForConnectionsAsync(marcus, 1);
        await page.Context.CloseAsync();

        await WaitForConnectionsAsync(marcus, 0);
    }

    private async Task WaitForConnectionsAsync(Guid agentId, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await Engine.SnapshotAsync()).Agents.Single(a => a.Id == agentId).Connections != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The agent never had {expected} live connections.");
            await Task.Delay(100);
        }
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
