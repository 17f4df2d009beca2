using System.Security.Claims;
using System.Text.Encodings.Web;
using AgentConsole.Core.Integrations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AgentConsole.Api;

/// <summary>Authenticates bot integrations by the <c>X-Api-Key</c> header.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IntegrationKeyStore keys,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string IntegrationIdClaim = "integration_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
            return AuthenticateResult.NoResult();

        var integration = await keys.FindAsync(values[0]!, Context.RequestAborted);
        if (integration is null) return AuthenticateResult.Fail("The API key is not valid.");

        var identity = new ClaimsIdentity(
            [new Claim(IntegrationIdClaim, integration.Id.ToString()), new Claim(ClaimTypes.Name, integration.Name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        var presented = Request.Headers.ContainsKey(HeaderName);
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = presented ? "The API key is not valid." : $"Send the integration's API key in the {HeaderName} header.",
            },
        });
    }
}

/// <summary>Reads the authenticated integration back from the request's user.</summary>
public static class IntegrationPrincipal
{
    public static Guid IntegrationId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ApiKeyAuthenticationHandler.IntegrationIdClaim)
            ?? throw new InvalidOperationException("The request is not from an integration."));
}
