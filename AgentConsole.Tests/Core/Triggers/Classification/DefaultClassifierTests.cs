using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Triggers.Classification;

/// <summary>The shipped classifier (MiniLM and the project's examples) on messages written for these tests.</summary>
public sealed class DefaultClassifierTests
{
    private static readonly Lazy<EmbeddingIssueClassifier> Default = new(() => EmbeddingIssueClassifier.CreateDefault(SharedEmbedder.Instance));

    [Theory]
    [InlineData("hey, you took the monthly fee out of my account two times in March", IssueCategory.Billing)]
    [InlineData("the app goes white and closes itself whenever I tap on settings", IssueCategory.Technical)]
    [InlineData("it keeps telling me my password is wrong and I can't get into my account", IssueCategory.AccountAccess)]
    [InlineData("somebody in another country signed into my account last night and changed my email", IssueCategory.Security)]
    [InlineData("our POST requests to your orders endpoint have been failing with a 502 since this morning", IssueCategory.Integration)]
    [InlineData("I'd like to end my subscription when this month is over", IssueCategory.Cancellation)]
    [InlineData("which of your plans lets me add more than ten users?", IssueCategory.ProductQuestion)]
    [InlineData("what's a good recipe for pancakes", IssueCategory.Other)]
    public void ClassifiesPlainMessagesIntoTheObviousCategory(string text, IssueCategory expected)
    {
        var prediction = Default.Value.Classify([text]).Single();

        Assert.Equal(expected, prediction.Category);
    }

    [Fact]
    public void ReturnsOnePredictionPerTextInOrderWithTheEmbedding()
    {
        string[] texts = ["refund please", "refund please", "my screen is frozen", "hello"];

        var predictions = Default.Value.Classify(texts);

        Assert.Equal(texts.Length, predictions.Count);
        Assert.Equal(predictions[0].Category, predictions[1].Category);
        Assert.Equal(predictions[0].Embedding, predictions[1].Embedding);
        Assert.All(predictions, p => Assert.Equal(MiniLmEmbedder.EmbeddingDimensions, p.Embedding!.Length));
    }

    [Fact]
    public void LoadsTheProjectsExamples()
    {
        Assert.Equal(CategoryExamples.LoadDefault(), Default.Value.Examples);
    }
}
