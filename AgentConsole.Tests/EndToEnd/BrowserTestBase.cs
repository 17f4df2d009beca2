using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Integration;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AgentConsole.Tests.EndToEnd;

/// <summary>
/// The real app on a loopback Kestrel port, driven by Debian's Chromium through Playwright.
/// Each test gets fresh browser contexts; screenshots go under the test output folder.
/// </summary>
public abstract class BrowserTestBase : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly TempDatabase _database = new();
    private IPlaywright? _playwright;

    protected BrowserTestBase()
    {
        Factory = new AgentConsoleFactory(_database);
        Factory.UseKestrel(0);
    }

    protected AgentConsoleFactory Factory { get; }
    protected IBrowser Browser { get; private set; } = default!;
    protected Uri BaseAddress { get; private set; } = default!;
    protected RoutingEngine Engine => Factory.Services.GetRequiredService<RoutingEngine>();

    /// <summary>Where screenshots are saved: a folder in the test output.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Factory.StartServer();
        BaseAddress = new Uri(Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>A fresh browser context (its own cookies) with a page on the app.</summary>
    protected async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login page and waits until the console has loaded.</summary>
    protected static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.GetByTestId("signed-in-as").WaitForAsync();
    }

    /// <summary>Saves a full-page screenshot as <paramref name="name"/>.png in <see cref="ScreenshotFolder"/>.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Factory.DisposeAsync();
        _database.Dispose();
    }
}
