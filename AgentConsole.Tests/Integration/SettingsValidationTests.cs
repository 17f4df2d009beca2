using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AgentConsole.Tests.Integration;

/// <summary>A bad value in any bound section stops the app at start-up with a message naming the setting.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Triggers:Sentiment:FrustrationThreshold", "1.5", "Triggers.Sentiment.FrustrationThreshold must be between 0 and 1")]
    [InlineData("Triggers:EscalationThreshold", "0", "Triggers.EscalationThreshold must be between 0.1 and 10")]
    [InlineData("Triggers:Security:Weight", "11", "Triggers.Security.Weight must be between 0 and 10")]
    [InlineData("Triggers:Sentiment:ExtraTerms:ugh", "-9", "'ugh' in Triggers.Sentiment.ExtraTerms must have a valence between -4 and 4")]
    [InlineData("Routing:Aging:NormalToHighMinutes", "-1", "Routing.Aging.NormalToHighMinutes must be between 0 and 10080")]
    [InlineData("Routing:Learning:Weight", "-0.5", "Routing.Learning.Weight must be between 0 and 100")]
    [InlineData("Routing:OnCallReachablePresences:0", "42", "Routing.OnCallReachablePresences holds 42, which is not a known Presence")]
    [InlineData("SlaRisk:QueueWaitWarningMinutes", "20", "SlaRisk.QueueWaitWarningMinutes must be below QueueWaitBreachMinutes")]
    [InlineData("Metrics:Scrape:AllowedNetworks:0", "10.0.0.0/33", "Metrics.Scrape.AllowedNetworks holds 10.0.0.0/33, which is not a network in CIDR notation")]
    [InlineData("Metrics:AutomationLoopMinutes", "0", "Metrics.AutomationLoopMinutes must be between 1 and 1440")]
    [InlineData("Metrics:TimeZone", "Mars/Olympus_Mons", "Metrics.TimeZone must name a time zone")]
    [InlineData("Database:Provider", "Oracle", "Database.Provider must be Sqlite or Postgres")]
    public void ABadValueStopsTheAppWithAMessageNamingIt(string key, string value, string message)
    {
        using var database = new TempDatabase();
        using var factory = new AgentConsoleFactory(database).WithWebHostBuilder(host =>
            host.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value })));

        var error = Assert.Throws<OptionsValidationException>(() => factory.Server);

        Assert.Contains(message, error.Message);
    }
}
