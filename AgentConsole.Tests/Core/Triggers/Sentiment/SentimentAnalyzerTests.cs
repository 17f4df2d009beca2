using AgentConsole.Core.Triggers.Sentiment;

namespace AgentConsole.Tests.Core.Triggers.Sentiment;

public sealed class SentimentAnalyzerTests
{
    private static readonly SentimentAnalyzer Analyzer = new(SentimentLexicon.Default);

    private static MessageSentiment Read(string text) => Analyzer.Analyze(text);

    [Theory]
    [InlineData("how do I change my address?")]
    [InlineData("i want to cancel my order")]
    [InlineData("I need to reset my password")]
    [InlineData("my card was declined, can you help?")]
    [InlineData("what are your opening hours")]
    [InlineData("How many times can I withdraw per day?")]
    [InlineData("delivery takes 3 days, right?")]
    [InlineData("hello")]
    public void ReadsPoliteSupportQuestionsAsCalm(string text)
    {
        var sentiment = Read(text);

        Assert.InRange(sentiment.Score, -0.1, 0.3);
        Assert.True(sentiment.Frustration < 0.2, $"frustration {sentiment.Frustration}");
        Assert.False(sentiment.TimePressure);
        Assert.Empty(sentiment.Cues);
    }

    [Theory]
    [InlineData("the app keeps crashing when I open my statements")]
    [InlineData("checkout is stuck on an error, urgent please")]
    public void ATermThatOnlyReportsAProblemCountsAtItsWeightTowardFrustrationButFullyTowardSentiment(string text)
    {
        // Arrange
        var full = new SentimentAnalyzer(SentimentLexicon.Default, problemWeight: 1);
        var half = new SentimentAnalyzer(SentimentLexicon.Default, problemWeight: 0.5);

        // Act
        var (asAnyTerm, asReport) = (full.Analyze(text), half.Analyze(text));

        // Assert
        Assert.Equal(asAnyTerm.Score, asReport.Score);
        Assert.True(asReport.Frustration < asAnyTerm.Frustration, $"{asReport.Frustration} vs {asAnyTerm.Frustration}");
        Assert.True(asReport.Frustration < 0.4, $"frustration {asReport.Frustration}");
    }

    [Fact]
    public void AngerBesideAProblemIsFrustrationWhateverTheProblemWeight()
    {
        // Arrange
        var report = new SentimentAnalyzer(SentimentLexicon.Default, problemWeight: 0);

        // Act
        var sentiment = report.Analyze("the app keeps crashing and frankly this is ridiculous, absolutely useless");

        // Assert
        Assert.True(sentiment.Frustration >= 0.5, $"frustration {sentiment.Frustration}");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void AProblemWeightOutsideZeroToOneIsRefused(double weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SentimentAnalyzer(SentimentLexicon.Default, weight));

    [Theory]
    [InlineData("please ignore, that was meant for my husband")]
    [InlineData("ignore that, found the setting myself")]
    [InlineData("ignore my last message, I sent it too soon")]
    public void ACustomerWithdrawingTheirOwnMessageIsNotIgnoredByTheDesk(string text)
    {
        var sentiment = Read(text);

        Assert.True(sentiment.Frustration < 0.2, $"frustration {sentiment.Frustration}");
        Assert.True(Read("you keep ignoring my emails").Frustration > 0.2, "ignoring the customer is still a complaint");
    }

    [Fact]
    public void ReadsHoursOfTryingAndRidiculousAsStronglyFrustrated()
    {
        var sentiment = Read("I've been trying for hours and this is ridiculous!!!");

        Assert.True(sentiment.Score < -0.6, $"score {sentiment.Score}");
        Assert.True(sentiment.Frustration > 0.75, $"frustration {sentiment.Frustration}");
        Assert.True(sentiment.TimePressure);
        Assert.Equal(3, sentiment.LongestExclamationRun);
        Assert.Contains("\"for hours\"", sentiment.Cues);
        Assert.Contains("\"this is ridiculous\"", sentiment.Cues);
        Assert.Contains("\"!!!\"", sentiment.Cues);
    }

    [Theory]
    [InlineData("this is terrible")]
    [InlineData("I'm so frustrated with you")]
    [InlineData("worst customer service ever")]
    [InlineData("you people are useless")]
    [InlineData("this is a scam, I want my money back")]
    [InlineData("I'm sick of this")]
    [InlineData("what a joke")]
    [InlineData("this app keeps crashing and nobody cares")]
    [InlineData("I'm fed up, taking my business elsewhere")]
    [InlineData("absolutely unacceptable")]
    [InlineData("😡😡😡")]
    public void ReadsClearComplaintsAsNegative(string text)
    {
        var sentiment = Read(text);

        Assert.True(sentiment.Score < -0.4, $"score {sentiment.Score}");
        Assert.True(sentiment.Frustration >= 0.45, $"frustration {sentiment.Frustration}");
        Assert.NotEmpty(sentiment.Cues);
    }

    [Theory]
    [InlineData("thank you so much, that fixed it")]
    [InlineData("great service, really appreciate it")]
    [InlineData("perfect, thanks!")]
    [InlineData("Oh great, thank you!")]
    [InlineData("Thanks a lot, that fixed it")]
    public void ReadsThanksAsPositiveAndCalm(string text)
    {
        var sentiment = Read(text);

        Assert.True(sentiment.Score > 0.4, $"score {sentiment.Score}");
        Assert.True(sentiment.Frustration < 0.1, $"frustration {sentiment.Frustration}");
    }

    [Fact]
    public void NegationTurnsGoodNegativeAndBadMildlyPositive()
    {
        Assert.True(Read("not good").Score < -0.2);
        Assert.InRange(Read("not bad").Score, 0.05, 0.4);
        Assert.True(Read("I'm not happy with this").Score < -0.2);
        Assert.True(Read("this is not very helpful").Score < 0);
    }

    [Theory]
    [InlineData("no problem")]
    [InlineData("no worries")]
    [InlineData("no thanks")]
    public void PhrasesThatContainANegatorAreReadWhole(string text) =>
        Assert.True(Read(text).Score >= 0);

    [Fact]
    public void ANegatorReachesOnlyAFewWordsAndStopsAtPunctuation()
    {
        Assert.True(Read("I don't know why but it is terrible").Score < -0.4);
        Assert.True(Read("no, it's still broken").Score < -0.3);
        Assert.True(Read("no it's still broken").Score < -0.3);
    }

    [Fact]
    public void IntensifiersStrengthenAndDampenersSoften()
    {
        var plain = Read("annoying").Score;

        Assert.True(Read("extremely annoying").Score < plain);
        Assert.True(Read("a bit annoying").Score > plain);
        Assert.True(Read("so very disappointed").Score < Read("disappointed").Score);
    }

    [Fact]
    public void AContrastWeighsWhatComesAfterIt()
    {
        Assert.True(Read("The app is great but support is terrible").Score < -0.3);
        Assert.True(Read("Support was slow but the app is great").Score > 0.3);
        Assert.True(Read("Although support was slow, the app is great").Score > 0.2);
    }

    [Fact]
    public void ThanksBeforeAButStillLeavesTheComplaintFrustrated()
    {
        var sentiment = Read("Thanks for your help but it still doesn't work");

        Assert.True(sentiment.Score < -0.2, $"score {sentiment.Score}");
        Assert.True(sentiment.Frustration > 0.5, $"frustration {sentiment.Frustration}");
    }

    [Fact]
    public void ASwearWordBeforeATermBoostsIt()
    {
        var boosted = Read("fucking useless");

        Assert.True(boosted.Score < Read("useless").Score);
        Assert.True(boosted.Profanity);
        Assert.Contains("\"fucking useless\"", boosted.Cues);
    }

    [Fact]
    public void ASwearWordOnItsOwnIsScoredAndSetsProfanity()
    {
        var sentiment = Read("how do I use the damn profile page");

        Assert.True(sentiment.Profanity);
        Assert.True(sentiment.Score < -0.3);
        Assert.True(sentiment.Frustration > 0.5);
    }

    [Fact]
    public void NegationDoesNotSoftenSwearing()
    {
        var sentiment = Read("don't fucking ignore me");

        Assert.True(sentiment.Score < -0.3, $"score {sentiment.Score}");
        Assert.True(sentiment.Profanity);
    }

    [Fact]
    public void CapitalsAndExclamationsRaiseFrustration()
    {
        var calm = Read("this is broken");
        var shouted = Read("THIS IS BROKEN!!!");

        Assert.True(shouted.Frustration > calm.Frustration + 0.2);
        Assert.Equal(1, shouted.CapsRatio);
        Assert.Contains("100% capitals", shouted.Cues);
        Assert.Contains("\"!!!\"", shouted.Cues);
    }

    [Fact]
    public void ShoutingWithoutNegativeWordsStillShowsFrustration()
    {
        var sentiment = Read("WHERE IS MY ORDER???");

        Assert.True(sentiment.Frustration >= 0.4, $"frustration {sentiment.Frustration}");
        Assert.Equal(3, sentiment.LongestQuestionRun);
    }

    [Fact]
    public void ShoutedDelightIsNotFrustration()
    {
        var sentiment = Read("THANK YOU SO MUCH!!!");

        Assert.True(sentiment.Score > 0.5);
        Assert.True(sentiment.Frustration < 0.2, $"frustration {sentiment.Frustration}");
    }

    [Theory]
    [InlineData("HELP")]
    [InlineData("OK NOW")]
    public void CapsRatioNeedsThreeWords(string text) =>
        Assert.Equal(0, Read(text).CapsRatio);

    [Theory]
    [InlineData("I've been waiting for hours", "for hours")]
    [InlineData("this is the third time I'm writing", "third time")]
    [InlineData("still waiting for my refund", "still waiting")]
    [InlineData("it's been broken for days now", "for days")]
    [InlineData("it fails again and again", "again and again")]
    [InlineData("no internet since monday", "since monday")]
    [InlineData("I've asked 5 times", "5 times")]
    [InlineData("on hold waiting for 3 hours", "for 3 hours")]
    [InlineData("down since 9am", "since 9am")]
    [InlineData("I've tried several times", "several times")]
    public void NoticesTimePressure(string text, string quoted)
    {
        var sentiment = Read(text);

        Assert.True(sentiment.TimePressure);
        Assert.Contains($"\"{quoted}\"", sentiment.Cues);
    }

    [Theory]
    [InlineData("Oh great, the app crashed again", "Oh great")]
    [InlineData("Just perfect. Now my account is locked and nobody answers", "Just perfect")]
    [InlineData("Thanks a lot, now I've been charged twice", "Thanks a lot")]
    public void ReadsPraiseBesideAComplaintAsSarcasm(string text, string quoted)
    {
        var sentiment = Read(text);

        Assert.True(sentiment.Score < -0.4, $"score {sentiment.Score}");
        Assert.Contains($"\"{quoted}\" (sarcasm)", sentiment.Cues);
    }

    [Theory]
    [InlineData("great, just great")]
    [InlineData("thanks for nothing")]
    [InlineData("yeah right")]
    public void ReadsUnmistakableSarcasmAsNegative(string text) =>
        Assert.True(Read(text).Score < -0.3);

    [Fact]
    public void ReadsNeverAgainAsACustomerWalkingAway()
    {
        var sentiment = Read("I'll never order from you again");

        Assert.True(sentiment.Score < -0.5, $"score {sentiment.Score}");
        Assert.Contains("\"never order from you again\"", sentiment.Cues);
    }

    [Fact]
    public void QuotesTheCustomersOwnWords()
    {
        var sentiment = Read("Honestly, your CHECKOUT is a Total Scam");

        Assert.Contains("\"is a Total Scam\"", sentiment.Cues);
    }

    [Fact]
    public void CountsWords()
    {
        Assert.Equal(4, Read("it is 42 percent broken").WordCount);
    }

    public static TheoryData<string, string> AdversarialInputs() => new()
    {
        { "exclamation marks", new string('!', 65536) },
        { "question marks", new string('?', 65536) },
        { "one word repeated", string.Concat(Enumerable.Repeat("terrible ", 65536 / 9)) },
        { "one short word repeated", string.Concat(Enumerable.Repeat("so ", 65536 / 3)) },
        { "negators", string.Concat(Enumerable.Repeat("not ", 65536 / 4)) },
        { "one long word", new string('a', 65536) },
        { "emoji", string.Concat(Enumerable.Repeat("😡", 32768)) },
        { "swearing", string.Concat(Enumerable.Repeat("fucking ", 65536 / 8)) },
        { "waits", string.Concat(Enumerable.Repeat("for 3 hours ", 65536 / 12)) },
        { "sarcasm", string.Concat(Enumerable.Repeat("oh great, thanks a lot but ", 65536 / 27)) },
    };

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void ReadsA64KilobyteAdversarialMessageSanely(string name, string text)
    {
        var sentiment = Read(text);

        Assert.True(double.IsFinite(sentiment.Score), name);
        Assert.InRange(sentiment.Score, -1, 1);
        Assert.InRange(sentiment.Frustration, 0, 1);
        Assert.InRange(sentiment.CapsRatio, 0, 1);
        Assert.True(sentiment.Cues.Count <= 8, name);
        Assert.All(sentiment.Cues, cue => Assert.True(cue.Length <= 100, cue));
    }
}
