using AgentConsole.Core.Common;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>An accept or reject for a suggestion that an admin already decided (a conflict: 409).</summary>
public sealed class SuggestionDecidedException(long suggestionId, TuningSuggestionStatus status, string? decidedBy)
    : DomainException($"Suggestion {suggestionId} was already {status.ToString().ToLowerInvariant()}{(decidedBy is null ? "" : $" by {decidedBy}")}.")
{
    public long SuggestionId { get; } = suggestionId;
    public TuningSuggestionStatus Status { get; } = status;
}
