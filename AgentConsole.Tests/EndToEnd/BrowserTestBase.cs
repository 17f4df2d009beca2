using System.Net.Http.Json;
using System.Text.Json;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;
using AgentConsole.Tests.Integration;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
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
    protected IRoutingDesk Engine => Factory.Services.GetRequiredService<IRoutingDesk>();

    /// <summary>Where screenshots are saved: a folder in the test output.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        BaseAddress = Factory.ServerAddress();
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>A fresh browser context (its own cookies) with a page on the app.</summary>
    protected async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        // Generous waits: on a shared two-core machine a page load or a circuit's render can take
        // many seconds, and a wait that passes returns as soon as its condition holds.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login page and waits until the console has loaded and is interactive.</summary>
    protected static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.GetByTestId("signed-in-as").WaitForAsync();
        await WaitUntilInteractiveAsync(page);
    }

    /// <summary>Opens a console page and waits until it is interactive (see <see cref="WaitUntilInteractiveAsync"/>).</summary>
    protected static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitUntilInteractiveAsync(page);
    }

    /// <summary>
    /// Waits until the page renders over its Blazor circuit. Until then the browser shows the
    /// prerendered HTML: its controls do nothing, and the circuit's first render replaces it, often
    /// with a loading state. Once the layout says it is interactive, what a test waits for next (a
    /// row, a card) is the live page's own data.
    /// </summary>
    protected static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>Saves a full-page screenshot as <paramref name="name"/>.png in <see cref="ScreenshotFolder"/>.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    protected const string Priya = "priya.raman@agentconsole.demo";
    protected const string Marcus = "marcus.okafor@agentconsole.demo";
    protected const string Escalating = "The amount on my invoice is wrong and the bot can't fix it. Can I talk to a person please?";

    /// <summary>
    /// Marcus, the other billing agent, goes Offline, so Priya is the only one free; she signs in and
    /// opens her queue. Returns her page.
    /// </summary>
    protected async Task<IPage> PriyasQueueWithMarcusOfflineAsync()
    {
        await Engine.SetPresenceAsync(await AgentIdAsync(Marcus), Presence.Offline, RoutingActor.ForSupervisor());
        var page = await NewPageAsync();
        await SignInAsync(page, Priya, DemoUsers.AgentPassword);
        await OpenAsync(page, "/queue");
        await Assertions.Expect(page.GetByTestId("presence")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// Clicks <paramref name="button"/> and waits for what it opens. One click: the page is
    /// interactive by then (<see cref="OpenAsync"/>), and a second click would land on the opened
    /// dialog's overlay, or close a panel again.
    /// </summary>
    protected static async Task ClickToOpenAsync(ILocator button, ILocator opens)
    {
        await button.ClickAsync();
        await opens.WaitForAsync();
    }

    /// <summary>
    /// Closes an open MudBlazor dialog as a keyboard user does: with focus inside it, Escape. The
    /// dialog's keyboard handler is connected over the circuit just after the dialog first shows, so
    /// on a loaded machine a key pressed before then goes unheard: the key is pressed again, with focus
    /// put back inside, until the dialog has gone (each attempt waits for that, never for a set time).
    /// </summary>
    protected static async Task CloseWithEscapeAsync(IPage page, ILocator dialog)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            await dialog.EvaluateAsync("d => { if (!d.contains(document.activeElement)) (d.querySelector('input, textarea, button') ?? d).focus(); }");
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await Assertions.Expect(dialog).ToHaveCountAsync(0, new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < attempts)
            {
            }
        }
    }

    // MudBlazor puts a text field's attributes on the input itself; accept either place.
    protected static ILocator Field(IPage page, string testId) =>
        page.Locator($"textarea[data-testid={testId}], input[data-testid={testId}], [data-testid={testId}] textarea, [data-testid={testId}] input").First;

    /// <summary>Posts <see cref="Escalating"/> from Sarah Chen as the demo bot; returns the case it opened, once routing has seen it.</summary>
    protected async Task<long> PostEscalationAsync(string conversation)
    {
        using var bot = new HttpClient { BaseAddress = BaseAddress };
        bot.DefaultRequestHeaders.Add("X-Api-Key", AgentConsoleFactory.DemoKey);
        var at = Factory.Clock.GetUtcNow().ToString("O");
        using var response = await bot.PostAsJsonAsync($"/api/v1/conversations/{conversation}/events", new
        {
            customer = new { externalId = "demo-sarah-chen" },
            events = new[] { new { id = "e1", type = "customer.message", at, text = Escalating } },
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var caseId = body.GetProperty("escalation").GetProperty("id").GetInt64();
        await Engine.FlushAsync();
        return caseId;
    }

    protected async Task<Guid> AgentIdAsync(string email)
    {
        await using var db = Factory.CreateDbContext();
        return await db.Agents.Where(a => a.Email == email).Select(a => a.Id).SingleAsync();
    }

    protected async Task<Guid> TeamIdAsync(Guid agentId)
    {
        await using var db = Factory.CreateDbContext();
        return await db.Agents.Where(a => a.Id == agentId).Select(a => a.TeamId).SingleAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Factory.DisposeAsync();
        _database.Dispose();
    }
}
