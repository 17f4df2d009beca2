using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Routing.Engine;

namespace AgentConsole.Components.Shared;

/// <summary>
/// The engine's refusals in words an agent can act on. Anything else is a fault, not a refusal,
/// and goes to the error boundary.
/// </summary>
public static class ActionErrors
{
    /// <summary>The message to show for a refusal, or null when <paramref name="error"/> is not one.</summary>
    public static string? Describe(Exception error) => error switch
    {
        OfferNotPendingException => "That offer is no longer open: it was already accepted, declined, withdrawn or it timed out.",
        RoutingForbiddenException e => e.Message,
        RoutingNotFoundException => "This case is no longer open.",
        CapacityExceededException e => e.Message,
        DomainException e => e.Message,
        OperationCanceledException => "The desk is restarting; try again in a moment.",
        _ when Cluster.RoutingAvailability.IsUnavailable(error) => Cluster.RoutingAvailability.Message,
        _ => null,
    };
}
