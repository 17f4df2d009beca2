using AgentConsole.Core.Common;

namespace AgentConsole.Core.Cases;

/// <summary>An accept or decline for an offer that was already accepted, declined, withdrawn or timed out.</summary>
public sealed class OfferNotPendingException(long caseId) : DomainException($"The offer for case {caseId} is no longer pending.")
{
    public long CaseId { get; } = caseId;
}
