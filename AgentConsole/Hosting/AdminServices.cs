using AgentConsole.Core.Audit;
using AgentConsole.Core.Identity;
using AgentConsole.Core.Integrations;
using AgentConsole.Core.Settings;
using AgentConsole.Core.Triggers.Tuning;

namespace AgentConsole.Hosting;

/// <summary>Registers the admin area: stored trigger settings, trigger tuning, integrations and API keys, users and roles, the audit log.</summary>
public static class AdminServices
{
    /// <summary>
    /// Adds the stored settings as a configuration source right after the root
    /// <c>appsettings*.json</c>, and the admin services. Call after the root settings are in place.
    /// </summary>
    public static IHostApplicationBuilder AddAdminServices(this IHostApplicationBuilder builder)
    {
        var storedSettings = new StoredSettingsConfigurationProvider();
        builder.Configuration.AddStoredSettings(storedSettings);
        builder.Services.AddSingleton(storedSettings);
        builder.Services.AddSingleton<SettingsStore>();
        builder.Services.AddSingleton<StoredSettingsService>();

        // Trigger tuning: precision from the agents' flags, suggestions an admin decides, and their replay.
        builder.Services.AddSectionOptions<TuningOptions, TuningOptionsValidator>(TuningOptions.Section);
        builder.Services.AddSingleton<ITriggerSettingsEditor>(sp => sp.GetRequiredService<StoredSettingsService>());
        builder.Services.AddSingleton<TriggerPrecisionQuery>();
        builder.Services.AddSingleton<TuningAdvisor>();
        builder.Services.AddSingleton<TuningReplay>();
        builder.Services.AddSingleton<TuningSuggestions>();

        builder.Services.AddSingleton<IntegrationAdmin>();
        builder.Services.AddSingleton<UserAdmin>();
        builder.Services.AddSingleton<AuditLog>();
        return builder;
    }

    /// <summary>
    /// Connects the stored settings to the store and loads them. Call once the migrations have run:
    /// before then the settings table may not exist.
    /// </summary>
    public static void LoadStoredSettings(this IHost app)
    {
        var provider = app.Services.GetRequiredService<StoredSettingsConfigurationProvider>();
        provider.Connect(app.Services.GetRequiredService<SettingsStore>().ReadAll);
        provider.Refresh();
    }
}
