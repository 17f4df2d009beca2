using AgentConsole.Core.Chat;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AgentConsole.Security;

/// <summary>
/// The security headers of every response, by <see cref="ResponseKind"/>, and the policy for every
/// cookie the app writes: <c>HttpOnly</c>, at least <c>SameSite=Lax</c>, and <c>Secure</c> outside Development.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Registers the cookie policy. Development serves plain http on loopback, so only there may a cookie go without <c>Secure</c>.</summary>
    public static IHostApplicationBuilder AddSecurityHeaders(this IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.Configure<CookiePolicyOptions>(options =>
        {
            options.HttpOnly = HttpOnlyPolicy.Always;
            options.MinimumSameSitePolicy = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            options.Secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        return builder;
    }

    /// <summary>Applies the cookie policy and adds each response's headers when it starts. Call first in the pipeline.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        app.UseCookiePolicy();
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        var kind = ResponseKinds.Of(context.Request.Path);
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        switch (kind)
        {
            case ResponseKind.Console:
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicies.Console;
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                break;
            case ResponseKind.WidgetPage:
                var origins = context.RequestServices.GetRequiredService<IOptionsMonitor<ChannelOptions>>().CurrentValue.AllowedOrigins;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicies.WidgetPage(origins);
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                break;
            case ResponseKind.WidgetAsset:
                // Loaded by <script> and <link> on customers' pages: allowed cross-origin even where
                // the page sets Cross-Origin-Embedder-Policy.
                headers["Cross-Origin-Resource-Policy"] = "cross-origin";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                break;
            case ResponseKind.Api:
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicies.Api;
                headers["Referrer-Policy"] = "no-referrer";
                break;
        }
    }
}
