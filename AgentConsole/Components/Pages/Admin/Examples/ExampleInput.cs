using AgentConsole.Core.Triggers;

namespace AgentConsole.Components.Pages.Admin.Examples;

/// <summary>What the admin typed for an example.</summary>
public sealed record ExampleInput(IssueCategory Category, string Text);

/// <summary>A changed example.</summary>
public sealed record ExampleEdit(int Id, ExampleInput Input);
