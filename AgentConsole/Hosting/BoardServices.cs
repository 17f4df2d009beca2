using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;

namespace AgentConsole.Hosting;

/// <summary>Registers what the team board and the supervisor dashboard need beside the routing engine.</summary>
public static class BoardServices
{
    public static IServiceCollection AddBoardServices(this IServiceCollection services)
    {
        services.AddSectionOptions<SlaRiskOptions, SlaRiskOptionsValidator>(SlaRiskOptions.Section);
        services.AddSingleton<AgentEditor>();
        services.AddSingleton<TeamBoardQueries>();
        services.AddSingleton<DashboardQueries>();
        return services;
    }
}
