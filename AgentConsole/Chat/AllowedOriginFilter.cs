using AgentConsole.Core.Chat;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AgentConsole.Chat;

/// <summary>
/// Refuses widget requests from pages of origins that may not embed it (<see cref="ChannelOptions.AllowedOrigins"/>).
/// Browsers send <c>Origin</c> on every cross-origin call; the desk's own pages are always allowed.
/// </summary>
public sealed class AllowedOriginFilter(IOptionsMonitor<ChannelOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length > 0 && !IsAllowed(origin, request, options.CurrentValue))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Origin not allowed",
                detail: $"Pages on {origin} may not use this chat. Add the origin to Channel:AllowedOrigins.");
        return await next(context);
    }

    /// <summary>Whether a page on <paramref name="origin"/> may call the widget's endpoints.</summary>
    public static bool IsAllowed(string origin, HttpRequest request, ChannelOptions options) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
        || options.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
}
