using AgentConsole.Core.Cases;

namespace AgentConsole.Tests.Core.Cases;

public sealed class RepeatComplaintsTests
{
    [Theory]
    [InlineData("I already told the bot my order number, it's 55120.", "already-said")]
    [InlineData("I've already explained this to your chatbot twice", "already-said")]
    [InlineData("The serial is on the screenshot I already sent", "already-said")]
    [InlineData("as I said, the charge shows up two times", "as-i-said")]
    [InlineData("Like I told the assistant, the login page just spins", "as-i-said")]
    [InlineData("I just said that. The invoice is from March.", "as-i-said")]
    [InlineData("I gave the bot all of this already!", "as-i-said")]
    [InlineData("You need my email address again?", "asked-again")]
    [InlineData("why are you asking for my account id again", "asked-again")]
    [InlineData("my order number again?? seriously", "asked-again")]
    [InlineData("Do I really have to repeat myself here?", "repeat-myself")]
    [InlineData("so I have to explain everything all over again", "repeat-myself")]
    [InlineData("please stop making me repeat the same details", "repeat-myself")]
    [InlineData("How many times do I have to give you the tracking code?", "repeat-myself")]
    [InlineData("I've explained the problem three times now", "repeat-myself")]
    [InlineData("Scroll up, the error is there", "look-above")]
    [InlineData("It's all in the chat, please read it", "look-above")]
    [InlineData("read the conversation above before asking", "look-above")]
    public void FindsACustomerMadeToRepeatThemselves(string message, string cue)
    {
        var found = RepeatComplaints.Find(message);

        Assert.NotNull(found);
        Assert.Equal(cue, found.Cue);
        Assert.Contains(found.Excerpt, message);
    }

    [Theory]
    [InlineData("The export failed again this morning.")]
    [InlineData("I was charged again for the same month")]
    [InlineData("Can you say that again? I missed the link.")]
    [InlineData("Could you repeat that again, slowly?")]
    [InlineData("Thanks, I already feel better about this")]
    [InlineData("I haven't already paid, have I?")]
    [InlineData("As you said, I'll try the reset link.")]
    [InlineData("I want to start over with a fresh workspace")]
    [InlineData("We rebuilt the report from scratch last week")]
    [InlineData("The button is above the table, right?")]
    [InlineData("Tried it again, same result.")]
    [InlineData("What times are you open on Saturday?")]
    [InlineData("The bot was helpful but I need a refund")]
    [InlineData("")]
    public void LeavesOtherMessagesAlone(string message) => Assert.Null(RepeatComplaints.Find(message));
}
