using System.Text.Json.Serialization;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// A case as a queue row or an offer card shows it: enough to render without another call.
/// The engine keeps one per open case and sends it with every event about the case.
/// </summary>
public sealed record CaseCard(
    long CaseId,
    Guid ConversationId,
    string ConversationExternalId,
    string CustomerName,
    string? CustomerCompany,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CustomerTier>))] CustomerTier? CustomerTier,
    decimal? AnnualContractValue,
    [property: JsonConverter(typeof(JsonStringEnumConverter<IssueCategory>))] IssueCategory Category,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CasePriority>))] CasePriority Priority,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Skill>))] Skill RequiredSkill,
    [property: JsonConverter(typeof(JsonStringEnumConverter<AgentTier>))] AgentTier Tier,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))] CaseStatus Status,
    IReadOnlyList<string> Reasons,
    string Headline,
    DateTime OpenedAt,
    DateTime QueuedAt,
    Guid? AgentId,
    string? AgentName,
    Guid? TeamId,
    int BounceCount,
    DateTime? OfferExpiresAt,
    DateTime? FirstReplyDueAt,
    bool CapacityOverride,
    string? RoutingSummary)
{
    /// <summary>The card of a stored case; the case's conversation and customer should be loaded.</summary>
    public static CaseCard From(Case @case, string? agentName = null)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var customer = @case.Conversation?.Customer;
        var headline = @case.Reasons.FirstOrDefault() is { } first ? $"{ReasonCategoryNames.Of(first.Category)}: {first.Evidence}" : @case.Category.ToString();
        if (headline.Length > 160) headline = headline[..157] + "...";
        return new CaseCard(@case.Id, @case.ConversationId, @case.Conversation?.ExternalId ?? "", customer?.Name ?? "Unknown customer",
            customer?.Company, customer?.Tier, customer?.AnnualContractValue, @case.Category, @case.Priority, @case.RequiredSkill, @case.Tier,
            @case.Status, @case.Reasons.Select(r => r.Category.ToString()).Distinct().ToList(), headline, @case.OpenedAt,
            @case.QueuedAt ?? @case.OpenedAt, @case.HolderId, @case.HolderId is null ? null : agentName, @case.TeamId, @case.BounceCount,
            @case.OfferExpiresAt, @case.FirstReplyDueAt, @case.CapacityOverride, @case.RoutingSummary);
    }
}

/// <summary>Who may receive an event: the agents it concerns and their teams. Supervisors receive every event.</summary>
public sealed record EventAudience(IReadOnlyList<Guid> Agents, IReadOnlyList<Guid> Teams, bool AllTeams = false);

/// <summary>Something the routing engine did, published once after it is stored.</summary>
[JsonDerivedType(typeof(CaseOffered), nameof(CaseOffered))]
[JsonDerivedType(typeof(OfferWithdrawn), nameof(OfferWithdrawn))]
[JsonDerivedType(typeof(CaseAssigned), nameof(CaseAssigned))]
[JsonDerivedType(typeof(CaseReassigned), nameof(CaseReassigned))]
[JsonDerivedType(typeof(CaseResolved), nameof(CaseResolved))]
[JsonDerivedType(typeof(QueueChanged), nameof(QueueChanged))]
[JsonDerivedType(typeof(PresenceChanged), nameof(PresenceChanged))]
[JsonDerivedType(typeof(LeadAlert), nameof(LeadAlert))]
[JsonDerivedType(typeof(CaseActivity), nameof(CaseActivity))]
public abstract record RoutingEvent(DateTime At)
{
    /// <summary>The SignalR method and event name: the record's type name.</summary>
    [JsonIgnore] public string Name => GetType().Name;

    /// <summary>Who receives it.</summary>
    [JsonIgnore] public abstract EventAudience Audience { get; }
}

/// <summary>A case is offered to an agent, who has until <paramref name="ExpiresAt"/> to accept it.</summary>
public sealed record CaseOffered(DateTime At, CaseCard Case, Guid AgentId, DateTime ExpiresAt, string RoutingSummary, Guid TeamId) : RoutingEvent(At)
{
    public override EventAudience Audience => new([AgentId], [TeamId]);
}

/// <summary>An offer ended without an accept: declined, timed out, taken back because the agent went away, reassigned or resolved.</summary>
public sealed record OfferWithdrawn(DateTime At, long CaseId, Guid AgentId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CaseEventReason>))] CaseEventReason Reason, Guid TeamId) : RoutingEvent(At)
{
    public override EventAudience Audience => new([AgentId], [TeamId]);
}

/// <summary>A case is now an agent's: accepted, auto-assigned, or assigned by hand (reassigned or transferred).</summary>
public sealed record CaseAssigned(DateTime At, CaseCard Case, Guid AgentId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CaseEventReason>))] CaseEventReason How, string? ActorId, Guid TeamId) : RoutingEvent(At)
{
    public override EventAudience Audience => new([AgentId], [TeamId]);
}

/// <summary>
/// A case left its agent, or its routing changed: reassigned by a lead, transferred, reclaimed
/// after a missed reply deadline, re-queued after a hold, or escalated to engineering.
/// </summary>
public sealed record CaseReassigned(DateTime At, CaseCard Case, Guid? FromAgentId, Guid? ToAgentId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CaseEventReason>))] CaseEventReason Reason, string? Note, string? ActorId,
    IReadOnlyList<Guid> TeamIds) : RoutingEvent(At)
{
    public override EventAudience Audience => new([.. new[] { FromAgentId, ToAgentId }.OfType<Guid>().Distinct()], TeamIds);
}

/// <summary>A case is resolved.</summary>
public sealed record CaseResolved(DateTime At, long CaseId, Guid? AgentId, string Note, string? ActorId, Guid? TeamId) : RoutingEvent(At)
{
    public override EventAudience Audience => new(AgentId is { } a ? [a] : [], TeamId is { } t ? [t] : []);
}

/// <summary>The queue changed: cases that joined (with their cards) and ids that left, with the new depth.</summary>
public sealed record QueueChanged(DateTime At, int Depth, DateTime? OldestQueuedAt, IReadOnlyList<CaseCard> Added, IReadOnlyList<long> Removed) : RoutingEvent(At)
{
    public override EventAudience Audience => new([], [], AllTeams: true);
}

/// <summary>An agent's presence or load changed.</summary>
public sealed record PresenceChanged(DateTime At, Guid AgentId, string AgentName, Guid TeamId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Presence>))] Presence Presence, int Load, int Capacity, bool Connected, bool Automatic) : RoutingEvent(At)
{
    public override EventAudience Audience => new([AgentId], [TeamId]);
}

/// <summary>Something a team lead should act on, such as a case reclaimed after a missed reply deadline.</summary>
public sealed record LeadAlert(DateTime At, Guid TeamId, Guid? LeadAgentId, CaseCard Case, string Message) : RoutingEvent(At)
{
    public override EventAudience Audience => new([], [TeamId]);
}

/// <summary>What was added to a case without moving it.</summary>
public enum CaseActivityKind
{
    /// <summary>The customer or the bot wrote, or the customer did something the bot reported.</summary>
    Conversation,
    /// <summary>The agent replied to the customer.</summary>
    Reply,
    /// <summary>An internal note.</summary>
    Note,
    /// <summary>A feedback flag.</summary>
    Flag,
}

/// <summary>
/// Something was added to a case that does not change its routing: a customer message, a reply,
/// a note or a flag. Whoever has the case open reads it again; the holder's queue can mark it.
/// A reply names its stored message in <paramref name="MessageId"/>.
/// </summary>
public sealed record CaseActivity(DateTime At, long CaseId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CaseActivityKind>))] CaseActivityKind Kind, Guid? AgentId, Guid? TeamId,
    long? MessageId = null) : RoutingEvent(At)
{
    public override EventAudience Audience => new(AgentId is { } a ? [a] : [], TeamId is { } t ? [t] : []);
}
