namespace AgentConsole.Core.Triggers.Classification;

/// <summary>
/// Multinomial logistic regression over embeddings: one weight vector and bias per category,
/// trained by full-batch Adam on cross-entropy with L2 weight decay and class-balanced weights.
/// It learns which directions of the embedding space separate the categories, so it carries over
/// to phrasings that no single example is close to. Training is deterministic.
/// </summary>
internal sealed class SoftmaxRegression
{
    internal const int Iterations = 200;
    internal const float LearningRate = 0.05f;
    internal const float WeightDecay = 1e-4f;

    private readonly float[] _weights;
    private readonly float[] _biases;
    private readonly int _dimensions;

    private SoftmaxRegression(float[] weights, float[] biases, int dimensions)
    {
        _weights = weights;
        _biases = biases;
        _dimensions = dimensions;
    }

    public int Categories => _biases.Length;

    /// <param name="matrix">Row-major examples, <paramref name="dimensions"/> floats each.</param>
    /// <param name="labels">Each example's category index.</param>
    /// <param name="dimensions">The length of one example's embedding.</param>
    /// <param name="categories">How many categories there are; a category without examples is never favoured.</param>
    public static SoftmaxRegression Train(ReadOnlySpan<float> matrix, ReadOnlySpan<int> labels, int dimensions, int categories)
    {
        var n = labels.Length;
        var weights = new float[categories * dimensions];
        var biases = new float[categories];
        if (n == 0) return new SoftmaxRegression(weights, biases, dimensions);

        // Class-balanced: every category present weighs the same in the loss however many examples it has.
        var counts = new int[categories];
        foreach (var label in labels) counts[label]++;
        var present = counts.Count(c => c > 0);
        var sampleWeight = new float[categories];
        for (var c = 0; c < categories; c++)
            sampleWeight[c] = counts[c] == 0 ? 0 : (float)n / (present * counts[c]) / n;

        var gradW = new float[weights.Length];
        var gradB = new float[categories];
        var m1W = new float[weights.Length];
        var m2W = new float[weights.Length];
        var m1B = new float[categories];
        var m2B = new float[categories];
        var scores = new double[categories];
        const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;

        for (var iteration = 1; iteration <= Iterations; iteration++)
        {
            Array.Clear(gradW);
            Array.Clear(gradB);
            for (var i = 0; i < n; i++)
            {
                var x = matrix.Slice(i * dimensions, dimensions);
                for (var c = 0; c < categories; c++)
                    scores[c] = biases[c] + VectorMath.Dot(weights.AsSpan(c * dimensions, dimensions), x);
                VectorMath.SoftmaxInPlace(scores);
                var weight = sampleWeight[labels[i]];
                for (var c = 0; c < categories; c++)
                {
                    var g = (float)((scores[c] - (c == labels[i] ? 1 : 0)) * weight);
                    gradB[c] += g;
                    VectorMath.AddScaled(g, x, gradW.AsSpan(c * dimensions, dimensions));
                }
            }
            VectorMath.AddScaled(WeightDecay, weights, gradW);

            var correction1 = 1 - MathF.Pow(beta1, iteration);
            var correction2 = 1 - MathF.Pow(beta2, iteration);
            AdamStep(weights, gradW, m1W, m2W);
            AdamStep(biases, gradB, m1B, m2B);

            void AdamStep(float[] parameters, float[] gradient, float[] m1, float[] m2)
            {
                for (var k = 0; k < parameters.Length; k++)
                {
                    m1[k] = beta1 * m1[k] + (1 - beta1) * gradient[k];
                    m2[k] = beta2 * m2[k] + (1 - beta2) * gradient[k] * gradient[k];
                    parameters[k] -= LearningRate * (m1[k] / correction1) / (MathF.Sqrt(m2[k] / correction2) + epsilon);
                }
            }
        }
        return new SoftmaxRegression(weights, biases, dimensions);
    }

    /// <summary>Writes the probability of each category for <paramref name="embedding"/>.</summary>
    public void Probabilities(ReadOnlySpan<float> embedding, Span<double> probabilities)
    {
        for (var c = 0; c < _biases.Length; c++)
            probabilities[c] = _biases[c] + VectorMath.Dot(_weights.AsSpan(c * _dimensions, _dimensions), embedding);
        VectorMath.SoftmaxInPlace(probabilities);
    }
}
