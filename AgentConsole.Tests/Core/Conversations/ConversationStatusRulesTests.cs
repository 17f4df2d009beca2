using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;

namespace AgentConsole.Tests.Core.Conversations;

public sealed class ConversationStatusRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(ConversationStage.WithBot, ConversationStage.WithHumans)]
    [InlineData(ConversationStage.WithHumans, ConversationStage.Resolved)]
    [InlineData(ConversationStage.Resolved, ConversationStage.WithBot)]
    [InlineData(ConversationStage.Resolved, ConversationStage.Closed)]
    [InlineData(ConversationStage.WithBot, ConversationStage.Resolved)]
    [InlineData(ConversationStage.WithBot, ConversationStage.Closed)]
    [InlineData(ConversationStage.WithHumans, ConversationStage.Closed)]
    public void AllowsTheMovesOfAnEscalationsLife(ConversationStage from, ConversationStage to) =>
        Assert.True(ConversationStatusRules.CanMove(from, to));

    [Theory]
    [InlineData(ConversationStage.WithHumans, ConversationStage.WithBot)]
    [InlineData(ConversationStage.WithHumans, ConversationStage.WithHumans)]
    [InlineData(ConversationStage.Resolved, ConversationStage.WithHumans)]
    [InlineData(ConversationStage.Closed, ConversationStage.WithBot)]
    [InlineData(ConversationStage.Closed, ConversationStage.Resolved)]
    public void RefusesMovesThatSkipOrReverseTheLifecycle(ConversationStage from, ConversationStage to) =>
        Assert.False(ConversationStatusRules.CanMove(from, to));

    [Fact]
    public void EveryStatusHasRules()
    {
        var stages = Enum.GetValues<ConversationStage>();
        var caseStatuses = Enum.GetValues<CaseStatus>().Select(s => (CaseStatus?)s).Append(null).ToList();

        // Every stored stage has rules, and every stage but the last may still close.
        Assert.All(stages, stage => Assert.Equal(stage != ConversationStage.Closed, ConversationStatusRules.CanMove(stage, ConversationStage.Closed)));
        // Every status the API reports comes from some stage and case status, and only humans' stage reports a case's place in routing.
        Assert.Equal(Enum.GetValues<ConversationStatus>().Order(), stages.SelectMany(stage => caseStatuses.Select(c => ConversationStatuses.Of(stage, c))).Distinct().Order());
        Assert.All(Enum.GetValues<ConversationStatus>().Where(ConversationStatusRules.IsWithHumans), status =>
            Assert.All(stages.Where(stage => caseStatuses.Any(c => ConversationStatuses.Of(stage, c) == status)), stage => Assert.Equal(ConversationStage.WithHumans, stage)));
    }

    [Theory]
    [InlineData(ConversationStage.WithBot, null, ConversationStatus.BotActive)]
    [InlineData(ConversationStage.WithHumans, null, ConversationStatus.Escalated)]
    [InlineData(ConversationStage.WithHumans, CaseStatus.Escalated, ConversationStatus.Escalated)]
    [InlineData(ConversationStage.WithHumans, CaseStatus.Queued, ConversationStatus.Queued)]
    [InlineData(ConversationStage.WithHumans, CaseStatus.Offered, ConversationStatus.Offered)]
    [InlineData(ConversationStage.WithHumans, CaseStatus.Assigned, ConversationStatus.Assigned)]
    [InlineData(ConversationStage.Resolved, null, ConversationStatus.Resolved)]
    [InlineData(ConversationStage.Closed, null, ConversationStatus.Closed)]
    public void TheReportedStatusIsTheStageWithTheOpenCasesPlace(ConversationStage stage, CaseStatus? openCase, ConversationStatus expected) =>
        Assert.Equal(expected, ConversationStatuses.Of(stage, openCase));

    [Fact]
    public void AnIllegalMoveThrowsAndLeavesTheStage()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", Now);
        conversation.MoveTo(ConversationStage.Closed);

        var error = Assert.Throws<DomainException>(() => conversation.MoveTo(ConversationStage.WithHumans));

        Assert.Contains("Closed to WithHumans", error.Message);
        Assert.Equal(ConversationStage.Closed, conversation.Stage);
    }

    [Fact]
    public void AClosedConversationAcceptsNoMoreMessages()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", Now);
        conversation.MoveTo(ConversationStage.Closed);

        Assert.Throws<DomainException>(() => conversation.AddMessage(MessageAuthor.Customer, "hello?", Now));
        Assert.Throws<DomainException>(() => conversation.RecordPageView("https://example.com", null, Now));
        Assert.Empty(conversation.Messages);
    }

    [Fact]
    public void ACustomerMessageReopensAResolvedConversationButABotMessageDoesNot()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", Now);
        conversation.MoveTo(ConversationStage.Resolved);

        conversation.AddMessage(MessageAuthor.Bot, "Anything else?", Now.AddMinutes(1));
        var afterBot = conversation.Stage;
        conversation.AddMessage(MessageAuthor.Customer, "Actually yes", Now.AddMinutes(2));

        Assert.Equal(ConversationStage.Resolved, afterBot);
        Assert.Equal(ConversationStage.WithBot, conversation.Stage);
    }

    [Fact]
    public void TracksFirstCustomerMessageAndLatestActivityWhateverTheArrivalOrder()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", Now);

        conversation.AddMessage(MessageAuthor.Customer, "second", Now.AddMinutes(5));
        conversation.AddMessage(MessageAuthor.Customer, "first", Now.AddMinutes(1));
        conversation.AddMessage(MessageAuthor.Bot, "reply", Now.AddMinutes(6), botConfidence: 0.7);

        Assert.Equal(Now.AddMinutes(1), conversation.FirstCustomerMessageAt);
        Assert.Equal(Now.AddMinutes(6), conversation.LastActivityAt);
        Assert.Equal(0.7, conversation.Messages[2].BotConfidence);
    }

    [Fact]
    public void RefusesLocalTimesAndOutOfRangeConfidence()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", Now);

        Assert.Throws<ArgumentException>(() => conversation.AddMessage(MessageAuthor.Customer, "hi", DateTime.SpecifyKind(Now, DateTimeKind.Local)));
        Assert.Throws<DomainException>(() => conversation.AddMessage(MessageAuthor.Bot, "hi", Now, botConfidence: 1.2));
    }

    [Fact]
    public void AConversationCannotChangeCustomer()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", Now);
        conversation.AttachCustomer(new Customer("cus-1", Now));

        Assert.Throws<DomainException>(() => conversation.AttachCustomer(new Customer("cus-2", Now)));
    }
}
