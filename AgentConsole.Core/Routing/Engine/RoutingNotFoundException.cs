using AgentConsole.Core.Common;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>The case or agent is not known to routing (never existed, or the case is resolved). The API turns it into 404.</summary>
public sealed class RoutingNotFoundException(string message) : DomainException(message);
