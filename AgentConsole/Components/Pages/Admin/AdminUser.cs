using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace AgentConsole.Components.Pages.Admin;

/// <summary>Who the signed-in admin is, for the audit and for the guards against acting on oneself.</summary>
internal static class AdminUser
{
    /// <summary>The name recorded in audits: the login's user name (the email), else its display name.</summary>
    public static async Task<string> NameAsync(Task<AuthenticationState>? state)
    {
        var user = state is null ? null : (await state).User;
        return user?.Identity?.Name ?? user?.FindFirst(Auth.ConsoleAuth.DisplayNameClaim)?.Value ?? "unknown admin";
    }

    /// <summary>The signed-in admin as the audit log records them: the login's id and <see cref="NameAsync"/>.</summary>
    public static async Task<Core.Audit.AuditActor> ActorAsync(Task<AuthenticationState>? state)
    {
        var id = await IdAsync(state);
        return new Core.Audit.AuditActor(id.Length > 0 ? id : "unknown", await NameAsync(state));
    }

    /// <summary>The login's id.</summary>
    public static async Task<string> IdAsync(Task<AuthenticationState>? state)
    {
        var user = state is null ? null : (await state).User;
        return user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
    }
}
