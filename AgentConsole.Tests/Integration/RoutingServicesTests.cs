using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration;

public sealed class RoutingServicesTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void TheEnginesDriftCheckIsSetByConfiguration(string value, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RoutingEngine:CheckStateDrift"] = value }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCaseRouting().BuildServiceProvider();

        Assert.Equal(expected, provider.GetRequiredService<RoutingEngineOptions>().CheckStateDrift);
    }

    [Fact]
    public void UnsetTheEnginesDriftCheckKeepsTheBuildsDefault()
    {
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddCaseRouting().BuildServiceProvider();

        Assert.Equal(new RoutingEngineOptions().CheckStateDrift, provider.GetRequiredService<RoutingEngineOptions>().CheckStateDrift);
    }
}
