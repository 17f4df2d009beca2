using System.Collections.Frozen;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// A case as the routing policy and the queue see it: everything the decision tree needs, and
/// nothing that changes while the case waits. Immutable; re-route after a decline with
/// <see cref="Excluding"/>.
/// </summary>
/// <param name="CaseId">The case's id.</param>
/// <param name="Category">The detected issue category.</param>
/// <param name="RequiredSkill">The skill the case needs (step 1 of the tree, from the escalation decision).</param>
/// <param name="SuggestedTier">
/// The tier the escalation decision suggested. Specialist or Senior means the case needs a
/// specialist; Engineering marks a product-defect escalation for the Engineering tier only.
/// </param>
/// <param name="Priority">The base priority; the queue may age it (see <see cref="QueueOrdering"/>).</param>
/// <param name="QueuedAt">When the case started waiting (UTC); the queue orders by it within a priority.</param>
public sealed record CaseToRoute(
    long CaseId,
    IssueCategory Category,
    Skill RequiredSkill,
    AgentTier SuggestedTier,
    CasePriority Priority,
    DateTime QueuedAt)
{
    /// <summary>The trigger name the decision policy gives billing disputes.</summary>
    public const string DisputeTrigger = "billing-dispute";

    /// <summary>Agents who declined this case or let its offer time out; it is not offered to them again.</summary>
    public IReadOnlySet<Guid> ExcludedAgents { get; init; } = FrozenSet<Guid>.Empty;

    /// <summary>When set (a transfer to a team), only that team's agents may take the case.</summary>
    public Guid? TeamId { get; init; }

    /// <summary>Whether the case is a billing dispute (refund, chargeback), which the frontline may not take by default.</summary>
    public bool IsDispute { get; init; }

    /// <summary>The customer account the case comes from, with its owner; null when the bot did not identify the customer.</summary>
    public CaseAccount? Account { get; init; }

    /// <summary>When the case opened (UTC), from which an owned account's wait for its owner runs; null = <see cref="QueuedAt"/>.</summary>
    public DateTime? OpenedAt { get; init; }
    /// <summary>Urgent and security cases are routed whatever the hours; every other case waits for a team that is open.</summary>
    public bool RoutesOutOfHours => RoutesAnyHour(RequiredSkill, Priority);

    /// <summary>The rule of <see cref="RoutesOutOfHours"/>, for a whole sub-queue of one skill and base priority.</summary>
    public static bool RoutesAnyHour(Skill skill, CasePriority priority) => priority == CasePriority.Urgent || skill == Skill.Security;

    /// <summary>A product-defect escalation: only Engineering agents take it.</summary>
    public bool IsEngineering => SuggestedTier == AgentTier.Engineering;

    /// <summary>Whether the decision tree starts with specialists (suggested tier Specialist or above).</summary>
    public bool NeedsSpecialist => SuggestedTier >= AgentTier.Specialist;

    /// <summary>A copy that is no longer offered to <paramref name="agentId"/> (after a decline or an offer timeout).</summary>
    public CaseToRoute Excluding(Guid agentId)
    {
        if (ExcludedAgents.Contains(agentId)) return this;
        var excluded = new HashSet<Guid>(ExcludedAgents) { agentId };
        return this with { ExcludedAgents = excluded.ToFrozenSet() };
    }

    /// <summary>
    /// The routing view of a stored case. It waits from <see cref="Case.QueuedAt"/>, or from when it
    /// opened if it was never queued; a billing-dispute reason makes it a dispute. The caller resolves
    /// the <paramref name="account"/> (its owner's team and names).
    /// </summary>
    public static CaseToRoute From(Case @case, IReadOnlySet<Guid>? excludedAgents = null, Guid? teamId = null, CaseAccount? account = null)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return new CaseToRoute(@case.Id, @case.Category, @case.RequiredSkill, @case.Tier, @case.Priority, @case.QueuedAt ?? @case.OpenedAt)
        {
            ExcludedAgents = excludedAgents ?? FrozenSet<Guid>.Empty,
            TeamId = teamId,
            IsDispute = @case.Reasons.Any(r => r.Trigger == DisputeTrigger),
            Account = account,
            OpenedAt = @case.OpenedAt,
        };
    }
}
