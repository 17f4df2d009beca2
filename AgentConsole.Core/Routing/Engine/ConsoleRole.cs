namespace AgentConsole.Core.Routing.Engine;

/// <summary>The console roles. Admins configure; they act on cases as supervisors do.</summary>
public enum ConsoleRole { Agent, TeamLead, Supervisor, Admin }
