using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AgentConsole.Security;

/// <summary>
/// Counts sign-in attempts per IP address in fixed windows (<see cref="SignInOptions"/>), so one
/// address cannot try password after password across many accounts; the per-account lockout still
/// applies on top. Time comes from <see cref="TimeProvider"/>.
/// </summary>
public sealed class SignInThrottle(IOptionsMonitor<SignInOptions> options, TimeProvider time)
{
    // Beyond this many addresses, windows that have ended are dropped before a new one is added.
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new();

    /// <summary>
    /// Counts one attempt from <paramref name="ip"/>. False when the address has used up its window:
    /// then <paramref name="retryAfter"/> is how long until it may try again.
    /// </summary>
    public bool TryAttempt(string ip, out TimeSpan retryAfter)
    {
        var settings = options.CurrentValue;
        var length = TimeSpan.FromMinutes(settings.SignInWindowMinutes);
        var now = time.GetUtcNow();
        if (_windows.Count > PruneAbove) Prune(now, length);
        var window = _windows.AddOrUpdate(ip,
            _ => new Window(now, 1),
            (_, w) => now - w.Start >= length ? new Window(now, 1) : w with { Count = w.Count + 1 });
        retryAfter = window.Start + length - now;
        return window.Count <= settings.SignInAttemptsPerIp;
    }

    private void Prune(DateTimeOffset now, TimeSpan length)
    {
        foreach (var (ip, window) in _windows)
            if (now - window.Start >= length) _windows.TryRemove(new KeyValuePair<string, Window>(ip, window));
    }

    private sealed record Window(DateTimeOffset Start, int Count);
}

/// <summary>The throttle's place in the host: its options and the address a request counts against.</summary>
public static class SignInThrottling
{
    /// <summary>Registers <see cref="SignInThrottle"/> and binds <see cref="SignInOptions"/> to <c>Auth</c>.</summary>
    public static IServiceCollection AddSignInThrottle(this IServiceCollection services)
    {
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        return services;
    }

    /// <summary>The address an attempt counts against.</summary>
    public static string IpOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Whole seconds for a <c>Retry-After</c> header, at least 1.</summary>
    public static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>
    /// An endpoint filter for a sign-in API: past the limit it answers 429 with problem details and
    /// <c>Retry-After</c>, and the endpoint does not run.
    /// </summary>
    public static RouteHandlerBuilder WithSignInThrottle(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.RequestServices.GetRequiredService<SignInThrottle>().TryAttempt(IpOf(http), out var retryAfter)) return await next(context);
            var seconds = Seconds(retryAfter);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
                detail: $"Too many sign-in attempts from this address. Try again in {seconds} s.");
        }).ProducesProblem(StatusCodes.Status429TooManyRequests);
}
