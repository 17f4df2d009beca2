using Orleans.Runtime;

namespace AgentConsole.Cluster;

/// <summary>
/// Tells a command that failed because no node hosts the desk's grain for the moment (its node
/// died and another has not yet taken it over) from a fault: the caller may try again in seconds.
/// </summary>
public static class RoutingAvailability
{
    /// <summary>How long a caller is told to wait before trying again, in seconds.</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>What the console says when a command could not reach the desk.</summary>
    public const string Message = "Routing is moving to another node; try again in a few seconds.";

    /// <summary>Whether <paramref name="error"/> says the desk could not be reached, rather than refusing or failing the command.</summary>
    public static bool IsUnavailable(Exception error) =>
        error is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or ClientNotAvailableException
            // A write of a desk activation that another has replaced: the next call reaches the new one.
            or Core.Routing.Engine.DeskFencedException;
}
