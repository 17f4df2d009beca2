using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;

namespace AgentConsole.Hosting;

/// <summary>Registers what the team board, the supervisor dashboard and the history metrics need beside the routing engine.</summary>
public static class BoardServices
{
    public static IServiceCollection AddBoardServices(this IServiceCollection services)
    {
        services.AddSectionOptions<SlaRiskOptions, SlaRiskOptionsValidator>(SlaRiskOptions.Section);
        services.AddSingleton<AgentEditor>();
        services.AddSingleton<TeamBoardQueries>();
        services.AddSingleton<DashboardQueries>();
        services.AddSectionOptions<MetricsOptions, MetricsOptionsValidator>(MetricsOptions.Section);
        services.AddSingleton<HistoryMetrics>();
        services.AddSingleton<HotspotMetrics>();
        services.AddSingleton<RoutingAccuracyQuery>();
        services.AddSingleton<ContextUseQuery>();
        return services;
    }
}
