using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Metrics;

/// <summary>Routing accuracy of one group of resolved cases.</summary>
/// <param name="FirstAgent">Cases resolved by the agent they were first assigned to, with no transfer or reassignment, of the cases resolved.</param>
/// <param name="FirstContact">Of those, the cases whose conversation did not escalate again within the reopen window, of the cases resolved.</param>
public sealed record RoutingShares(Rate FirstAgent, Rate FirstContact);

/// <summary>Routing accuracy of the cases of one category.</summary>
public sealed record CategoryRouting(IssueCategory Category, RoutingShares Shares);

/// <summary>Routing accuracy of the cases first assigned to one agent.</summary>
public sealed record AgentRouting(Guid AgentId, string AgentName, RoutingShares Shares);

/// <summary>
/// How often the first assignment was the right one, over the resolved cases opened in the range
/// that an agent was assigned (<see cref="RoutingAccuracyQuery"/> defines each share).
/// </summary>
/// <param name="Overall">Every such case.</param>
/// <param name="ByCategory">The categories with at least one such case, in the enum's order.</param>
/// <param name="ByAgent">The agents who were first assigned at least one such case, by name.</param>
/// <param name="ReopenWindowDays">The reopen window of first-contact resolution (<see cref="MetricsOptions.ReopenWindowDays"/>).</param>
public sealed record RoutingAccuracyFigure(RoutingShares Overall, IReadOnlyList<CategoryRouting> ByCategory, IReadOnlyList<AgentRouting> ByAgent, int ReopenWindowDays);

/// <summary>One case behind a routing-accuracy figure.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="FirstAgent">Whether its first assigned agent resolved it with no transfer or reassignment.</param>
/// <param name="FirstContact">Whether it also counts as resolved at first contact.</param>
public sealed record RoutedCase(long CaseId, bool FirstAgent, bool FirstContact);
