using AgentConsole.Core.Privacy;
using Microsoft.Extensions.Options;

namespace AgentConsole.Hosting;

/// <summary>Registers erasure, the admin's privacy operations and the retention job.</summary>
public static class PrivacyServices
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddSectionOptions<RetentionOptions, RetentionOptionsValidator>(RetentionOptions.Section);
        services.AddSingleton<CustomerErasure>();
        services.AddSingleton<PrivacyAdmin>();
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService<RetentionService>();
        return services;
    }
}

/// <summary>Runs the retention sweep on a timer from the injected clock, while <c>Retention:Days</c> is set.</summary>
public sealed class RetentionService(RetentionSweeper sweeper, IOptionsMonitor<RetentionOptions> options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.CurrentValue.CheckIntervalMinutes), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var anonymised = await sweeper.SweepAsync(stoppingToken);
                if (anonymised > 0) logger.LogInformation("Retention anonymised {Count} conversations older than {Days} days", anonymised, options.CurrentValue.Days);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The retention sweep failed; it will run again at the next tick.");
            }
        }
    }
}
