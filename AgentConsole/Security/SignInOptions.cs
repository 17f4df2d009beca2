using System.ComponentModel.DataAnnotations;

namespace AgentConsole.Security;

/// <summary>How many sign-in attempts one IP address may make, on top of the per-account lockout.</summary>
public sealed class SignInOptions
{
    public const string Section = "Auth";

    /// <summary>How many sign-in attempts (right or wrong) one IP address may make in a window.</summary>
    [Range(1, 100_000)]
    public int SignInAttemptsPerIp { get; set; } = 20;

    /// <summary>The window's length in minutes; the count starts again after it.</summary>
    [Range(1, 1_440)]
    public int SignInWindowMinutes { get; set; } = 5;
}
