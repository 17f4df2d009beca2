using AgentConsole.Core.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace AgentConsole.Api;

/// <summary>Answers a broken domain rule with 409 problem details; the transaction has already rolled back.</summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DomainException domain) return false;
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = domain.Message },
        });
    }
}
