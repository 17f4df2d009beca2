using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Cases;

/// <summary>
/// One escalation of a conversation to humans: the decision that opened it, where it is in
/// routing, and the briefing the human reads first. Each change appends a <see cref="CaseEvent"/>.
/// The case's <see cref="Status"/> is the one record of where it is in routing: the conversation
/// stores only its own stage (with humans from the case's opening, resolved with its resolution),
/// and the status reported for it is derived with <see cref="ConversationStatuses.Of"/>.
/// </summary>
public sealed class Case
{
    private readonly List<EscalationReason> _reasons = [];
    private readonly List<CaseEvent> _events = [];
    private readonly List<FeedbackFlag> _flags = [];
    private List<Guid> _excluded = [];

    private Case() { }

    /// <summary>Opens a case for <paramref name="conversation"/>, which moves from the bot to humans.</summary>
    public Case(Conversation conversation, EscalationDecision decision, string briefingMarkdown, DateTime now, ActorKind actorKind = ActorKind.System, string? actorId = null)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        conversation.MoveTo(ConversationStage.WithHumans);
        Conversation = conversation;
        ConversationId = conversation.Id;
        Status = CaseStatus.Escalated;
        Priority = decision.Priority;
        Category = decision.Category;
        CategoryConfidence = decision.CategoryConfidence;
        RequiredSkill = decision.RequiredSkill;
        Tier = decision.Tier;
        SentimentScore = decision.Sentiment;
        SentimentTrend = decision.SentimentTrend;
        _reasons.AddRange(decision.Reasons);
        BriefingMarkdown = briefingMarkdown;
        OpenedAt = now.EnsureUtc(nameof(now));
        Log(CaseEventType.Escalated, now, actorKind, actorId, detail: string.Join("; ", decision.Reasons.Select(r => r.Category)));
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public Conversation? Conversation { get; private set; }
    public CaseStatus Status { get; private set; }
    public CasePriority Priority { get; private set; }
    public IssueCategory Category { get; private set; }
    public double CategoryConfidence { get; private set; }
    public Skill RequiredSkill { get; private set; }
    public AgentTier Tier { get; private set; }
    public IReadOnlyList<EscalationReason> Reasons => _reasons;
    /// <summary>The customer's sentiment when the case opened, from -1 to 1.</summary>
    public double SentimentScore { get; private set; }
    public SentimentTrend SentimentTrend { get; private set; }
    public string BriefingMarkdown { get; private set; } = "";
    public Guid? AssignedAgentId { get; private set; }
    public Agent? AssignedAgent { get; private set; }
    public DateTime OpenedAt { get; private set; }
    public DateTime? QueuedAt { get; private set; }
    public DateTime? AssignedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public string? ResolutionNote { get; private set; }
    /// <summary>The category the resolving agent confirmed or corrected; null when resolved without one.</summary>
    public IssueCategory? ResolvedCategory { get; private set; }
    /// <summary>How many times the case came back after being offered or assigned.</summary>
    public int BounceCount { get; private set; }
    public IReadOnlyList<CaseEvent> Events => _events;
    /// <summary>The feedback flags raised on the case (those loaded, and those raised since).</summary>
    public IReadOnlyList<FeedbackFlag> Flags => _flags;

    /// <summary>The agent the case is offered to, while <see cref="Status"/> is Offered.</summary>
    public Guid? OfferedAgentId { get; private set; }
    public DateTime? OfferedAt { get; private set; }
    /// <summary>When the pending offer times out and the case is re-routed.</summary>
    public DateTime? OfferExpiresAt { get; private set; }
    /// <summary>When the assigned agent must have replied to the customer, or the case is reclaimed.</summary>
    public DateTime? FirstReplyDueAt { get; private set; }
    /// <summary>When the assigned agent first replied to the customer.</summary>
    public DateTime? FirstRepliedAt { get; private set; }
    /// <summary>Whether the current assignment went above the agent's capacity by an explicit override.</summary>
    public bool CapacityOverride { get; private set; }
    /// <summary>When set by a transfer to a team, only that team's agents take the case.</summary>
    public Guid? TeamId { get; private set; }
    /// <summary>Agents who declined the case, let its offer time out or missed its reply deadline; it is not routed to them again.</summary>
    public IReadOnlyList<Guid> ExcludedAgentIds => _excluded;
    /// <summary>The one-line summary of the latest routing decision.</summary>
    public string? RoutingSummary { get; private set; }
    /// <summary>The latest routing decision's full explanation, as JSON, for team leads.</summary>
    public string? RoutingExplanation { get; private set; }
    /// <summary>The structured bug report, as JSON, once the case was escalated to engineering.</summary>
    public string? BugReport { get; private set; }

    /// <summary>The agent who holds the case: the one it is offered or assigned to.</summary>
    public Guid? HolderId => Status switch
    {
        CaseStatus.Offered => OfferedAgentId,
        CaseStatus.Assigned => AssignedAgentId,
        _ => null,
    };

    /// <summary>Whether the case is still with humans: not resolved.</summary>
    public bool IsOpen => Status != CaseStatus.Resolved;

    /// <summary>Puts the case in the queue to wait for an agent, with the actor's <paramref name="comment"/> if any.</summary>
    public void Queue(DateTime now, ActorKind actorKind = ActorKind.System, string? actorId = null, string? comment = null)
    {
        if (Status is CaseStatus.Offered or CaseStatus.Assigned) BounceCount++;
        MoveTo(CaseStatus.Queued);
        ClearHolder();
        // The customer has waited since the case first queued; a case that comes back keeps its place.
        QueuedAt ??= now.EnsureUtc(nameof(now));
        Log(CaseEventType.Queued, now, actorKind, actorId, comment: comment);
    }

    /// <summary>Offers the waiting case to an agent until <paramref name="expiresAt"/>.</summary>
    public void Offer(Guid agentId, DateTime now, DateTime expiresAt, ActorKind actorKind = ActorKind.System, string? actorId = null)
    {
        if (Status is not (CaseStatus.Queued or CaseStatus.Escalated)) throw new DomainException($"A {Status} case cannot be offered.");
        if (expiresAt <= now) throw new ArgumentOutOfRangeException(nameof(expiresAt), "An offer must expire after it is made.");
        MoveTo(CaseStatus.Offered);
        OfferedAgentId = agentId;
        OfferedAt = now.EnsureUtc(nameof(now));
        OfferExpiresAt = expiresAt.EnsureUtc(nameof(expiresAt));
        Log(CaseEventType.Offered, now, actorKind, actorId, detail: agentId.ToString());
    }

    /// <summary>The offered agent accepts: the case is theirs.</summary>
    /// <exception cref="DomainException">The case is no longer offered to this agent.</exception>
    public void Accept(Agent agent, DateTime now, DateTime? firstReplyDueAt)
    {
        ArgumentNullException.ThrowIfNull(agent);
        EnsureOfferedTo(agent.Id);
        Assign(agent, now, ActorKind.Agent, agent.Id.ToString(), firstReplyDueAt: firstReplyDueAt);
    }

    /// <summary>
    /// Assigns the case to an agent: on accepting an offer, by auto-assign, or by hand (reassigned
    /// by a lead, transferred by an agent) with the actor's <paramref name="comment"/>. The log's
    /// entry is Accepted, Reassigned or Transferred as <paramref name="reason"/> says, and names the agent.
    /// </summary>
    public void Assign(Agent agent, DateTime now, ActorKind actorKind = ActorKind.System, string? actorId = null,
        CaseEventReason reason = CaseEventReason.Accepted, string? comment = null, DateTime? firstReplyDueAt = null, bool capacityOverride = false)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var type = reason switch
        {
            CaseEventReason.Accepted or CaseEventReason.AutoAssigned => CaseEventType.Accepted,
            CaseEventReason.Reassigned => CaseEventType.Reassigned,
            CaseEventReason.Transferred => CaseEventType.Transferred,
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "A case is assigned as accepted, auto-assigned, reassigned or transferred."),
        };
        MoveTo(CaseStatus.Assigned);
        ClearHolder();
        AssignedAgent = agent;
        AssignedAgentId = agent.Id;
        AssignedAt = now.EnsureUtc(nameof(now));
        FirstReplyDueAt = firstReplyDueAt?.EnsureUtc(nameof(firstReplyDueAt));
        FirstRepliedAt = null;
        CapacityOverride = capacityOverride;
        agent.MarkAssigned(now);
        Log(type, now, actorKind, actorId ?? agent.Id.ToString(), detail: agent.Id.ToString(), reason: reason, comment: comment);
    }

    /// <summary>
    /// Takes the case back from its holder (if any) into the queue, logging <paramref name="why"/>
    /// first: a decline, an offer timeout, a withdrawal, a missed reply deadline, an expired hold, a
    /// lead sending it back, a transfer or an escalation to engineering. The entry names the holder
    /// when the system acts; <paramref name="comment"/> is the actor's own words. With
    /// <paramref name="exclude"/> the holder is not offered the case again.
    /// </summary>
    public void ReturnToQueue(CaseEventReason why, DateTime now, ActorKind actorKind, string? actorId, string? comment, bool exclude, string? detail = null)
    {
        if (!IsOpen) throw new DomainException("The case is resolved.");
        var type = why switch
        {
            CaseEventReason.Declined => CaseEventType.Declined,
            CaseEventReason.TimedOut => CaseEventType.TimedOut,
            CaseEventReason.AgentUnavailable => CaseEventType.Withdrawn,
            CaseEventReason.Reclaimed => CaseEventType.Reclaimed,
            CaseEventReason.HoldExpired => CaseEventType.HoldExpired,
            CaseEventReason.BackToQueue => CaseEventType.Reassigned,
            CaseEventReason.Transferred => CaseEventType.Transferred,
            CaseEventReason.ToEngineering => CaseEventType.ToEngineering,
            _ => throw new ArgumentOutOfRangeException(nameof(why), why, "Not a reason for a case to go back to the queue."),
        };
        var holder = HolderId;
        if (exclude && holder is { } excluded && !_excluded.Contains(excluded)) _excluded = [.. _excluded, excluded];
        Log(type, now, actorKind, actorId, detail ?? (actorKind == ActorKind.System ? holder?.ToString() : null), why, comment);
        Queue(now, actorKind, actorId);
    }

    /// <summary>The offered agent declines, with a reason; the case is not offered to them again.</summary>
    /// <exception cref="DomainException">The case is no longer offered to this agent.</exception>
    public void Decline(Guid agentId, string reason, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        EnsureOfferedTo(agentId);
        ReturnToQueue(CaseEventReason.Declined, now, ActorKind.Agent, agentId.ToString(), reason, exclude: true);
    }

    /// <summary>
    /// Moves the case to another skill or team, back into routing, with a note; the transcript,
    /// briefing and history stay with it. The log's entry names the skill or the team.
    /// </summary>
    public void Transfer(Skill? skill, Guid? teamId, string? note, DateTime now, ActorKind actorKind, string? actorId)
    {
        if (!IsOpen) throw new DomainException("The case is resolved.");
        if (skill is { } s) RequiredSkill = s;
        if (teamId is not null) TeamId = teamId;
        // The agent who passed it on is not offered it straight back.
        ReturnToQueue(CaseEventReason.Transferred, now, actorKind, actorId, note, exclude: true, detail: skill?.ToString() ?? teamId?.ToString());
    }

    /// <summary>Sends the case to the Engineering tier with a structured bug report (JSON).</summary>
    public void EscalateToEngineering(string bugReportJson, DateTime now, ActorKind actorKind, string? actorId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bugReportJson);
        if (!IsOpen) throw new DomainException("The case is resolved.");
        if (Tier == AgentTier.Engineering) throw new DomainException("The case is already with engineering.");
        Tier = AgentTier.Engineering;
        TeamId = null;
        BugReport = bugReportJson;
        ReturnToQueue(CaseEventReason.ToEngineering, now, actorKind, actorId, comment: null, exclude: false, detail: bugReportJson);
    }

    /// <summary>Records that the assigned agent replied to the customer; the first reply stops the reply deadline.</summary>
    public void RecordReply(Guid agentId, DateTime now)
    {
        if (Status != CaseStatus.Assigned || AssignedAgentId != agentId) throw new DomainException("Only the assigned agent can reply on this case.");
        if (FirstRepliedAt is null)
        {
            FirstRepliedAt = now.EnsureUtc(nameof(now));
            FirstReplyDueAt = null;
        }
        Log(CaseEventType.Replied, now, ActorKind.Agent, agentId.ToString());
    }

    /// <summary>Keeps the latest routing decision: its summary in the log, its full explanation on the case.</summary>
    public void RecordRouting(string summary, string explanationJson, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        RoutingSummary = summary;
        RoutingExplanation = explanationJson;
        Log(CaseEventType.Routed, now, ActorKind.System, null, detail: summary);
    }

    /// <summary>Closes the case as resolved, with a note for the record.</summary>
    public void Resolve(string note, DateTime now, ActorKind actorKind, string? actorId)
    {
        if (Status == CaseStatus.Resolved) throw new DomainException("The case is already resolved.");
        var conversation = Conversation ?? throw new InvalidOperationException("Load the case's conversation before resolving it.");
        MoveTo(CaseStatus.Resolved);
        conversation.MoveTo(ConversationStage.Resolved);
        OfferedAgentId = null;
        OfferedAt = null;
        OfferExpiresAt = null;
        FirstReplyDueAt = null;
        ResolutionNote = note;
        ResolvedAt = now.EnsureUtc(nameof(now));
        Log(CaseEventType.Resolved, now, actorKind, actorId, reason: CaseEventReason.Resolved, comment: note);
    }

    /// <summary>
    /// Keeps the category the resolving agent confirmed (the same as <see cref="Category"/>) or
    /// corrected, so the classifier's accuracy can be measured. Once, right after <see cref="Resolve"/>.
    /// </summary>
    /// <exception cref="DomainException">The case is not resolved, or its category was already confirmed.</exception>
    public void ConfirmResolvedCategory(IssueCategory category)
    {
        if (!Enum.IsDefined(category)) throw new DomainException($"Unknown category {category}.");
        if (Status != CaseStatus.Resolved) throw new DomainException("The category is confirmed as the case is resolved.");
        if (ResolvedCategory is not null) throw new DomainException("The case's category was already confirmed.");
        ResolvedCategory = category;
    }

    /// <summary>The longest comment on a flag.</summary>
    public const int MaxFlagCommentLength = FeedbackFlag.MaxCommentLength;

    /// <summary>Adds an internal note, for the desk only, to the case's log. Resolved cases take notes too.</summary>
    /// <exception cref="DomainException">The note is empty or too long.</exception>
    public CaseEvent AddNote(string text, DateTime now, ActorKind actorKind, string? actorId)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("A note needs text.");
        if (text.Length > FieldLimits.WrittenText) throw new DomainException($"A note may be at most {FieldLimits.WrittenText} characters.");
        return Log(CaseEventType.Noted, now, actorKind, actorId, comment: text.Trim());
    }

    /// <summary>
    /// Records the agent's feedback on the escalation or the routing, with an optional comment, as a
    /// <see cref="FeedbackFlag"/>, and logs a <see cref="CaseEventType.Flagged"/> entry naming the flag.
    /// The store refuses a second flag of the same kind by the same actor.
    /// </summary>
    /// <exception cref="DomainException">The flag is unknown, the actor unnamed or the comment too long.</exception>
    public FeedbackFlag Flag(CaseFlag flag, string? comment, DateTime now, ActorKind actorKind, string? actorId)
    {
        if (!Enum.IsDefined(flag)) throw new DomainException($"Unknown flag {flag}.");
        if (string.IsNullOrWhiteSpace(actorId)) throw new DomainException("A flag needs someone who raises it.");
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment?.Length > MaxFlagCommentLength) throw new DomainException($"A comment may be at most {MaxFlagCommentLength} characters.");
        var raised = new FeedbackFlag(this, flag, actorKind, actorId, comment, now);
        _flags.Add(raised);
        Log(CaseEventType.Flagged, now, actorKind, actorId, detail: flag.ToString());
        return raised;
    }

    /// <summary>
    /// Appends an entry to the case's log: the system's <paramref name="detail"/>, the
    /// <paramref name="reason"/> for a move, and a human's <paramref name="comment"/>.
    /// </summary>
    public CaseEvent Log(CaseEventType type, DateTime at, ActorKind actorKind, string? actorId, string? detail = null,
        CaseEventReason? reason = null, string? comment = null)
    {
        var entry = new CaseEvent(this, type, at, actorKind, actorId, detail, reason, comment);
        _events.Add(entry);
        return entry;
    }

    private void EnsureOfferedTo(Guid agentId)
    {
        if (Status != CaseStatus.Offered || OfferedAgentId != agentId) throw new OfferNotPendingException(Id);
    }

    private void ClearHolder()
    {
        AssignedAgentId = null;
        AssignedAgent = null;
        OfferedAgentId = null;
        OfferedAt = null;
        OfferExpiresAt = null;
        FirstReplyDueAt = null;
        CapacityOverride = false;
    }

    private void MoveTo(CaseStatus next)
    {
        if (Status == CaseStatus.Resolved) throw new DomainException("The case is resolved.");
        Status = next;
    }
}
