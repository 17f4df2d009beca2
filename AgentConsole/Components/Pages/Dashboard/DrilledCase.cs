namespace AgentConsole.Components.Pages.Dashboard;

/// <summary>One case behind a figure, as a drill-down lists it: its id (a link to the case) and what it counted as.</summary>
public sealed record DrilledCase(long CaseId, string Note);
