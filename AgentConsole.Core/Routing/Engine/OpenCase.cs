using System.Collections.Frozen;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing.Policy;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// An open case as the engine holds it in memory: a projection of the stored <see cref="Case"/>,
/// made by <see cref="From"/> after every transition and never edited field by field.
/// </summary>
internal sealed record OpenCase(
    long Id,
    CaseStatus Status,
    Guid? Holder,
    DateTime? OfferExpiresAt,
    DateTime? FirstReplyDueAt,
    DateTime? AssignedAt,
    bool CapacityOverride,
    CaseToRoute Route,
    CaseCard Card)
{
    /// <summary>The engine's view of <paramref name="case"/>, whose holder is called <paramref name="holderName"/>, from the <paramref name="account"/> its customer holds.</summary>
    public static OpenCase From(Case @case, string? holderName, CaseAccount? account) => new(
        @case.Id,
        // A case stored as just escalated waits like a queued one until it is routed.
        @case.Status == CaseStatus.Escalated ? CaseStatus.Queued : @case.Status,
        @case.HolderId,
        @case.OfferExpiresAt,
        @case.FirstReplyDueAt,
        // Holds run from the assignment, so only an assigned case has one.
        @case.Status == CaseStatus.Assigned ? @case.AssignedAt : null,
        @case.CapacityOverride,
        CaseToRoute.From(@case, @case.ExcludedAgentIds.Count == 0 ? FrozenSet<Guid>.Empty : @case.ExcludedAgentIds.ToFrozenSet(), @case.TeamId, account),
        CaseCard.From(@case, holderName));
}
