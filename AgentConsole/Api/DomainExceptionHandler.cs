using AgentConsole.Cluster;
using AgentConsole.Core.Common;
using AgentConsole.Core.Routing.Engine;
using Microsoft.AspNetCore.Diagnostics;

namespace AgentConsole.Api;

/// <summary>
/// Answers a refused domain operation with problem details; nothing was stored. A broken rule is
/// 409, something that does not exist 404, and an action the user's role does not allow 403.
/// A command that could not reach the desk's grain (its node died, and another is taking it over)
/// is 503 with Retry-After: nothing was stored, and the same request succeeds in a few seconds.
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            RoutingNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            RoutingForbiddenException => (StatusCodes.Status403Forbidden, "Forbidden"),
            DomainException => (StatusCodes.Status409Conflict, "Conflict"),
            _ when RoutingAvailability.IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "Routing unavailable"),
            _ => (0, ""),
        };
        if (status == 0) return false;
        // For a desk out of reach the cluster's own message names silos and grains; the caller is told when to try again.
        var detail = exception.Message;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RoutingAvailability.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            detail = RoutingAvailability.Message;
        }
        httpContext.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        if (exception is CapacityExceededException capacity)
        {
            context.ProblemDetails.Extensions["load"] = capacity.Load;
            context.ProblemDetails.Extensions["capacity"] = capacity.Capacity;
        }
        return await problemDetails.TryWriteAsync(context);
    }
}
