using AgentConsole.Core.Metrics;
using AgentConsole.Core.Metrics.Facts;
using AgentConsole.Core.Routing;
using Microsoft.Extensions.Options;

namespace AgentConsole.Hosting;

/// <summary>Registers what the team board, the supervisor dashboard and the history metrics need beside the routing engine.</summary>
public static class BoardServices
{
    public static IServiceCollection AddBoardServices(this IServiceCollection services)
    {
        services.AddSectionOptions<SlaRiskOptions, SlaRiskOptionsValidator>(SlaRiskOptions.Section);
        services.AddSingleton<AgentEditor>();
        services.AddSingleton<AgentConsole.Core.Schedules.RotationAdmin>();
        services.AddSingleton<AgentConsole.Core.Schedules.ScheduleQuery>();
        services.AddSingleton<AgentConsole.Core.Schedules.TeamHoursAdmin>();
        services.AddSingleton<TeamBoardQueries>();
        services.AddSingleton<DashboardQueries>();
        services.AddSectionOptions<MetricsOptions, MetricsOptionsValidator>(MetricsOptions.Section);
        services.AddSingleton<FactsCatchUp>();
        services.AddHostedService<FactsCatchUpService>();
        services.AddSingleton<HistoryMetrics>();
        services.AddSingleton<HotspotMetrics>();
        services.AddSingleton<RoutingAccuracyQuery>();
        services.AddSingleton<ContextUseQuery>();
        return services;
    }
}

/// <summary>
/// Brings the history's fact rows and day rollups up to date every <c>Metrics:FactsCatchUpSeconds</c>, so a
/// dashboard read finds little to redo; while the rollups are being built (a new store, or a new time zone or
/// reopen window), it takes build steps one after another, each its own short write transaction.
/// </summary>
public sealed class FactsCatchUpService(FactsCatchUp facts, IOptions<MetricsOptions> options, TimeProvider time, ILogger<FactsCatchUpService> logger)
    : TimedJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.FactsCatchUpSeconds);

    protected override string Name => "history facts catch-up";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        while (await facts.RunAsync(cancellationToken) && await facts.RollupsPendingAsync(cancellationToken))
        {
        }
    }
}
