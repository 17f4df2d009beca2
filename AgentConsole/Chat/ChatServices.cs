using System.Globalization;
using System.Threading.RateLimiting;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Chat.Gaps;
using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Hosting;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Core.Conversations.Ingestion;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentConsole.Chat;

/// <summary>Registers the chat widget's channel: its services, its limits and its cross-origin policy.</summary>
public static class ChatServices
{
    public const string CorsPolicy = "chat-widget";
    public const string MessagesPolicy = "chat-messages";
    public const string SessionsPolicy = "chat-sessions";

    public static IServiceCollection AddChatChannel(this IServiceCollection services)
    {
        services.AddOptions<ChannelOptions>().BindConfiguration(ChannelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ChatSignals>();
        services.AddSingleton<ChatBotInbox>();
        services.AddSingleton<BuiltInChannel>();
        services.AddSingleton<QueueWaitEstimator>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<CustomerChat>(sp, sp.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxTextLength));
        services.AddHostedService<ChatRoutingBridge>();
        // The bot's articles, embedded with the same embedder as the triggers. The library starts from the
        // shipped articles; start-up puts the stored ones (which admins edit) in effect before anyone chats.
        services.AddSingleton(sp => new KnowledgeLibrary(new KnowledgeRetriever(KnowledgeBase.LoadBuiltIn(), sp.GetRequiredService<ITextEmbedder>())));
        services.AddSingleton<KnowledgeArticles>();
        services.AddSingleton(sp => new BotReplies(sp.GetRequiredService<KnowledgeLibrary>()));
        services.AddSingleton<BuiltInBot>();
        services.AddHostedService<BuiltInBotService>();
        // The admins' report of the questions the bot failed on, clustered with the same embedder.
        services.AddSectionOptions<BotGapOptions, BotGapOptionsValidator>(BotGapOptions.Section);
        services.AddSingleton<BotGapReporter>();

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptionsMonitor<ChannelOptions>>((cors, channel) =>
            cors.AddPolicy(CorsPolicy, policy => policy
                .SetIsOriginAllowed(origin => channel.CurrentValue.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
                .WithHeaders("Authorization", "Content-Type", "Accept")
                .WithMethods("GET", "POST")
                .WithExposedHeaders("Retry-After")));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            // Every widget request counts against its IP address; the rest of the app is not limited here.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments(ChatEndpoints.Prefix)
                    ? RateLimitPartition.GetFixedWindowLimiter("ip:" + IpOf(http), _ => Window(Options(http).RequestsPerMinutePerIp, TimeSpan.FromMinutes(1)))
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.AddPolicy(MessagesPolicy, http => RateLimitPartition.GetFixedWindowLimiter("token:" + (ChatAuth.TokenOf(http.Request) ?? IpOf(http)),
                _ => Window(Options(http).MessagesPerMinute, TimeSpan.FromMinutes(1))));
            limiter.AddPolicy(SessionsPolicy, http => RateLimitPartition.GetFixedWindowLimiter("ip:" + IpOf(http),
                _ => Window(Options(http).ConversationsPerHourPerIp, TimeSpan.FromHours(1))));
        });
        return services;
    }

    /// <summary>The widget's endpoints and its public page at <c>/chat</c>.</summary>
    public static WebApplication MapChatChannel(this WebApplication app)
    {
        app.MapChatApi();
        var page = app.Environment.WebRootFileProvider.GetFileInfo("chat/index.html");
        // Routing takes /chat and /chat/ for one path; the page's own files are relative to /chat/.
        app.MapGet("/chat", (HttpRequest request) => !request.Path.Value!.EndsWith('/') ? Results.Redirect("/chat/")
                : page.Exists ? Results.Stream(page.CreateReadStream(), "text/html; charset=utf-8") : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static ChannelOptions Options(HttpContext http) => http.RequestServices.GetRequiredService<IOptionsMonitor<ChannelOptions>>().CurrentValue;

    private static string IpOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"You're sending messages too quickly. Try again in {seconds} s.").ExecuteAsync(http);
    }
}
