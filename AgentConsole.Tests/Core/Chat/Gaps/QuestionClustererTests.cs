using AgentConsole.Core.Chat.Gaps;

namespace AgentConsole.Tests.Core.Chat.Gaps;

/// <summary>Leader clustering of unit vectors, on vectors small enough to check by hand.</summary>
public sealed class QuestionClustererTests
{
    private static float[] Unit(double degrees) => [(float)Math.Cos(degrees * Math.PI / 180), (float)Math.Sin(degrees * Math.PI / 180)];

    [Fact]
    public void JoinsTheNearestCentroidAtTheThresholdAndStartsANewClusterBelowItLargestFirst()
    {
        // 0° and 30° are 0.87 alike; 90° is 0.5 alike to 30° and further from the pair's centroid (15°): cos 75° = 0.26.
        float[][] embeddings = [Unit(90), Unit(0), Unit(30)];

        var clusters = QuestionClusterer.Cluster(embeddings, threshold: 0.8);

        Assert.Equal(2, clusters.Count);
        Assert.Equal([1, 2], clusters[0].Members.Order());
        Assert.Equal([0], clusters[1].Members);
        // Both members sit 15° from their centroid.
        Assert.All(clusters[0].Similarities, s => Assert.Equal(Math.Cos(15 * Math.PI / 180), s, 5));
    }

    [Fact]
    public void AnEmbeddingBelowTheThresholdOfEveryCentroidStandsAlone()
    {
        float[][] embeddings = [Unit(0), Unit(30), Unit(60)];

        Assert.Equal(3, QuestionClusterer.Cluster(embeddings, threshold: 0.9).Count);
        Assert.Single(QuestionClusterer.Cluster(embeddings, threshold: 0.5));
    }

    [Fact]
    public void NoEmbeddingsMakeNoClusters() => Assert.Empty(QuestionClusterer.Cluster([], threshold: 0.6));
}
