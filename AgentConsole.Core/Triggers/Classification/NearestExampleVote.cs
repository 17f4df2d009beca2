namespace AgentConsole.Core.Triggers.Classification;

/// <summary>
/// A similarity-weighted vote of the nearest labelled examples: each of the top
/// <see cref="Neighbours"/> examples by cosine similarity votes for its category with weight
/// exp(similarity / <see cref="Sharpness"/>), so a near-paraphrase outweighs a loose match.
/// It is what lets one admin-added example steer its close paraphrases at once.
/// </summary>
internal sealed class NearestExampleVote
{
    internal const int Neighbours = 10;
    internal const double Sharpness = 0.05;

    private readonly float[] _matrix;
    private readonly int[] _labels;
    private readonly int _dimensions;

    /// <param name="matrix">Row-major, unit-length example embeddings.</param>
    /// <param name="labels">Each example's category index.</param>
    /// <param name="dimensions">The length of one embedding.</param>
    public NearestExampleVote(float[] matrix, int[] labels, int dimensions)
    {
        _matrix = matrix;
        _labels = labels;
        _dimensions = dimensions;
    }

    /// <summary>
    /// Writes each category's share of the vote (summing to 1) and returns the similarity of the
    /// single nearest example, or -1 when there are no examples.
    /// </summary>
    public double Vote(ReadOnlySpan<float> embedding, Span<double> shares)
    {
        shares.Clear();
        var k = Math.Min(Neighbours, _labels.Length);
        if (k == 0) return -1;

        Span<float> topSimilarity = stackalloc float[k];
        Span<int> topLabel = stackalloc int[k];
        topSimilarity.Fill(float.NegativeInfinity);
        for (var i = 0; i < _labels.Length; i++)
        {
            var similarity = VectorMath.Dot(_matrix.AsSpan(i * _dimensions, _dimensions), embedding);
            if (similarity <= topSimilarity[k - 1]) continue;
            var at = k - 1;
            while (at > 0 && topSimilarity[at - 1] < similarity)
            {
                topSimilarity[at] = topSimilarity[at - 1];
                topLabel[at] = topLabel[at - 1];
                at--;
            }
            topSimilarity[at] = similarity;
            topLabel[at] = _labels[i];
        }

        // Weights are taken relative to the best match so exp() cannot overflow.
        var best = topSimilarity[0];
        var total = 0.0;
        for (var j = 0; j < k; j++)
        {
            var weight = Math.Exp((topSimilarity[j] - best) / Sharpness);
            shares[topLabel[j]] += weight;
            total += weight;
        }
        for (var c = 0; c < shares.Length; c++) shares[c] /= total;
        return best;
    }
}
