using AgentConsole.Core.Common;

namespace AgentConsole.Core.Cases;

/// <summary>
/// An accept or decline for an offer that was already accepted, declined, withdrawn or timed out.
/// The case id is kept in <see cref="Exception.Data"/>, which crosses a grain call with the exception.
/// </summary>
public sealed class OfferNotPendingException : DomainException
{
    public OfferNotPendingException(long caseId) : base($"The offer for case {caseId} is no longer pending.") => Data[nameof(CaseId)] = caseId;

    public long CaseId => Data[nameof(CaseId)] is long caseId ? caseId : 0;
}
