using System.Net;
using System.Text.Json;
using AgentConsole.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AgentConsole.Tests.Integration;

/// <summary>The heap report that <c>console-load</c> reads: off unless switched on, and then only for loopback callers.</summary>
public sealed class HeapDiagnosticsTests : ApiTestBase
{
    [Fact]
    public async Task TheHeapReportDoesNotExistUnlessSwitchedOn()
    {
        // Act
        var response = await GetAsync(Factory, IPAddress.Loopback);

        // Assert
        Assert.Equal(StatusCodes.Status404NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SwitchedOnItReportsTheLiveHeapToALoopbackCaller()
    {
        // Arrange
        await using var factory = SwitchedOn();

        // Act
        var response = await GetAsync(factory, IPAddress.Loopback);

        // Assert
        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        var report = await JsonSerializer.DeserializeAsync<HeapReport>(response.Body, JsonSerializerOptions.Web);
        Assert.NotNull(report);
        Assert.InRange(report.HeapBytes, 1_000_000, long.MaxValue);
        Assert.Equal(0, report.Circuits);
    }

    [Fact]
    public async Task SwitchedOnItStillHidesFromAnotherMachine()
    {
        // Arrange
        await using var factory = SwitchedOn();

        // Act
        var response = await GetAsync(factory, IPAddress.Parse("192.0.2.10"));

        // Assert
        Assert.Equal(StatusCodes.Status404NotFound, response.StatusCode);
    }

    private WebApplicationFactory<Program> SwitchedOn() =>
        Factory.WithWebHostBuilder(b => b.UseSetting($"{DiagnosticsOptions.Section}:{nameof(DiagnosticsOptions.HeapEndpoint)}", "true"));

    // The test server leaves the caller's address empty: set it, as Kestrel would.
    private static async Task<HttpResponse> GetAsync(WebApplicationFactory<Program> factory, IPAddress caller)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = HeapDiagnostics.Path;
            c.Connection.RemoteIpAddress = caller;
        });
        return context.Response;
    }
}
