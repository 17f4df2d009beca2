using AgentConsole.Core.Chat.Knowledge;

namespace AgentConsole.Tests.Core.Chat;

public sealed class FeedbackPhrasesTests
{
    [Theory]
    [InlineData("yes thanks")]
    [InlineData("Yes!")]
    [InlineData("that worked")]
    [InlineData("perfect")]
    [InlineData("It WORKED, thank you so much")]
    [InlineData("yep")]
    [InlineData("no problem, that worked")]
    public void HearsAYes(string message) => Assert.Equal(CustomerFeedback.Yes, FeedbackPhrases.BuiltIn.Classify(message));

    [Theory]
    [InlineData("no")]
    [InlineData("No.")]
    [InlineData("still broken")]
    [InlineData("didn't work")]
    [InlineData("didnt work")]
    [InlineData("it didn\u2019t work")]
    [InlineData("nope")]
    [InlineData("yes but it still doesn't work")]
    [InlineData("thanks but same error")]
    [InlineData("not really")]
    public void HearsANo(string message) => Assert.Equal(CustomerFeedback.No, FeedbackPhrases.BuiltIn.Classify(message));

    [Theory]
    [InlineData("how do I create an api key")]
    [InlineData("nothing shows up under invoices")]
    [InlineData("ok")]
    [InlineData("know what, what about refunds")]
    public void HearsNeitherInAnotherQuestion(string message) => Assert.Equal(CustomerFeedback.None, FeedbackPhrases.BuiltIn.Classify(message));

    [Fact]
    public void MatchesWholeWordsOnly()
    {
        var phrases = new FeedbackPhrases(noAnywhere: ["fail"], yesAnywhere: ["ok"], noLeading: [], yesLeading: []);

        var feedback = phrases.Classify("the failover looks okay");

        Assert.Equal(CustomerFeedback.None, feedback);
    }
}
