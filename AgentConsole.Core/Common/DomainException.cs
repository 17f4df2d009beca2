namespace AgentConsole.Core.Common;

/// <summary>
/// Thrown when an operation would break a domain rule, such as an illegal status transition.
/// The HTTP layer maps it to 409 Conflict.
/// </summary>
public class DomainException(string message) : Exception(message);
