using AgentConsole.Core.Conversations;

namespace AgentConsole.Core.Triggers.Evaluation;

/// <summary>A transcript to evaluate without storing it, with an optional customer profile.</summary>
public sealed record EvaluationInput(string? Id, IReadOnlyList<TriggerInput> Transcript, Customer? Customer);
