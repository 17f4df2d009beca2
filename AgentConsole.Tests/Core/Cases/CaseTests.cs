using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Tests.Core.Cases;

public sealed class CaseTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    private static readonly EscalationDecision Decision = EscalationDecision.Escalated(
        [new EscalationReason(ReasonCategory.CustomerRequest, "explicit-request", "\"let me talk to a person\"")],
        IssueCategory.Billing, 0.9, CasePriority.High, Skill.Billing, AgentTier.Specialist, -0.4, SentimentTrend.Worsening);

    // What the bot API reports for the case's conversation: its stage, with the case's place while it is open.
    private static ConversationStatus ReportedStatus(Case @case) => ConversationStatuses.Of(@case.Conversation!.Stage, @case.IsOpen ? @case.Status : null);

    private static Agent Agent() => new("Marcus", "marcus@example.com", Guid.NewGuid(), AgentTier.Specialist, 3, [new AgentSkill(Skill.Billing, 5)]);

    [Fact]
    public void OpeningACaseEscalatesTheConversationAndLogsIt()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", Now);

        var @case = new Case(conversation, Decision, "**briefing**", Now);

        Assert.Equal((ConversationStage.WithHumans, ConversationStatus.Escalated), (conversation.Stage, ReportedStatus(@case)));
        Assert.Equal(CaseStatus.Escalated, @case.Status);
        Assert.Equal(CaseEventType.Escalated, Assert.Single(@case.Events).Type);
        Assert.Equal("\"let me talk to a person\"", Assert.Single(@case.Reasons).Evidence);
    }

    [Fact]
    public void TheConversationFollowsTheCaseThroughQueueAssignmentAndResolution()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", Now);
        var @case = new Case(conversation, Decision, "b", Now);
        var agent = Agent();

        @case.Queue(Now.AddSeconds(1));
        var queued = ReportedStatus(@case);
        @case.Assign(agent, Now.AddSeconds(2), ActorKind.Agent, agent.Id.ToString());
        var assigned = ReportedStatus(@case);
        @case.Resolve("Refunded the duplicate charge", Now.AddMinutes(9), ActorKind.Agent, agent.Id.ToString());

        Assert.Equal((ConversationStatus.Queued, ConversationStatus.Assigned, ConversationStatus.Resolved), (queued, assigned, ReportedStatus(@case)));
        Assert.Equal(ConversationStage.Resolved, conversation.Stage);
        Assert.Equal([CaseEventType.Escalated, CaseEventType.Queued, CaseEventType.Accepted, CaseEventType.Resolved], @case.Events.Select(e => e.Type));
        Assert.Equal(Now.AddSeconds(2), agent.LastAssignedAt);
        Assert.Equal(Now.AddMinutes(9), @case.ResolvedAt);
        Assert.Equal(0, @case.BounceCount);
    }

    [Fact]
    public void ReturningAnAssignedCaseToTheQueueCountsABounceAndFreesIt()
    {
        var @case = new Case(new Conversation(Guid.NewGuid(), "c1", "web", Now), Decision, "b", Now);
        @case.Queue(Now);
        @case.Assign(Agent(), Now);

        @case.Queue(Now.AddMinutes(5), ActorKind.User, "lead-1", "agent went offline");

        Assert.Equal(1, @case.BounceCount);
        Assert.Null(@case.AssignedAgentId);
        Assert.Equal("agent went offline", @case.Events[^1].Comment);
    }

    [Fact]
    public void AResolvedCaseCannotChangeAgain()
    {
        var @case = new Case(new Conversation(Guid.NewGuid(), "c1", "web", Now), Decision, "b", Now);
        @case.Resolve("done", Now, ActorKind.System, null);

        Assert.Throws<DomainException>(() => @case.Resolve("again", Now, ActorKind.System, null));
        Assert.Throws<DomainException>(() => @case.Queue(Now));
        Assert.Throws<DomainException>(() => @case.Assign(Agent(), Now));
    }

    [Fact]
    public void ACaseCannotOpenOnAConversationThatIsAlreadyWithHumans()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", Now);
        _ = new Case(conversation, Decision, "b", Now);

        Assert.Throws<DomainException>(() => new Case(conversation, Decision, "b", Now));
    }
}
