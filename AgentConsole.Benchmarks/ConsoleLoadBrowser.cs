using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace AgentConsole.Benchmarks;

/// <summary>When a case's offer card first appeared on a console: wall-clock milliseconds since the Unix epoch, from the page.</summary>
public readonly record struct CardArrival(double UnixMs, int Console);

/// <summary>Every offer card the consoles showed, first appearance per case, and the accepts that followed.</summary>
public sealed class ConsoleLoadCards
{
    private readonly ConcurrentDictionary<long, CardArrival> _first = new();
    private int _shown, _accepted, _acceptFailed;

    /// <summary>Cards shown in all, a case shown again (a re-offer, or the page re-rendered from scratch) counted each time.</summary>
    public int Shown => Volatile.Read(ref _shown);
    public int Accepted => Volatile.Read(ref _accepted);
    public int AcceptFailed => Volatile.Read(ref _acceptFailed);
    public int Cases => _first.Count;

    public bool TryGet(long caseId, out CardArrival arrival) => _first.TryGetValue(caseId, out arrival);

    /// <summary>Records a card; true the first time the case shows anywhere.</summary>
    internal bool Seen(long caseId, CardArrival arrival)
    {
        Interlocked.Increment(ref _shown);
        return _first.TryAdd(caseId, arrival);
    }

    internal void AcceptDone(bool ok) => Interlocked.Increment(ref ok ? ref _accepted : ref _acceptFailed);
}

/// <summary>
/// Agents' consoles in real Chromium pages (Playwright with the machine's Chromium; nothing is
/// downloaded): each agent gets a browser context of their own, signs in through the console's
/// sign-in form and lands on My queue. A script in every page reports each offer card the moment
/// it enters the page, with the page's own wall clock, and the agent accepts it after a short,
/// human-ish pause by clicking Accept.
/// </summary>
public sealed class ConsoleLoadBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    // Runs before the page's own scripts on every load; a card's id is reported once per page.
    private const string CardWatcher = """
        (() => {
          const seen = new Set();
          const scan = () => {
            for (const card of document.querySelectorAll('[data-testid=offer][data-case-id]')) {
              const id = card.getAttribute('data-case-id');
              if (seen.has(id)) continue;
              seen.add(id);
              window.offerCardShown(id, performance.timeOrigin + performance.now());
            }
          };
          new MutationObserver(records => { if (records.some(r => r.addedNodes.length > 0)) scan(); })
            .observe(document, { childList: true, subtree: true });
        })();
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _baseAddress;
    private readonly ConsoleLoadCards _cards;
    private readonly CancellationToken _stopping;
    private readonly ConcurrentBag<IBrowserContext> _contexts = [];
    private readonly ConcurrentDictionary<int, IPage> _pages = new();

    private ConsoleLoadBrowser(IPlaywright playwright, IBrowser browser, Uri baseAddress, ConsoleLoadCards cards, CancellationToken stopping)
    {
        _playwright = playwright;
        _browser = browser;
        _baseAddress = baseAddress;
        _cards = cards;
        _stopping = stopping;
    }

    /// <summary>Consoles open on My queue.</summary>
    public int Open => _pages.Count;

    public static async Task<ConsoleLoadBrowser> LaunchAsync(Uri baseAddress, ConsoleLoadCards cards, CancellationToken stopping)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
            return new ConsoleLoadBrowser(playwright, browser, baseAddress, cards, stopping);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Signs in the agents numbered <paramref name="from"/> up to <paramref name="to"/> (exclusive), <paramref name="parallel"/> at a time.</summary>
    public Task OpenAsync(IReadOnlyList<ConsoleLoadAgent> agents, int from, int to, int parallel, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (i, _) => _pages[i] = await SignInAsync(agents[i], i));

    private async Task<IPage> SignInAsync(ConsoleLoadAgent agent, int index)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        _contexts.Add(context);
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.ExposeFunctionAsync<string, double, bool>("offerCardShown", (id, unixMs) => Shown(page, long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), unixMs, index));
        await page.AddInitScriptAsync(CardWatcher);
        await page.GotoAsync("account/login?ReturnUrl=%2Fqueue");
        await page.Locator("input[name='Input.Email']").FillAsync(agent.Email);
        await page.Locator("input[name='Input.Password']").FillAsync(ConsoleLoadStore.Password);
        await page.Locator("form button[type=submit]").First.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/queue", StringComparison.Ordinal));
        await page.GetByTestId("presence").WaitForAsync();
        return page;
    }

    private bool Shown(IPage page, long caseId, double unixMs, int index)
    {
        var first = _cards.Seen(caseId, new CardArrival(unixMs, index));
        if (first) _ = AcceptAsync(page, caseId);
        return first;
    }

    private async Task AcceptAsync(IPage page, long caseId)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(300, 1_500)), _stopping);
            await page.Locator($"[data-testid=offer][data-case-id='{caseId}'] [data-testid=accept]").ClickAsync(new LocatorClickOptions { Timeout = 20_000 });
            _cards.AcceptDone(ok: true);
        }
        catch (OperationCanceledException) { }
        catch (PlaywrightException)
        {
            _cards.AcceptDone(ok: false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            try { await context.CloseAsync(); }
            catch (PlaywrightException) { }
        }
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
