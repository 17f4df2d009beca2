using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Cases;

/// <summary>
/// One escalation of a conversation to humans: the decision that opened it, where it is in
/// routing, and the briefing the human reads first. Each change appends a <see cref="CaseEvent"/>
/// and keeps the conversation's status in step.
/// </summary>
public sealed class Case
{
    private readonly List<EscalationReason> _reasons = [];
    private readonly List<CaseEvent> _events = [];

    private Case() { }

    /// <summary>Opens a case for <paramref name="conversation"/>, which moves to Escalated.</summary>
    public Case(Conversation conversation, EscalationDecision decision, string briefingMarkdown, DateTime now, ActorKind actorKind = ActorKind.System, string? actorId = null)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        conversation.MoveTo(ConversationStatus.Escalated);
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
        Log(CaseEventType.Escalated, now, actorKind, actorId, string.Join("; ", decision.Reasons.Select(r => r.Category)));
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
    /// <summary>How many times the case came back after being offered or assigned.</summary>
    public int BounceCount { get; private set; }
    public IReadOnlyList<CaseEvent> Events => _events;

    /// <summary>Puts the case in the queue to wait for an agent.</summary>
    public void Queue(DateTime now, ActorKind actorKind = ActorKind.System, string? actorId = null, string? detail = null)
    {
        if (Status is CaseStatus.Offered or CaseStatus.Assigned) BounceCount++;
        MoveTo(CaseStatus.Queued, ConversationStatus.Queued);
        AssignedAgentId = null;
        AssignedAgent = null;
        QueuedAt = now.EnsureUtc(nameof(now));
        Log(CaseEventType.Queued, now, actorKind, actorId, detail);
    }

    /// <summary>Assigns the case to an agent.</summary>
    public void Assign(Agent agent, DateTime now, ActorKind actorKind = ActorKind.System, string? actorId = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        MoveTo(CaseStatus.Assigned, ConversationStatus.Assigned);
        AssignedAgent = agent;
        AssignedAgentId = agent.Id;
        AssignedAt = now.EnsureUtc(nameof(now));
        agent.MarkAssigned(now);
        Log(CaseEventType.Accepted, now, actorKind, actorId ?? agent.Id.ToString(), detail);
    }

    /// <summary>Closes the case as resolved, with a note for the record.</summary>
    public void Resolve(string note, DateTime now, ActorKind actorKind, string? actorId)
    {
        if (Status == CaseStatus.Resolved) throw new DomainException("The case is already resolved.");
        MoveTo(CaseStatus.Resolved, ConversationStatus.Resolved);
        ResolutionNote = note;
        ResolvedAt = now.EnsureUtc(nameof(now));
        Log(CaseEventType.Resolved, now, actorKind, actorId, note);
    }

    /// <summary>Appends an entry to the case's log.</summary>
    public CaseEvent Log(CaseEventType type, DateTime at, ActorKind actorKind, string? actorId, string? detail = null)
    {
        var entry = new CaseEvent(this, type, at, actorKind, actorId, detail);
        _events.Add(entry);
        return entry;
    }

    private void MoveTo(CaseStatus next, ConversationStatus conversationNext)
    {
        if (Status == CaseStatus.Resolved) throw new DomainException("The case is resolved.");
        Conversation?.MoveTo(conversationNext);
        Status = next;
    }
}
