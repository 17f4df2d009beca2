using System.Text.Json;
using AgentConsole.Api;
using AgentConsole.Cluster;
using AgentConsole.Components.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace AgentConsole.Tests.Integration.Cluster;

/// <summary>A command that cannot reach the desk's grain (its node died, another is taking over) is a 503 to try again, not a fault.</summary>
public sealed class RoutingAvailabilityTests
{
    public static TheoryData<Exception> Unreachable =>
        new(new SiloUnavailableException(), new TimeoutException("no answer"), new AgentConsole.Core.Routing.Engine.DeskFencedException("another activation writes the desk now"));

    [Theory]
    [MemberData(nameof(Unreachable))]
    public async Task TheApiAnswers503WithRetryAfterAndTheConsoleSaysToTryAgain(Exception unreachable)
    {
        using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
        context.Request.Headers.Accept = "application/json";

        var handled = await new DomainExceptionHandler(services.GetRequiredService<IProblemDetailsService>()).TryHandleAsync(context, unreachable, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(RoutingAvailability.Message, problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(RoutingAvailability.Message, ActionErrors.Describe(unreachable));
    }

    [Fact]
    public async Task AFaultIsLeftToTheErrorHandler()
    {
        using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        var fault = new InvalidOperationException("a bug");

        Assert.False(await new DomainExceptionHandler(services.GetRequiredService<IProblemDetailsService>()).TryHandleAsync(context, fault, CancellationToken.None));
        Assert.Null(ActionErrors.Describe(fault));
    }
}
