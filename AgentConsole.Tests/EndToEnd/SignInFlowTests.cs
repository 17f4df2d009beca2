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
    public async Task ANewcomerPicksADemoLoginOnTheSignInPageAndIsInTheConsole()
    {
        // Arrange: the first screen after starting the app.
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("demo-logins")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "sign-in");

        // Act: pick Marcus, the Billing lead, and sign in with what the pick filled in.
        await page.Locator("[data-testid=demo-login][data-email='marcus.okafor@agentconsole.demo']").ClickAsync();
        await Assertions.Expect(page.Locator("#email")).ToHaveValueAsync("marcus.okafor@agentconsole.demo");
        await Assertions.Expect(page.Locator("#password")).ToHaveValueAsync(DemoUsers.LeadPassword);
        await page.GetByTestId("sign-in").ClickAsync();

        // Assert
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Marcus Okafor");
        await Assertions.Expect(page.GetByTestId("nav-team")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheSignInFieldsAreVisiblyOutlinedAndLabelled()
    {
        var page = await NewPageAsync();

        await page.GotoAsync("/account/login");

        foreach (var (id, label) in new[] { ("email", "Email"), ("password", "Password") })
        {
            var field = page.Locator($"#{id}");
            await Assertions.Expect(field).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel(label, new() { Exact = true })).ToHaveAttributeAsync("id", id);
            // The defect was a borderless input on a white page: the outline must be drawn and not white.
            var border = await field.EvaluateAsync<string[]>(
                "el => { const s = getComputedStyle(el.parentElement.querySelector('.mud-input-outlined-border')); return [s.borderTopStyle, s.borderTopWidth, s.borderTopColor]; }");
            Assert.Equal("solid", border[0]);
            Assert.NotEqual("0px", border[1]);
            Assert.DoesNotContain(border[2], new[] { "rgb(255, 255, 255)", "rgba(0, 0, 0, 0)" });
            Assert.True((await field.BoundingBoxAsync())!.Height >= 40, $"The {label} field is too small to see.");
        }
        await Assertions.Expect(page.GetByTestId("sign-in")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-button-filled-primary"));
    }

    [Fact]
    public async Task ALeadsOpenConsoleCountsAsALiveConnectionOnAnyPageUntilItCloses()
    {
        var marcus = (await Engine.SnapshotAsync()).Agents.Single(a => a.Name == "Marcus Okafor").Id;
        var page = await NewPageAsync();

        await SignInAsync(page, "marcus.okafor@agentconsole.demo", DemoUsers.LeadPassword);
        await OpenAsync(page, "/team");
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
