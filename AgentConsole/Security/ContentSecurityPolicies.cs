namespace AgentConsole.Security;

/// <summary>
/// The Content-Security-Policy of each <see cref="ResponseKind"/>. Scripts come only from the desk
/// itself (no inline script, no eval); styles may be inline because MudBlazor and the widget's
/// launcher set them at run time. The console is never framed; the widget's pages only by the desk
/// and <c>Channel:AllowedOrigins</c>.
/// </summary>
public static class ContentSecurityPolicies
{
    /// <summary>The console: Blazor Server's script and circuit (a WebSocket to the same origin) and MudBlazor's styles.</summary>
    public const string Console =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Answers that are never rendered as a page.</summary>
    public const string Api = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>The widget's pages, which the desk and <paramref name="allowedOrigins"/> may frame.</summary>
    public static string WidgetPage(IEnumerable<string> allowedOrigins)
    {
        var ancestors = string.Join(' ', new[] { "'self'" }.Concat(allowedOrigins.Select(o => o.TrimEnd('/')).Where(IsOrigin)));
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
               $"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {ancestors}";
    }

    // Only a well-formed http(s) origin goes into the header: a stray ';' or space would change the policy.
    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase);
}
