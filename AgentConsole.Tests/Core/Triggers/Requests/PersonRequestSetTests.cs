using AgentConsole.Core.Triggers.Requests;
using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Tests.Core.Triggers.Requests;

/// <summary>
/// A written set of requests for a person and of their near misses: the phrase pipeline must hear the
/// indirect forms and imperfect English, and must not fire on negations, product questions or someone
/// else's words. Every sentence here was written for this test.
/// </summary>
public sealed class PersonRequestSetTests
{
    private static readonly HumanRequestDetector Detector = new();

    [Theory]
    [InlineData("is there a phone number I can ring about my pension transfer")]
    [InlineData("could a supervisor look at my complaint please")]
    [InlineData("can someone from your team give me a ring tomorrow")]
    [InlineData("I'd rather sort this out with a real person")]
    [InlineData("anybody there?")]
    [InlineData("Could I get a call back this afternoon?")]
    [InlineData("could somebody walk me through setting up the direct debit")]
    [InlineData("who do I talk to about moving my business account")]
    [InlineData("can a manager check why my order was cancelled")]
    [InlineData("pls i need talk human")]
    [InlineData("me want speak with person of bank")]
    [InlineData("is possible someone call me, my english not so good")]
    [InlineData("can someone who actually understands billing look at this")]
    [InlineData("what number do I ring to sort out my gas bill")]
    [InlineData("which number should I call for the lost luggage team")]
    [InlineData("i need phone number of your office in Leeds")]
    [InlineData("any chance someone could go through the invoice with me?")]
    [InlineData("is it possible a manager could ring me tomorrow morning")]
    public void HearsIndirectRequestsAndImperfectEnglish(string text) =>
        Assert.NotNull(Detector.Detect(text));

    [Theory]
    [InlineData("I don't need an agent, the answer was enough")]
    [InlineData("no need for anyone to phone me, it's sorted now")]
    [InlineData("I don't want a callback or a specialist, just the form")]
    [InlineData("we do not require a consultant for this")]
    public void DoesNotFireOnNegations(string text) =>
        Assert.Null(Detector.Detect(text));

    [Theory]
    [InlineData("how do I add an agent to my plan")]
    [InlineData("what is the agent fee on the family plan")]
    [InlineData("does your live chat work on weekends")]
    [InlineData("is the 24-hour helpline free to call")]
    [InlineData("can the engineer come on Tuesday instead")]
    [InlineData("how many agents can we add on the team tier")]
    [InlineData("my phone number changed last month, where do I update it")]
    [InlineData("what's the phone number field for on the sign-up form")]
    [InlineData("someone could have told me about the fee before I signed")]
    [InlineData("the engineer could come on Tuesday?")]
    public void DoesNotFireOnProductQuestions(string text) =>
        Assert.Null(Detector.Detect(text));

    [Theory]
    [InlineData("the bot told me to contact a human, is that right?")]
    [InlineData("my friend said to ask for a supervisor")]
    [InlineData("the letter advised me to call the helpline")]
    [InlineData("when I call your helpline do I need my policy number")]
    public void DoesNotFireOnSomeoneElsesWordsOrAConditionalCall(string text) =>
        Assert.Null(Detector.Detect(text));

    [Theory]
    [InlineData("I don't need an agent, the answer was enough")]
    [InlineData("I don't want a call or an agent, just testing the chat")]
    [InlineData("no need for anyone to ring me back")]
    public void ReportsADeclinedRequestSoALearnedVoteCannotOverruleIt(string text)
    {
        var reading = Detector.Read(TextTokens.Of(text));

        Assert.Null(reading.Match);
        Assert.True(reading.Declined);
    }

    [Theory]
    [InlineData("the checkout page is slow today", false)]
    [InlineData("where is the export button", false)]
    [InlineData("is there a number for the claims line", true)]
    [InlineData("would it be possible to chat with a colleague of yours", true)]
    public void ReportsWhetherTheMessageNamesAPersonOrAWayToReachOne(string text, bool mentioned) =>
        Assert.Equal(mentioned, Detector.Read(TextTokens.Of(text)).Mentioned);
}
