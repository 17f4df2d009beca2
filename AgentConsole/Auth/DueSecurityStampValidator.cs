using AgentConsole.Core.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AgentConsole.Auth;

/// <summary>
/// The cookie's security-stamp check, which Identity runs once its validation interval has passed,
/// asking for Identity's validator only then. Identity resolves its validator on every request that
/// carries the cookie, and with it the sign-in and user managers, their stores and a DbContext, most
/// often to find that no check is due; a console's circuit runs in one such request, which keeps
/// everything it resolved for as long as the console stays open.
/// </summary>
public sealed class DueSecurityStampValidator(IServiceProvider services, IOptions<SecurityStampValidatorOptions> options) : ISecurityStampValidator
{
    public Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The same clock and the same test as Identity's validator, which checks again before it acts.
        var settings = options.Value;
        var now = (settings.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (context.Properties.IssuedUtc is { } issued && now - issued <= settings.ValidationInterval) return Task.CompletedTask;
        return services.GetRequiredService<SecurityStampValidator<ConsoleUser>>().ValidateAsync(context);
    }
}
