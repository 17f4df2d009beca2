using AgentConsole.Core.Triggers.Classification;

namespace AgentConsole.Core.Chat.Gaps;

/// <summary>A cluster found by <see cref="QuestionClusterer"/>: its members' indexes and their similarity to its centroid, closest first.</summary>
/// <param name="Members">Indexes into the embeddings given, closest to the centroid first (ties: lower index first).</param>
/// <param name="Similarities">Each member's cosine similarity to the cluster's centroid, in the same order.</param>
public sealed record EmbeddingCluster(IReadOnlyList<int> Members, IReadOnlyList<double> Similarities);

/// <summary>
/// Groups unit-length sentence embeddings by cosine similarity with leader clustering against running
/// centroids: in the order given, each embedding joins the cluster whose centroid it is most similar
/// to, when that similarity reaches the threshold, and otherwise starts a cluster of its own. Each
/// cluster's centroid is the normalised mean of its members so far. Deterministic for a given order;
/// the work is O(embeddings × clusters × dimensions). Pure.
/// </summary>
public static class QuestionClusterer
{
    /// <summary>The clusters of <paramref name="embeddings"/>, largest first (ties: the one started first).</summary>
    /// <param name="embeddings">Unit-length embeddings, all of one length, in a deterministic order (say, by time).</param>
    /// <param name="threshold">The least cosine similarity to a centroid to join its cluster.</param>
    public static IReadOnlyList<EmbeddingCluster> Cluster(IReadOnlyList<float[]> embeddings, double threshold)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var sums = new List<float[]>();
        var centroids = new List<float[]>();
        var members = new List<List<int>>();
        for (var i = 0; i < embeddings.Count; i++)
        {
            var embedding = embeddings[i];
            var (best, bestSimilarity) = (-1, double.NegativeInfinity);
            for (var c = 0; c < centroids.Count; c++)
            {
                double similarity = VectorMath.Dot(embedding, centroids[c]);
                if (similarity > bestSimilarity) (best, bestSimilarity) = (c, similarity);
            }
            if (best >= 0 && bestSimilarity >= threshold)
            {
                VectorMath.AddScaled(1, embedding, sums[best]);
                centroids[best] = Normalised(sums[best]);
                members[best].Add(i);
            }
            else
            {
                sums.Add((float[])embedding.Clone());
                centroids.Add(Normalised(embedding));
                members.Add([i]);
            }
        }

        return Enumerable.Range(0, members.Count)
            .OrderByDescending(c => members[c].Count).ThenBy(c => c)
            .Select(c =>
            {
                var ranked = members[c].Select(i => (Index: i, Similarity: (double)VectorMath.Dot(embeddings[i], centroids[c])))
                    .OrderByDescending(m => m.Similarity).ThenBy(m => m.Index).ToArray();
                return new EmbeddingCluster(ranked.Select(m => m.Index).ToArray(), ranked.Select(m => m.Similarity).ToArray());
            })
            .ToArray();
    }

    private static float[] Normalised(float[] vector)
    {
        var length = MathF.Sqrt(VectorMath.Dot(vector, vector));
        return length == 0 ? (float[])vector.Clone() : vector.Select(v => v / length).ToArray();
    }
}
