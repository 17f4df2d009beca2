using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;

namespace AgentConsole.Tests.Core.Triggers.Classification;

/// <summary>The classifier's mechanics, on a tiny word embedder so they run in milliseconds.</summary>
public sealed class EmbeddingIssueClassifierTests
{
    private static readonly string[] Vocabulary = ["invoice", "refund", "crash", "error", "password", "login", "hacked", "fraud", "weather", "joke"];

    private static readonly CategoryExample[] Examples =
    [
        new(IssueCategory.Billing, "invoice"), new(IssueCategory.Billing, "refund"), new(IssueCategory.Billing, "invoice refund"),
        new(IssueCategory.Technical, "crash"), new(IssueCategory.Technical, "error"), new(IssueCategory.Technical, "crash error"),
        new(IssueCategory.AccountAccess, "password"), new(IssueCategory.AccountAccess, "login"), new(IssueCategory.AccountAccess, "password login"),
        new(IssueCategory.Security, "hacked"), new(IssueCategory.Security, "fraud"), new(IssueCategory.Security, "hacked fraud"),
        new(IssueCategory.Other, "weather"), new(IssueCategory.Other, "joke"),
    ];

    [Fact]
    public void ClassifiesEachTextLikeItsExamples()
    {
        var classifier = new EmbeddingIssueClassifier(new WordEmbedder(Vocabulary), Examples);

        var predictions = classifier.Classify(["my invoice is wrong", "the app shows an error", "forgot my password", "I was hacked"]);

        Assert.Equal(
            [IssueCategory.Billing, IssueCategory.Technical, IssueCategory.AccountAccess, IssueCategory.Security],
            predictions.Select(p => p.Category));
        Assert.All(predictions, p => Assert.True(p.Confidence > 0.5, $"{p.Category} at {p.Confidence:F2}"));
    }

    [Fact]
    public void GivesAProbabilityForEveryCategoryThatSumsToOne()
    {
        var classifier = new EmbeddingIssueClassifier(new WordEmbedder(Vocabulary), Examples);

        var prediction = classifier.Classify(["refund my invoice"]).Single();

        Assert.Equal(Enum.GetValues<IssueCategory>().Order(), prediction.Probabilities.Keys.Order());
        Assert.Equal(1.0, prediction.Probabilities.Values.Sum(), 6);
        Assert.All(prediction.Probabilities.Values, p => Assert.InRange(p, 0, 1));
        Assert.Equal(prediction.Probabilities.Values.Max(), prediction.Confidence);
        Assert.Equal(prediction.Probabilities.MaxBy(p => p.Value).Key, prediction.Category);
    }

    [Fact]
    public void FallsBackToOtherForATextUnlikeEveryExample()
    {
        var classifier = new EmbeddingIssueClassifier(new WordEmbedder(Vocabulary), Examples);

        var prediction = classifier.Classify(["completely unrelated words"]).Single();

        Assert.Equal(IssueCategory.Other, prediction.Category);
    }

    [Fact]
    public void ReturnsTheEmbeddingAsACopyTheCallerMayKeep()
    {
        var classifier = new EmbeddingIssueClassifier(new WordEmbedder(Vocabulary), Examples);
        var first = classifier.Classify(["crash"]).Single();

        Array.Clear(first.Embedding!);
        var second = classifier.Classify(["crash"]).Single();

        Assert.Equal(Vocabulary.Length, second.Embedding!.Length);
        Assert.Equal(1f, second.Embedding.Max());
        Assert.Equal(IssueCategory.Technical, second.Category);
    }

    [Fact]
    public void AnEmptyBatchNeedsNoEmbedding()
    {
        var embedder = new WordEmbedder(Vocabulary);
        var classifier = new EmbeddingIssueClassifier(embedder, Examples);
        var callsAfterTraining = embedder.Calls;

        var predictions = classifier.Classify([]);

        Assert.Empty(predictions);
        Assert.Equal(callsAfterTraining, embedder.Calls);
    }

    [Fact]
    public void SetExamplesReplacesWhatTheClassifierLearnedFrom()
    {
        var classifier = new EmbeddingIssueClassifier(new WordEmbedder(Vocabulary), Examples);
        var relabelled = Examples.Select(e => e.Text.Contains("invoice") ? e with { Category = IssueCategory.Cancellation } : e).ToArray();

        classifier.SetExamples(relabelled);
        var prediction = classifier.Classify(["invoice"]).Single();

        Assert.Equal(IssueCategory.Cancellation, prediction.Category);
        Assert.Equal(relabelled, classifier.Examples);
    }

    [Fact]
    public async Task SetExamplesIsSafeWhileOtherThreadsClassify()
    {
        var classifier = new EmbeddingIssueClassifier(new WordEmbedder(Vocabulary), Examples);
        var relabelled = Examples.Select(e => e.Category == IssueCategory.Technical ? e with { Category = IssueCategory.Integration } : e).ToArray();
        using var stop = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentBag<IssueCategory>();

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                foreach (var p in classifier.Classify(["crash error", "refund"])) seen.Add(p.Category);
        })).ToArray();
        for (var i = 0; i < 20; i++) classifier.SetExamples(i % 2 == 0 ? relabelled : Examples);
        classifier.SetExamples(relabelled);
        stop.Cancel();
        await Task.WhenAll(readers);

        Assert.Subset(new HashSet<IssueCategory> { IssueCategory.Technical, IssueCategory.Integration, IssueCategory.Billing }, seen.ToHashSet());
        Assert.Equal(IssueCategory.Integration, classifier.Classify(["crash error"]).Single().Category);
    }

    [Fact]
    public void RefusesAnEmptySetOfExamplesAndKeepsTheOldOnes()
    {
        var classifier = new EmbeddingIssueClassifier(new WordEmbedder(Vocabulary), Examples);

        Assert.Throws<ArgumentException>(() => classifier.SetExamples([]));
        Assert.Throws<ArgumentException>(() => classifier.SetExamples([new(IssueCategory.Billing, "  ")]));

        Assert.Equal(IssueCategory.Billing, classifier.Classify(["refund"]).Single().Category);
    }
}
