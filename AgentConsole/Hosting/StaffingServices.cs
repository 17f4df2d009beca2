using AgentConsole.Core.Staffing;
using AgentConsole.Core.Staffing.Simulation;

namespace AgentConsole.Hosting;

/// <summary>Registers the staffing forecast, the rosters and the what-if simulator (the <c>Staffing</c> section).</summary>
public static class StaffingServices
{
    public static IServiceCollection AddStaffing(this IServiceCollection services)
    {
        services.AddSectionOptions<StaffingOptions, StaffingOptionsValidator>(StaffingOptions.Section);
        services.AddSingleton<Rosters>();
        services.AddSingleton<StaffingForecast>();
        services.AddSingleton<StaffingSimulation>();
        return services;
    }
}
