using AgentConsole.Hosting;
using Microsoft.Playwright;

namespace AgentConsole.Tests.EndToEnd;

/// <summary>
/// The console and the widget run in Chromium under their Content-Security-Policy with nothing
/// refused: every <c>securitypolicyviolation</c> event and every console error is collected while
/// real pages load, render over their circuit and are used.
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests : BrowserTestBase
{
    [Fact]
    public async Task ConsolePagesRunUnderTheirPolicyWithoutAViolation()
    {
        var page = await NewPageAsync();
        var problems = await WatchAsync(page);

        await SignInAsync(page, DemoUsers.AdminEmail, DemoUsers.AdminPassword);
        foreach (var path in new[] { "/dashboard", "/admin/users", "/admin/audit", "/admin/triggers" })
        {
            await OpenAsync(page, path);
            await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First.WaitForAsync();
        }
        // A MudBlazor popover (its styles and script) on the audit page.
        await OpenAsync(page, "/admin/audit");
        await page.GetByTestId("audit-table").WaitForAsync();
        await page.GetByTestId("audit-action").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "user.locked" }).WaitForAsync();

        var found = await ProblemsAsync(page, problems);
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task TheWidgetOnTheDemoPageAndTheChatPageRunWithoutAViolation()
    {
        var customer = await NewPageAsync();
        var problems = await WatchAsync(customer);

        await customer.GotoAsync("/chat/demo.html?page=billing");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Chat with support" }).ClickAsync();
        var widget = customer.GetByRole(AriaRole.Dialog, new() { Name = "Chat with support" });
        await widget.GetByRole(AriaRole.Textbox).FillAsync("How do I download my invoice?");
        await widget.GetByRole(AriaRole.Textbox).PressAsync("Enter");
        await Assertions.Expect(widget.GetByRole(AriaRole.Log).Locator(".acw-bot:not(.acw-intro)").First).ToBeVisibleAsync();
        await customer.GotoAsync("/chat/");
        await customer.GetByRole(AriaRole.Textbox).First.WaitForAsync();

        var found = await ProblemsAsync(customer, problems);
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    /// <summary>Starts collecting console errors, uncaught errors and CSP violations on every document the page loads.</summary>
    private static async Task<List<string>> WatchAsync(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            // The app has no favicon; Chromium's own request for one is no error of the pages'.
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
                lock (problems) problems.Add($"console: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => { lock (problems) problems.Add($"page error: {error}"); };
        // Playwright's init scripts are not subject to the page's CSP.
        await page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
              window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
            """);
        return problems;
    }

    private static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page, List<string> problems)
    {
        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        lock (problems) return [.. problems, .. violations.Select(v => $"violation: {v}")];
    }
}
