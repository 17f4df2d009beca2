using System.Net;
using AgentConsole.Hosting;

namespace AgentConsole.Tests.Integration.Operations;

/// <summary>Which callers the scraping endpoint lets in, by address.</summary>
public sealed class ScrapeNetworkTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("192.0.2.10", false)]
    public void LetsOnlyAllowedNetworksScrape(string caller, bool allowed)
    {
        // Arrange: the shipped settings.
        IPNetwork[] networks = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

        // Act
        var may = OperationsTelemetry.MayScrape(IPAddress.Parse(caller), networks);

        // Assert
        Assert.Equal(allowed, may);
    }
}
