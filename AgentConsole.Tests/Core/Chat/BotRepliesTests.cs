using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Core.Conversations;

namespace AgentConsole.Tests.Core.Chat;

public sealed class BotRepliesTests
{
    private static readonly ConfidenceCalibration AlwaysSure = new(50, 0, 0);
    private static readonly ConfidenceCalibration NeverSure = new(-50, 0, 0);
    private static readonly BotLines Lines = BotLines.BuiltIn;

    private static readonly PendingAnswer ExportAnswer =
        new("exports#when-an-export-fails", "Scheduled and manual exports: When an export fails", "my scheduled export keeps failing", ["exports"]);

    [Fact]
    public void AnswersAClearQuestionWithThePassageAndAsksWhetherItHelped()
    {
        var bot = new BotReplies(new KnowledgeLibrary(SharedRetriever.Instance));

        var turn = bot.Next("how do i stop a scheduled export", awaitingFeedback: null);

        Assert.StartsWith("## Editing or stopping a scheduled export\n\n", turn.ReplyMarkdown);
        Assert.EndsWith("\n\n" + Lines.DidThatHelp, turn.ReplyMarkdown);
        Assert.True(turn.Confidence >= bot.AnswerThreshold, $"Confidence {turn.Confidence:0.00}");
        Assert.Null(turn.Attempt);
        Assert.Equal("exports#editing-or-stopping-a-scheduled-export", turn.AwaitingFeedback?.PassageId);
        Assert.Equal(["exports"], turn.AwaitingFeedback!.TriedArticles);
    }

    [Fact]
    public void SaysItIsNotSureWithLowConfidenceWhenTheArticlesCannotAnswer()
    {
        var bot = new BotReplies(new KnowledgeLibrary(SharedRetriever.Instance));

        var turn = bot.Next("can you fix my car", awaitingFeedback: null);

        Assert.Equal(Lines.NotSure, turn.ReplyMarkdown);
        Assert.True(turn.Confidence < bot.AnswerThreshold, $"Confidence {turn.Confidence:0.00}");
        Assert.Null(turn.AwaitingFeedback);
        Assert.Null(turn.Attempt);
    }

    [Theory]
    [InlineData("yes thanks")]
    [InlineData("that worked")]
    [InlineData("perfect")]
    public void RecordsSuccessAndClosesWhenTheCustomerSaysTheAnswerHelped(string message)
    {
        var bot = new BotReplies(new KnowledgeLibrary(SharedRetriever.Instance));

        var turn = bot.Next(message, ExportAnswer);

        Assert.Equal(new BotAttempt(ExportAnswer.Description, AttemptOutcome.Succeeded), turn.Attempt);
        Assert.Equal(Lines.Closing, turn.ReplyMarkdown);
        Assert.Null(turn.AwaitingFeedback);
    }

    [Theory]
    [InlineData("no")]
    [InlineData("still broken")]
    [InlineData("didn't work")]
    public void RecordsFailureAndOffersAnotherArticleWhenTheAnswerDidNotHelp(string message)
    {
        var bot = new BotReplies(new KnowledgeLibrary(SharedRetriever.With(AlwaysSure)));

        var turn = bot.Next(message, ExportAnswer);

        Assert.Equal(new BotAttempt(ExportAnswer.Description, AttemptOutcome.Failed), turn.Attempt);
        Assert.StartsWith(Lines.Retry + "\n\n## ", turn.ReplyMarkdown);
        Assert.EndsWith(Lines.DidThatHelp, turn.ReplyMarkdown);
        var next = Assert.IsType<PendingAnswer>(turn.AwaitingFeedback);
        Assert.DoesNotContain("exports#", next.PassageId);
        Assert.Equal(ExportAnswer.Question, next.Question);
        Assert.Equal(2, next.TriedArticles.Count);
        Assert.Equal("exports", next.TriedArticles[0]);
    }

    [Fact]
    public void RecordsFailureAndSaysAPersonWillHelpWhenNoOtherArticleIsLikely()
    {
        var bot = new BotReplies(new KnowledgeLibrary(SharedRetriever.With(NeverSure)));

        var turn = bot.Next("no, still broken", ExportAnswer);

        Assert.Equal(AttemptOutcome.Failed, turn.Attempt?.Outcome);
        Assert.Equal(Lines.GettingPerson, turn.ReplyMarkdown);
        Assert.True(turn.Confidence < bot.AnswerThreshold, $"Confidence {turn.Confidence:0.00}");
        Assert.Null(turn.AwaitingFeedback);
    }

    [Fact]
    public void SaysAPersonWillHelpOnceEveryArticleHasBeenTried()
    {
        var retriever = SharedRetriever.With(AlwaysSure);
        var bot = new BotReplies(new KnowledgeLibrary(retriever));
        var allTried = ExportAnswer with { TriedArticles = retriever.Knowledge.Articles.Select(a => a.Slug).ToArray() };

        var turn = bot.Next("nope", allTried);

        Assert.Equal(Lines.GettingPerson, turn.ReplyMarkdown);
        Assert.Equal(0, turn.Confidence);
        Assert.Equal(AttemptOutcome.Failed, turn.Attempt?.Outcome);
    }

    [Fact]
    public void TakesANewQuestionAsSuchAndLeavesTheEarlierOutcomeUnknown()
    {
        var bot = new BotReplies(new KnowledgeLibrary(SharedRetriever.Instance));

        var turn = bot.Next("how do I create an api key", ExportAnswer);

        Assert.Equal(new BotAttempt(ExportAnswer.Description, AttemptOutcome.Unknown), turn.Attempt);
        Assert.StartsWith("api-keys-and-errors#", turn.AwaitingFeedback?.PassageId);
        Assert.Equal("how do I create an api key", turn.AwaitingFeedback!.Question);
    }

    [Fact]
    public void RecordsSuccessAndAnswersWhenThanksComesWithAnotherQuestion()
    {
        var bot = new BotReplies(new KnowledgeLibrary(SharedRetriever.Instance));

        var turn = bot.Next("thanks, that worked! how do I create an api key?", ExportAnswer);

        Assert.Equal(AttemptOutcome.Succeeded, turn.Attempt?.Outcome);
        Assert.StartsWith("api-keys-and-errors#", turn.AwaitingFeedback?.PassageId);
    }

    [Fact]
    public void AnAnswerThatFailsLeadsToASecondArticleOrAPersonNeverTheSameArticle()
    {
        var bot = new BotReplies(new KnowledgeLibrary(SharedRetriever.Instance));
        var first = bot.Next("I was charged twice this month", awaitingFeedback: null);

        var second = bot.Next("that didn't work", first.AwaitingFeedback);

        Assert.Equal(new BotAttempt(first.AwaitingFeedback!.Description, AttemptOutcome.Failed), second.Attempt);
        if (second.AwaitingFeedback is { } retry)
            Assert.NotEqual(first.AwaitingFeedback.PassageId.Split('#')[0], retry.PassageId.Split('#')[0]);
        else
            Assert.Equal(Lines.GettingPerson, second.ReplyMarkdown);
    }

    [Theory]
    [InlineData("Billing", "Connecting you with a billing specialist. They can see everything you've told me, so you won't need to repeat anything.")]
    [InlineData("API and Integrations", "Connecting you with an API and integrations specialist.")]
    [InlineData("Engineering", "Connecting you with an engineering specialist.")]
    [InlineData("Technical Troubleshooting", "Connecting you with a technical troubleshooting specialist.")]
    [InlineData("SSO", "Connecting you with an SSO specialist.")]
    public void HandoffLineNamesTheTeam(string team, string expectedStart)
    {
        var bot = new BotReplies(new KnowledgeLibrary(SharedRetriever.Instance));

        var line = bot.Handoff(team);

        Assert.StartsWith(expectedStart, line);
    }

    [Fact]
    public void AnswersFromTheArticlesTheLibraryHoldsWhenTheMessageArrives()
    {
        var library = new KnowledgeLibrary(SharedRetriever.Instance);
        var bot = new BotReplies(library);
        const string Question = "how do I pair a greenhouse humidity sensor with my account";
        var before = bot.Next(Question, awaitingFeedback: null);

        library.Replace(new KnowledgeBase([.. KnowledgeResources.Articles(),
            ("greenhouse-sensors", "# Greenhouse sensors\n## Pairing a greenhouse humidity sensor\nHold the sensor's button for five seconds until its light blinks green, then choose **Add sensor**.")]));
        var after = bot.Next(Question, awaitingFeedback: null);

        Assert.DoesNotContain("greenhouse", before.ReplyMarkdown, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("## Pairing a greenhouse humidity sensor\n\nHold the sensor's button", after.ReplyMarkdown);
        Assert.Equal("greenhouse-sensors#pairing-a-greenhouse-humidity-sensor", after.AwaitingFeedback?.PassageId);
    }

    [Fact]
    public void RefusesABlankMessage()
    {
        var bot = new BotReplies(new KnowledgeLibrary(SharedRetriever.Instance));

        Assert.Throws<ArgumentException>(() => bot.Next("   ", awaitingFeedback: null));
    }
}
