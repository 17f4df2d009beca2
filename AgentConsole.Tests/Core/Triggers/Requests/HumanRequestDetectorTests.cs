using AgentConsole.Core.Triggers.Requests;
using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Tests.Core.Triggers.Requests;

public sealed class HumanRequestDetectorTests
{
    private static readonly HumanRequestDetector Detector = new();

    [Theory]
    [InlineData("real person")]
    [InlineData("speak to a manager")]
    [InlineData("agent please")]
    [InlineData("stop, let me talk to someone")]
    [InlineData("is there a human")]
    [InlineData("can I talk to a live agent")]
    [InlineData("connect me with customer service")]
    [InlineData("I want to speak with a representative")]
    [InlineData("operator")]
    [InlineData("transfer me")]
    [InlineData("get me a supervisor")]
    [InlineData("escalate this")]
    [InlineData("human please")]
    [InlineData("are you a bot? I want a person")]
    [InlineData("call me")]
    [InlineData("please call me back tomorrow")]
    [InlineData("I need to talk to someone from your team")]
    [InlineData("what is the customer service number")]
    [InlineData("how do I contact support")]
    [InlineData("how can I reach customer support by email?")]
    [InlineData("AGENT!!!")]
    [InlineData("representative")]
    [InlineData("customer service")]
    [InlineData("I'd like to speak to a human being")]
    [InlineData("can you put me through to someone")]
    [InlineData("I don't know how to talk to an agent")]
    [InlineData("why can't I talk to a real human")]
    [InlineData("I asked for a supervisor three times")]
    [InlineData("this bot is useless, give me an actual person")]
    [InlineData("can someone help me?")]
    [InlineData("is an agent available")]
    [InlineData("I want to talk to my account manager")]
    [InlineData("I want to start a chat with an agent")]
    [InlineData("no, I need a human")]
    [InlineData("I don't want to wait, get me a human")]
    public void RecognisesTheManyWaysOfAskingForAHuman(string text) =>
        Assert.NotNull(Detector.Detect(text));

    [Theory]
    [InlineData("i want to speak to a represenative")]
    [InlineData("custmer service")]
    [InlineData("huma")]
    [InlineData("could I tak to a human please")]
    [InlineData("let me chat wth a real person")]
    [InlineData("I need to speek with an agent")]
    [InlineData("connect me to a supervsor")]
    public void ForgivesTyposInTheNounAndTheVerb(string text) =>
        Assert.NotNull(Detector.Detect(text));

    [Theory]
    [InlineData("I don't need a human")]
    [InlineData("no need to talk to anyone")]
    [InlineData("I don't want to speak to an agent")]
    [InlineData("I do not want to talk to a person, just fix it")]
    [InlineData("I don't think I need a manager for this")]
    [InlineData("I never asked for a supervisor")]
    [InlineData("a human agent is not necessary")]
    [InlineData("don't transfer me")]
    [InlineData("how do I cancel without talking to an agent")]
    public void IgnoresANegatedWish(string text) =>
        Assert.Null(Detector.Detect(text));

    [Theory]
    [InlineData("does the agent feature support SSO?")]
    [InlineData("how do I add a user as manager in my workspace")]
    [InlineData("what does the account manager role do")]
    [InlineData("the agent dashboard is broken")]
    [InlineData("is the human resources module included")]
    [InlineData("can my manager see my reports")]
    [InlineData("our support agents use your app")]
    [InlineData("how do I get manager permissions")]
    [InlineData("I need an agent license for a new hire")]
    [InlineData("how do I transfer a chat to another agent")]
    [InlineData("how do I switch agents in the inbox")]
    [InlineData("I need a password manager")]
    [InlineData("how do I update my contact number")]
    [InlineData("let the agent know I'm away")]
    public void IgnoresProductQuestionsThatMentionPeople(string text) =>
        Assert.Null(Detector.Detect(text));

    [Theory]
    [InlineData("my manager asked me to cancel")]
    [InlineData("I need my manager to approve this")]
    [InlineData("my manager will call me tomorrow")]
    [InlineData("I asked the agent about my refund and he said no")]
    [InlineData("I was talking to an agent and got disconnected")]
    [InlineData("am I talking to a real person?")]
    [InlineData("are you a human?")]
    [InlineData("please call me Tom")]
    [InlineData("what should I call you")]
    [InlineData("call my mom")]
    [InlineData("I want to transfer money to someone")]
    [InlineData("how do I give someone access to my account")]
    [InlineData("the customer service was great, thanks")]
    public void IgnoresThirdPartiesNamingAndQuestionsAboutTheBot(string text) =>
        Assert.Null(Detector.Detect(text));

    [Theory]
    [InlineData("speak to a manager")]
    [InlineData("get me your supervisor now")]
    [InlineData("I want someone in charge")]
    [InlineData("please escalate this")]
    [InlineData("I'd like this escalated")]
    public void FlagsARequestForAManager(string text) =>
        Assert.True(Detector.Detect(text)?.Manager);

    [Fact]
    public void APlainHumanRequestIsNotAManagerRequest() =>
        Assert.False(Detector.Detect("let me talk to a person")?.Manager);

    [Fact]
    public void FindsAManagerRequestInsideALongerMessage()
    {
        var text = "I ordered a laptop three weeks ago and it still hasn't arrived. The tracking page says nothing. " +
                   "Honestly I've had enough, I want to speak to your manager right now.";

        var match = Detector.Detect(text);

        Assert.NotNull(match);
        Assert.True(match.Manager);
        Assert.Equal("I want to speak to your manager", match.Evidence);
    }

    [Theory]
    [InlineData("stop, let me talk to someone", "let me talk to someone")]
    [InlineData("Can I talk to a live agent?", "Can I talk to a live agent")]
    [InlineData("ok so connect me with customer service agent", "connect me with customer service agent")]
    [InlineData("human please", "human please")]
    public void QuotesTheWordsThatAsked(string text, string evidence) =>
        Assert.Equal(evidence, Detector.Detect(text)?.Evidence);

    [Fact]
    public void EvidenceKeepsTheCustomersSpellingAfterTypoRepair() =>
        Assert.Equal("i want to speak to a represenative", Detector.Detect("i want to speak to a represenative")?.Evidence);

    [Fact]
    public void AcceptsPhrasingsAddedByAnAdmin()
    {
        var detector = new HumanRequestDetector(["hand me to a banker", "Open A Complaint With Head Office"]);

        Assert.NotNull(detector.Detect("can you hand me to a banker"));
        Assert.True(detector.Detect("I want to open a complaint with head office")?.Manager is false);
        Assert.Null(detector.Detect("I don't want to hand me to a banker"));
    }

    [Fact]
    public void ReadsTheSameTokensTheEngineShares()
    {
        var tokens = TextTokens.Of("Is there a human I can talk to?");

        Assert.Equal(Detector.Detect(tokens.Text), Detector.Detect(tokens));
    }

    [Fact]
    public void AnEmptyMessageAsksForNothing()
    {
        Assert.Null(Detector.Detect(""));
        Assert.Null(Detector.Detect("   !!! "));
    }

    public static TheoryData<string, string, bool> AdversarialInputs() => new()
    {
        { "exclamation marks", new string('!', 65536), false },
        { "one noun repeated", string.Concat(Enumerable.Repeat("agent ", 65536 / 6)), false },
        { "negated requests", string.Concat(Enumerable.Repeat("i don't want to talk to a human ", 65536 / 32)), false },
        { "naming calls", string.Concat(Enumerable.Repeat("call me tom ", 65536 / 12)), false },
        // Typos are forgiven only in messages of a few dozen words.
        { "typo bait", string.Concat(Enumerable.Repeat("talk to represenatives supervisr ", 65536 / 33)), false },
        { "one long word", new string('a', 65536), false },
        { "a request at the start", "let me talk to a human " + string.Concat(Enumerable.Repeat("blah ", 13000)), true },
    };

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void ReadsA64KilobyteAdversarialMessageSanely(string name, string text, bool request)
    {
        var match = Detector.Detect(text);

        Assert.True(request == match is not null, name);
        if (match is not null) Assert.True(match.Evidence.Length <= 161, name);
    }
}
