using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AgentConsole.Tests.Integration;

/// <summary>
/// Hosts the real app on its own temporary store (<see cref="TempDatabase"/>), with a fake clock. Two factories built on
/// the same <see cref="TempDatabase"/> model a restart.
/// </summary>
public sealed class AgentConsoleFactory(TempDatabase database, bool demoEnabled = true, FakeTimeProvider? clock = null) : WebApplicationFactory<Program>
{
    public const string DemoKey = "test-demo-key-0123456789";

    /// <summary>The instant the fake clock starts at.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = clock ?? new FakeTimeProvider(Start);

    public TempDatabase Database => database;

    /// <summary>The environment the app runs in: Testing unless a test needs Development or Production.</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>Settings a test overrides, on top of the shipped ones.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>What the app logs, from start-up on.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        // A setting read while the services are registered (such as Redis:Connection) must reach the host before its configuration is built.
        builder.UseSetting("Database:Provider", database.Provider);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        // Outside Development the framework's and MudBlazor's static files come only from a publish
        // folder; tests run from the build output, where the static web assets manifest serves them.
        builder.UseStaticWebAssets();
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:AgentConsole"] = database.ConnectionString,
            ["Database:Provider"] = database.Provider,
            ["Demo:Enabled"] = demoEnabled ? "true" : "false",
            ["Demo:ApiKey"] = DemoKey,
            // The demo bot's live traffic would run on the fake clock and muddle what tests count.
            ["Demo:LiveTraffic"] = "false",
            ["Demo:Agents"] = "false",
        }).AddInMemoryCollection(Settings));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // Every test host seeds eight demo logins; full-strength hashing would spend most of the suite's time there.
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000);
            // One MiniLM model and embedding cache for every host in the run, rather than a load and ~1,200 embeddings each.
            services.RemoveAll<ITextEmbedder>();
            services.AddSingleton<ITextEmbedder>(SharedEmbedder.Instance);
            // Whatever the build, the engine checks its memory against the store after each command.
            services.AddSingleton(new AgentConsole.Core.Routing.Engine.RoutingEngineOptions { CheckStateDrift = true });
        });
    }

    /// <summary>
    /// Starts the app on its real server and returns the address it listens on, for clients that
    /// need a socket (hub connections, browsers, other processes). Call <c>UseKestrel(0)</c> first.
    /// </summary>
    public Uri ServerAddress()
    {
        StartServer();
        return new Uri(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>A client that sends the demo integration's key.</summary>
    public HttpClient CreateBotClient(string key = DemoKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A short-lived context on the app's store, for arranging and checking state.</summary>
    public AgentConsoleDbContext CreateDbContext() => Services.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>().CreateDbContext();
}
