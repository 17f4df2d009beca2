using AgentConsole.Core.Common;
using AgentConsole.Core.Routing.Engine;
using Microsoft.AspNetCore.Diagnostics;

namespace AgentConsole.Api;

/// <summary>
/// Answers a refused domain operation with problem details; nothing was stored. A broken rule is
/// 409, something that does not exist 404, and an action the user's role does not allow 403.
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
            _ => (0, ""),
        };
        if (status == 0) return false;
        httpContext.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = exception.Message },
        };
        if (exception is CapacityExceededException capacity)
        {
            context.ProblemDetails.Extensions["load"] = capacity.Load;
            context.ProblemDetails.Extensions["capacity"] = capacity.Capacity;
        }
        return await problemDetails.TryWriteAsync(context);
    }
}
