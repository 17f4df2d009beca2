using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Triggers.Classification;

/// <summary>
/// The project's own examples split deterministically: every fifth example of each category is
/// held back and the classifier trains on the rest, with the real MiniLM embedder. Classifying
/// the held-back fifth once is shared by the tests below.
/// </summary>
public sealed class HeldBackExamplesFixture
{
    public HeldBackExamplesFixture()
    {
        var perCategory = new Dictionary<IssueCategory, int>();
        var training = new List<CategoryExample>();
        var heldBack = new List<CategoryExample>();
        foreach (var example in CategoryExamples.LoadDefault())
        {
            var index = perCategory[example.Category] = perCategory.GetValueOrDefault(example.Category) + 1;
            (index % 5 == 0 ? heldBack : training).Add(example);
        }

        var classifier = new EmbeddingIssueClassifier(SharedEmbedder.Instance, training);
        HeldBack = heldBack;
        Predictions = classifier.Classify(heldBack.Select(e => e.Text).ToArray());
    }

    public IReadOnlyList<CategoryExample> HeldBack { get; }
    public IReadOnlyList<CategoryPrediction> Predictions { get; }

    public IEnumerable<(CategoryExample Example, CategoryPrediction Prediction)> Pairs => HeldBack.Zip(Predictions);

    public static double Accuracy(IEnumerable<(CategoryExample Example, CategoryPrediction Prediction)> pairs) =>
        pairs.Average(p => p.Prediction.Category == p.Example.Category ? 1.0 : 0.0);
}

public sealed class HeldBackExamplesTests(HeldBackExamplesFixture fixture) : IClassFixture<HeldBackExamplesFixture>
{
    // Measured: 84% overall, every category at 65% or better. The floors leave room for
    // admins' and the project's future edits to the examples without hiding a real regression.
    private const double OverallFloor = 0.75;
    private const double PerCategoryFloor = 0.55;

    [Fact]
    public void ClassifiesHeldBackExamplesIntoTheirCategories()
    {
        var accuracy = HeldBackExamplesFixture.Accuracy(fixture.Pairs);

        Assert.True(accuracy >= OverallFloor, $"Held-back accuracy {accuracy:P1} is below {OverallFloor:P0}.");
    }

    [Fact]
    public void EveryCategoryIsMostlyRecognised()
    {
        var byCategory = fixture.Pairs.GroupBy(p => p.Example.Category)
            .ToDictionary(g => g.Key, g => HeldBackExamplesFixture.Accuracy(g));

        Assert.Equal(Enum.GetValues<IssueCategory>().Order(), byCategory.Keys.Order());
        Assert.All(byCategory, c => Assert.True(c.Value >= PerCategoryFloor, $"{c.Key}: {c.Value:P0} of its held-back examples recognised."));
    }

    [Fact]
    public void MeanConfidenceMatchesHeldBackAccuracy()
    {
        var accuracy = HeldBackExamplesFixture.Accuracy(fixture.Pairs);
        var meanConfidence = fixture.Predictions.Average(p => p.Confidence);

        Assert.InRange(meanConfidence, accuracy - 0.08, accuracy + 0.08);
    }

    [Fact]
    public void HigherConfidenceMeansMoreOftenRight()
    {
        var ordered = fixture.Pairs.OrderBy(p => p.Prediction.Confidence).ToList();
        var lowerHalf = ordered.Take(ordered.Count / 2).ToList();
        var upperHalf = ordered.Skip(ordered.Count / 2).ToList();
        var confident = ordered.Where(p => p.Prediction.Confidence >= 0.9).ToList();

        Assert.True(HeldBackExamplesFixture.Accuracy(upperHalf) > HeldBackExamplesFixture.Accuracy(lowerHalf) + 0.15,
            $"Upper half {HeldBackExamplesFixture.Accuracy(upperHalf):P0} vs lower half {HeldBackExamplesFixture.Accuracy(lowerHalf):P0}.");
        Assert.True(confident.Count >= ordered.Count / 4, $"Only {confident.Count} of {ordered.Count} at 0.9 or more.");
        Assert.True(HeldBackExamplesFixture.Accuracy(confident) >= 0.88, $"{HeldBackExamplesFixture.Accuracy(confident):P0} right at 0.9 or more.");
    }
}
