using System.Net;
using System.Text.Json.Nodes;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AgentConsole.Tests.Integration.Operations;

/// <summary>
/// Instruments are found by meter name across the process, so tests that count them run alone:
/// another host's traffic would add to the counts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Operations telemetry";
}

/// <summary>The Prometheus endpoint: what it exposes after real bot traffic, and whom it answers.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsScrapeTests : ApiTestBase
{
    private const string Hacked = "Someone logged into my account from another country and changed my email";
    private static readonly IPAddress Elsewhere = IPAddress.Parse("192.0.2.10");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task CountsAnEscalationByItsReasonAndTimesTheBatchThatOpenedIt()
    {
        // Arrange
        var body = Batch(CustomerMessage("e1", Hacked, 1));
        body["customer"] = new JsonObject { ["externalId"] = "cus-metrics", ["name"] = "Dana Ortiz", ["tier"] = "Business" };

        // Act
        using var response = await PostEventsAsync("conv-metrics", body);
        using var retry = await PostEventsAsync("conv-metrics", body);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        IReadOnlyList<PrometheusSample> samples = [];
        // The only security agent in the demo data is away: the case waits in the queue for any team.
        await Eventually.HoldsAsync(async () =>
        {
            samples = PrometheusText.Parse(await ScrapeAsync(Factory, IPAddress.Loopback));
            return samples.Matching("agentconsole_queue_depth", ("team", "any"), ("skill", "Security")).Sum(s => s.Value) == 1
                && samples.Matching("agentconsole_routing_command_duration_milliseconds_count", ("command", "CaseOpened"), ("outcome", "ok")).Any();
        }, Patience, "the scrape shows the queued security case and the engine's command for it");

        var escalation = Assert.Single(samples.Matching("agentconsole_escalations_total"));
        Assert.Equal("SecurityCompliance", escalation.Labels["reason"]);
        Assert.Equal("ingest", escalation.Labels["source"]);
        Assert.Equal(1, escalation.Value);
        Assert.Equal(1, Assert.Single(samples.Matching("agentconsole_conversations_started_total")).Value);
        Assert.Equal(1, Assert.Single(samples.Matching("agentconsole_ingest_events_total", ("outcome", "stored"))).Value);
        Assert.Equal(1, Assert.Single(samples.Matching("agentconsole_ingest_events_total", ("outcome", "duplicate"))).Value);
        Assert.Equal(2, Assert.Single(samples.Matching("agentconsole_ingest_duration_milliseconds_count", ("outcome", "stored"))).Value);
        Assert.Equal(2, samples.Matching("agentconsole_ingest_duration_milliseconds_bucket", ("outcome", "stored"), ("le", "+Inf")).Single().Value);
        Assert.Equal(1, samples.Matching("agentconsole_routing_command_duration_milliseconds_count", ("command", "CaseOpened"), ("outcome", "ok")).Single().Value);
    }

    [Fact]
    public async Task CountsTheOffersTheEngineMakesAtStartUp()
    {
        // Act: the demo's billing case is offered to Marcus as the engine starts.
        IReadOnlyList<PrometheusSample> samples = [];
        await Eventually.HoldsAsync(async () =>
        {
            samples = PrometheusText.Parse(await ScrapeAsync(Factory, IPAddress.Loopback));
            return samples.Matching("agentconsole_offers_total", ("outcome", "made")).Any();
        }, Patience, "the start-up offer is counted");

        // Assert
        Assert.True(samples.Matching("agentconsole_offers_total", ("outcome", "made")).Single().Value >= 1);
        Assert.Contains(samples, s => s.Name == "agentconsole_agents_online" && s.Labels["team"] == "Billing & Accounts" && s.Labels["presence"] == "Available");
    }

    [Fact]
    public async Task RefusesAScrapeFromOutsideTheAllowedNetworks()
    {
        // Act: the shipped settings allow loopback only.
        var status = await ScrapeStatusAsync(Factory, Elsewhere);

        // Assert
        Assert.Equal(StatusCodes.Status403Forbidden, status);
    }

    [Fact]
    public async Task RefusesACallerWithoutAnAddress()
    {
        // Act
        var status = await ScrapeStatusAsync(Factory, caller: null);

        // Assert
        Assert.Equal(StatusCodes.Status403Forbidden, status);
    }

    [Fact]
    public async Task AnswersAScrapeFromAConfiguredNetworkInPlaceOfLoopback()
    {
        // Arrange: the scraper's network replaces the shipped loopback entry.
        await using var factory = Factory.WithWebHostBuilder(b => b.UseSetting("Metrics:Scrape:AllowedNetworks:0", "192.0.2.0/24"));

        // Act
        var fromScraper = await ScrapeStatusAsync(factory, Elsewhere);
        var fromLoopback = await ScrapeStatusAsync(factory, IPAddress.Loopback);

        // Assert
        Assert.Equal(StatusCodes.Status200OK, fromScraper);
        Assert.Equal(StatusCodes.Status403Forbidden, fromLoopback);
    }

    // The test server leaves the caller's address empty: set it, as Kestrel would.
    private static async Task<HttpContext> SendAsync(WebApplicationFactory<Program> factory, IPAddress? caller) =>
        await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = OperationsTelemetry.MetricsPath;
            c.Connection.RemoteIpAddress = caller;
        });

    private static async Task<int> ScrapeStatusAsync(WebApplicationFactory<Program> factory, IPAddress? caller) =>
        (await SendAsync(factory, caller)).Response.StatusCode;

    private static async Task<string> ScrapeAsync(WebApplicationFactory<Program> factory, IPAddress caller)
    {
        var context = await SendAsync(factory, caller);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        using var reader = new StreamReader(context.Response.Body);
        return await reader.ReadToEndAsync();
    }
}
