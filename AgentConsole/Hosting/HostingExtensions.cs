using AgentConsole.Cluster;
using AgentConsole.Core.Common;
using System.Text.Json.Serialization;
using AgentConsole.Api;
using AgentConsole.Api.Contracts;
using AgentConsole.Auth;
using AgentConsole.Chat;
using AgentConsole.Delivery;
using AgentConsole.Demo;
using AgentConsole.Hubs;
using AgentConsole.Security;
using AgentConsole.Components;
using AgentConsole.Components.Pages.Admin.Audit;
using AgentConsole.Components.Pages.Staffing;
using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data;
using AgentConsole.Core.Data.Seeding;
using AgentConsole.Core.Integrations;
using AgentConsole.Core.Identity;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace AgentConsole.Hosting;

/// <summary>Wires the host: configuration, services, start-up and endpoints.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// The data-protection application name: apps that share it and the store's keys read each other's
    /// cookies and tokens, wherever their files are (by default the name is the content root's path).
    /// </summary>
    public const string DataProtectionApplication = "AgentConsole";

    /// <summary>Registers everything the console needs.</summary>
    public static IHostApplicationBuilder AddAgentConsoleServices(this IHostApplicationBuilder builder)
    {
        var root = RootConfiguration.Locate();
        builder.UseRootSettings(root);

        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Read the provider and connection string when the factory is first used, not now, so that
        // overrides added after this point (tests, environment variables) are honoured.
        builder.Services.AddSingleton<SqliteWriteGate>();
        builder.Services.AddDbContextFactory<AgentConsoleDbContext>((services, options) =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var provider = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
            var connectionString = configuration.GetConnectionString("AgentConsole")
                ?? throw new InvalidOperationException("ConnectionStrings:AgentConsole is not set.");
            StoreConfiguration.Configure(options, provider, connectionString, configuration[RootConfiguration.HostRootKey] ?? root,
                services.GetRequiredService<SqliteWriteGate>());
        });

        // The keys that sign and encrypt the sign-in cookie, antiforgery tokens and circuit state live in
        // the store: a cookie one app on the store issued is good on every other, and after a restart.
        builder.Services.AddDataProtection().SetApplicationName(DataProtectionApplication).PersistKeysToDbContext<AgentConsoleDbContext>();

        builder.Services.AddSingleton<TimeProvider>(MicrosecondClock.Instance);
        builder.Services.AddSingleton<ConversationIngestor>();
        builder.Services.AddSingleton<ConversationQueries>();
        builder.Services.AddSingleton<DemoDataSeeder>();
        builder.Services.AddSingleton<IntegrationKeyStore>();
        builder.Services.AddConsoleQueries();
        builder.Services.AddTriggers();
        builder.AddAdminServices();
        builder.Services.AddCaseRouting(builder.Configuration["Redis:Connection"]);
        builder.Services.AddRoutingCluster();
        builder.Services.AddBoardServices();
        builder.Services.AddStaffing();
        builder.Services.AddHostedService<DemoCustomers>();
        builder.Services.AddHostedService<DemoAgents>();
        builder.Services.AddChatChannel();
        builder.Services.AddDelivery();
        builder.Services.AddPrivacy();
        builder.AddHeapDiagnostics();
        builder.AddOperationsTelemetry();

        // Pages and circuits authenticate with the console's cookie; the bot API and the hub name their schemes.
        var authentication = builder.Services.AddAuthentication(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddConsoleAuthentication(authentication);
        builder.Services.AddConsoleIdentity(authentication);
        builder.Services.AddSignInThrottle();
        builder.AddSecurityHeaders();
        builder.Services.AddSingleton<AgentLogins>();
        builder.Services.AddSingleton<DemoUsers>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddMudServices();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(IngestionEndpoints.BotPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.IntegrationIdClaim));

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // Numbers are JSON numbers, as the bot API's contracts read them, so the OpenAPI document says so.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.AddOpenApi(o => o.AddSchemaTransformer(ContractSchemas.TransformAsync));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // Last, after every registration of SignalR's own JSON protocol.
        builder.Services.GuardJsonHubProtocol();
        return builder;
    }

    /// <summary>Applies migrations, seeds and loads the stored examples and articles, and the demo settings before the app serves anything.</summary>
    public static async Task InitializeAsync(this WebApplication app)
    {
        var timeline = app.Services.GetRequiredService<StartupTimeline>();
        timeline.Mark("the host is built");
        app.Lifetime.ApplicationStarted.Register(() => timeline.Mark("the app listens"));
        await timeline.StepAsync("migrations", () => DatabaseInitializer.MigrateAsync(app.Services.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>()));
        // The key ring is read (and, on a new store, its first key written) now, not by whichever request comes first.
        await timeline.StepAsync("the data-protection keys", () =>
        {
            app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(DataProtectionApplication).Protect([1]);
            return Task.CompletedTask;
        });
        app.LoadStoredSettings();
        // What the model embeds while the app starts is kept for the next start (and read from the last one's).
        using (app.Services.GetRequiredService<ITextEmbedder>() is StoredEmbeddings stored ? stored.Record() : null)
        {
            await timeline.StepAsync("the classifier's examples", () => app.Services.GetRequiredService<CategoryExampleStore>().InitializeAsync());
            await timeline.StepAsync("the knowledge articles", () => app.Services.GetRequiredService<KnowledgeArticles>().InitializeAsync());
        }
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.Enabled && !app.Environment.IsDevelopment())
            app.Logger.LogWarning("Demo mode is on in the {Environment} environment: the demo logins and the demo bot's API key are published in the README. Set Demo:Enabled to false before real users sign in.",
                app.Environment.EnvironmentName);
        await timeline.StepAsync("the demo data", async () =>
        {
            await app.Services.GetRequiredService<DemoDataSeeder>().ApplyAsync(demo.Enabled, demo.ApiKey);
            await app.Services.GetRequiredService<DemoUsers>().ApplyAsync(demo.Enabled);
        });
        app.Services.GetRequiredService<IntegrationKeyStore>().Invalidate();
    }

    /// <summary>The middleware and endpoints.</summary>
    public static WebApplication MapAgentConsole(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapIngestionApi();
        app.MapEventFeedApi();
        app.MapChatChannel();
        app.MapConsoleApi();
        app.MapTestLogin();
        app.MapHeapDiagnostics();
        app.MapOperationsTelemetry();
        app.MapHub<AgentHub>(AgentHub.Path);
        app.MapGet("/healthz", async (StoreHealth store, CancellationToken cancellationToken) =>
            await store.CanConnectAsync(cancellationToken) ? Results.Ok(new { status = "ok" }) : Results.Problem(statusCode: 503, title: "Database unavailable"))
            .ExcludeFromDescription();
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapAuditExport();
        app.MapStaffingExport();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
