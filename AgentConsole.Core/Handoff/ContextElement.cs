namespace AgentConsole.Core.Handoff;

/// <summary>One part of the case page an agent can open: a panel, a briefing section or a group of customer facts.</summary>
/// <param name="Key">The stable key stored with each opening, such as "customer.profile".</param>
/// <param name="Name">What the dashboard calls it.</param>
public sealed record ContextElement(string Key, string Name);
