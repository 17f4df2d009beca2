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
public sealed class RetentionService(RetentionSweeper sweeper, IOptionsMonitor<RetentionOptions> options, TimeProvider time, ILogger<RetentionService> logger)
    : TimedJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.CurrentValue.CheckIntervalMinutes);

    protected override string Name => "retention sweep";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var anonymised = await sweeper.SweepAsync(cancellationToken);
        if (anonymised > 0) logger.LogInformation("Retention anonymised {Count} conversations older than {Days} days", anonymised, options.CurrentValue.Days);
    }
}
