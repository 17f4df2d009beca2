using System.Net;
using AgentConsole.Core.Delivery;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace AgentConsole.Delivery;

/// <summary>
/// Registers delivery to external bots: the outbox's options and services, the webhook HTTP client
/// with its resilience handler, and the hosted dispatcher.
/// </summary>
public static class DeliveryServices
{
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DeliveryOptions>>().Value);
        services.AddSingleton<OutboxSignal>();
        // The routing engine takes it (an optional parameter) and writes bots' rows in each command's transaction.
        services.AddSingleton<OutboxProjector>();
        services.AddSingleton<ConversationEventFeed>();
        services.AddSingleton<AgentTypingRelay>();
        services.AddSingleton<DeliveryAdmin>();

        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            // A webhook goes where the admin pointed it: a redirect elsewhere is a failure, not a new destination.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .AddResilienceHandler("webhook", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<DeliveryOptions>>().Value;
                // Quick retries of a failed try (5xx, 408, 429, a connection error or a timeout), exponential from one second, with jitter.
                if (options.QuickRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.QuickRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromSeconds(1),
                        MaxDelay = options.MaxBackoff,
                    });
                }
                // Each try has its own timeout (inside the retries).
                pipeline.AddTimeout(options.Timeout);
            });
        services.AddSingleton(sp =>
        {
            var clients = sp.GetRequiredService<IHttpClientFactory>();
            return new WebhookSender(() => clients.CreateClient(WebhookSender.ClientName), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService<WebhookDeliveryService>();
        return services;
    }
}

/// <summary>Runs the webhook dispatcher with the host: it starts after migrations and carries on from what the outbox holds.</summary>
public sealed class WebhookDeliveryService(WebhookDispatcher dispatcher) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await dispatcher.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
