using AgentConsole.Core.Chat;
using Microsoft.Net.Http.Headers;

namespace AgentConsole.Chat;

/// <summary>Finds the widget conversation a request's bearer token opens.</summary>
public static class ChatAuth
{
    /// <summary>The request's token: the <c>Authorization: Bearer</c> value, or null.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    /// <summary>The session the request's token opens, or null for none, a malformed one or a guess.</summary>
    public static Task<ChatSession?> SessionAsync(HttpContext http, CustomerChat chat, CancellationToken cancellationToken) =>
        chat.FindAsync(TokenOf(http.Request), cancellationToken);

    /// <summary>The answer to a request no conversation's token opens: the widget starts afresh.</summary>
    public static IResult Unauthorized() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
        detail: "This conversation could not be found. Start a new one.");
}
