using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration;

public sealed class TriggerServicesTests
{
    [Fact]
    public void TheAppRegistersOneEmbedderForItsLifetime()
    {
        var services = new ServiceCollection().AddTriggers();

        var embedder = Assert.Single(services, d => d.ServiceType == typeof(ITextEmbedder));
        Assert.Equal(ServiceLifetime.Singleton, embedder.Lifetime);
        Assert.NotNull(embedder.ImplementationFactory);
    }

    [Fact]
    public void EveryTestHostSharesTheSuitesEmbedder()
    {
        using var database = new TempDatabase();
        using var factory = new AgentConsoleFactory(database);

        Assert.Same(SharedEmbedder.Instance, factory.Services.GetRequiredService<ITextEmbedder>());
    }
}
