namespace AgentConsole.Core.Routing.Engine;

/// <summary>Refused: the actor may not do this. The hub and the API turn it into 403.</summary>
public sealed class RoutingForbiddenException(string message) : Exception(message);
