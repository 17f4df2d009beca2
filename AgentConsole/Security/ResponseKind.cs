namespace AgentConsole.Security;

/// <summary>The kinds of response that get different security headers (<see cref="SecurityHeaders"/>).</summary>
public enum ResponseKind
{
    /// <summary>The console's pages and their own files: Blazor Server and MudBlazor, never framed.</summary>
    Console,

    /// <summary>The widget's public pages (<c>/chat/</c>, the demo product page).</summary>
    WidgetPage,

    /// <summary>The widget's scripts and styles, which customers' sites load cross-origin.</summary>
    WidgetAsset,

    /// <summary>JSON and other machine answers: the APIs, the hub, health, metrics, OpenAPI.</summary>
    Api,
}

/// <summary>Which <see cref="ResponseKind"/> a request path gets.</summary>
public static class ResponseKinds
{
    private static readonly string[] ApiPrefixes = ["/api", "/hubs", "/healthz", "/metrics", "/openapi", "/diagnostics"];

    /// <summary>The kind of response for <paramref name="path"/>.</summary>
    public static ResponseKind Of(PathString path)
    {
        if (ApiPrefixes.Any(p => path.StartsWithSegments(p))) return ResponseKind.Api;
        if (!path.StartsWithSegments("/chat", out var rest)) return ResponseKind.Console;
        var file = rest.Value ?? "";
        return file.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".css", StringComparison.OrdinalIgnoreCase)
            ? ResponseKind.WidgetAsset
            : ResponseKind.WidgetPage;
    }
}
