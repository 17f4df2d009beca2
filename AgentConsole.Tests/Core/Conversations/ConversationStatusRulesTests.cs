using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;

namespace AgentConsole.Tests.Core.Conversations;

public sealed class ConversationStatusRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(ConversationStatus.BotActive, ConversationStatus.Escalated)]
    [InlineData(ConversationStatus.Escalated, ConversationStatus.Queued)]
    [InlineData(ConversationStatus.Queued, ConversationStatus.Offered)]
    [InlineData(ConversationStatus.Offered, ConversationStatus.Queued)]
    [InlineData(ConversationStatus.Offered, ConversationStatus.Assigned)]
    [InlineData(ConversationStatus.Assigned, ConversationStatus.Queued)]
    [InlineData(ConversationStatus.Assigned, ConversationStatus.Resolved)]
    [InlineData(ConversationStatus.Resolved, ConversationStatus.BotActive)]
    [InlineData(ConversationStatus.Resolved, ConversationStatus.Closed)]
    [InlineData(ConversationStatus.BotActive, ConversationStatus.Closed)]
    public void AllowsTheMovesOfAnEscalationsLife(ConversationStatus from, ConversationStatus to) =>
        Assert.True(ConversationStatusRules.CanMove(from, to));

    [Theory]
    [InlineData(ConversationStatus.BotActive, ConversationStatus.Assigned)]
    [InlineData(ConversationStatus.BotActive, ConversationStatus.Queued)]
    [InlineData(ConversationStatus.Queued, ConversationStatus.BotActive)]
    [InlineData(ConversationStatus.Assigned, ConversationStatus.BotActive)]
    [InlineData(ConversationStatus.Resolved, ConversationStatus.Assigned)]
    [InlineData(ConversationStatus.Closed, ConversationStatus.BotActive)]
    [InlineData(ConversationStatus.Closed, ConversationStatus.Resolved)]
    public void RefusesMovesThatSkipOrReverseTheLifecycle(ConversationStatus from, ConversationStatus to) =>
        Assert.False(ConversationStatusRules.CanMove(from, to));

    [Fact]
    public void EveryStatusHasRules()
    {
        foreach (var status in Enum.GetValues<ConversationStatus>())
            _ = ConversationStatusRules.CanMove(status, ConversationStatus.Closed);
    }

    [Fact]
    public void AnIllegalMoveThrowsAndLeavesTheStatus()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", Now);

        var error = Assert.Throws<DomainException>(() => conversation.MoveTo(ConversationStatus.Assigned));

        Assert.Contains("BotActive to Assigned", error.Message);
        Assert.Equal(ConversationStatus.BotActive, conversation.Status);
    }

    [Fact]
    public void AClosedConversationAcceptsNoMoreMessages()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", Now);
        conversation.MoveTo(ConversationStatus.Closed);

        Assert.Throws<DomainException>(() => conversation.AddMessage(MessageAuthor.Customer, "hello?", Now));
        Assert.Throws<DomainException>(() => conversation.RecordPageView("https://example.com", null, Now));
        Assert.Empty(conversation.Messages);
    }

    [Fact]
    public void ACustomerMessageReopensAResolvedConversationButABotMessageDoesNot()
    {
        var conversation = new Conversation(Guid.NewGuid(), "c1", "web", Now);
        conversation.MoveTo(ConversationStatus.Resolved);

        conversation.AddMessage(MessageAuthor.Bot, "Anything else?", Now.AddMinutes(1));
        var afterBot = conversation.Status;
        conversation.AddMessage(MessageAuthor.Customer, "Actually yes", Now.AddMinutes(2));

        Assert.Equal(ConversationStatus.Resolved, afterBot);
        Assert.Equal(ConversationStatus.BotActive, conversation.Status);
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
