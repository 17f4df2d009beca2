namespace AgentConsole.Core.Triggers.Classification;

/// <summary>
/// An immutable model of one set of labelled examples: a learned linear layer and a
/// nearest-example vote, averaged; then a temperature that makes the result's confidence honest;
/// then a fallback to <see cref="IssueCategory.Other"/> for a text unlike every example.
/// </summary>
internal sealed class ExampleModel
{
    internal static readonly int CategoryCount = Enum.GetValues<IssueCategory>().Length;

    /// <summary>How much the learned layer counts against the nearest-example vote.</summary>
    internal const double RegressionShare = 0.5;

    /// <summary>
    /// Below about this cosine similarity to its nearest example a text is about something the
    /// examples do not cover, so it is Other (small talk, or a question for some other service).
    /// </summary>
    internal const double OutOfScopeSimilarity = 0.3;

    /// <summary>How gradually the Other fallback takes over around <see cref="OutOfScopeSimilarity"/>.</summary>
    internal const double OutOfScopeSoftness = 0.025;

    internal const int CalibrationFolds = 5;

    private static readonly int OtherIndex = (int)IssueCategory.Other;

    private readonly SoftmaxRegression _regression;
    private readonly NearestExampleVote _vote;

    private ExampleModel(IReadOnlyList<CategoryExample> examples, SoftmaxRegression regression, NearestExampleVote vote, double temperature)
    {
        Examples = examples;
        _regression = regression;
        _vote = vote;
        Temperature = temperature;
    }

    public IReadOnlyList<CategoryExample> Examples { get; }

    /// <summary>The calibration temperature fitted on held-out folds; above 1 softens, below 1 sharpens.</summary>
    public double Temperature { get; }

    /// <summary>Trains on <paramref name="embeddings"/> (one per example, unit length) and calibrates by cross-validation.</summary>
    public static ExampleModel Train(IReadOnlyList<CategoryExample> examples, float[][] embeddings, int dimensions)
    {
        var (matrix, labels) = Flatten(embeddings, examples, dimensions, Enumerable.Range(0, examples.Count));
        var regression = SoftmaxRegression.Train(matrix, labels, dimensions, CategoryCount);
        var vote = new NearestExampleVote(matrix, labels, dimensions);
        var temperature = FitTemperature(examples, embeddings, dimensions);
        return new ExampleModel(examples, regression, vote, temperature);
    }

    /// <summary>Writes the calibrated probability of each category for <paramref name="embedding"/>.</summary>
    public void Probabilities(ReadOnlySpan<float> embedding, Span<double> probabilities) =>
        Predict(_regression, _vote, Temperature, embedding, probabilities);

    private static void Predict(SoftmaxRegression regression, NearestExampleVote vote, double temperature, ReadOnlySpan<float> embedding, Span<double> probabilities)
    {
        Span<double> shares = stackalloc double[CategoryCount];
        var nearest = vote.Vote(embedding, shares);
        regression.Probabilities(embedding, probabilities);
        for (var c = 0; c < CategoryCount; c++)
            probabilities[c] = RegressionShare * probabilities[c] + (1 - RegressionShare) * shares[c];

        // Temperature scaling on the log of the averaged probabilities.
        for (var c = 0; c < CategoryCount; c++)
            probabilities[c] = Math.Log(Math.Max(probabilities[c], 1e-12)) / temperature;
        VectorMath.SoftmaxInPlace(probabilities);

        var outOfScope = 1 / (1 + Math.Exp((nearest - OutOfScopeSimilarity) / OutOfScopeSoftness));
        for (var c = 0; c < CategoryCount; c++)
            probabilities[c] *= 1 - outOfScope;
        probabilities[OtherIndex] += outOfScope;
    }

    /// <summary>
    /// Fits the temperature that minimises the log loss of predictions made for each example by
    /// a model trained without it (stratified folds), so confidence reflects accuracy on text the
    /// model has not seen rather than on its own training examples.
    /// </summary>
    private static double FitTemperature(IReadOnlyList<CategoryExample> examples, float[][] embeddings, int dimensions)
    {
        var n = examples.Count;
        if (n < 2 * CalibrationFolds) return 1;

        // Deterministic stratified folds: the i-th example of a category goes to fold i mod K.
        var fold = new int[n];
        var seen = new int[CategoryCount];
        for (var i = 0; i < n; i++) fold[i] = seen[(int)examples[i].Category]++ % CalibrationFolds;

        // Raw (temperature 1, no fallback) out-of-fold log-probabilities and nearest similarity.
        var logProbabilities = new double[n][];
        var nearest = new double[n];
        Parallel.For(0, CalibrationFolds, f =>
        {
            var (matrix, labels) = Flatten(embeddings, examples, dimensions, Enumerable.Range(0, n).Where(i => fold[i] != f));
            var regression = SoftmaxRegression.Train(matrix, labels, dimensions, CategoryCount);
            var vote = new NearestExampleVote(matrix, labels, dimensions);
            Span<double> shares = stackalloc double[CategoryCount];
            Span<double> probabilities = stackalloc double[CategoryCount];
            for (var i = 0; i < n; i++)
            {
                if (fold[i] != f) continue;
                nearest[i] = vote.Vote(embeddings[i], shares);
                regression.Probabilities(embeddings[i], probabilities);
                var row = new double[CategoryCount];
                for (var c = 0; c < CategoryCount; c++)
                    row[c] = Math.Log(Math.Max(RegressionShare * probabilities[c] + (1 - RegressionShare) * shares[c], 1e-12));
                logProbabilities[i] = row;
            }
        });

        double LogLoss(double temperature)
        {
            var loss = 0.0;
            Span<double> p = stackalloc double[CategoryCount];
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < CategoryCount; c++) p[c] = logProbabilities[i][c] / temperature;
                VectorMath.SoftmaxInPlace(p);
                var outOfScope = 1 / (1 + Math.Exp((nearest[i] - OutOfScopeSimilarity) / OutOfScopeSoftness));
                var truth = (int)examples[i].Category;
                var q = p[truth] * (1 - outOfScope) + (truth == OtherIndex ? outOfScope : 0);
                loss -= Math.Log(Math.Max(q, 1e-12));
            }
            return loss;
        }

        // Golden-section search on log(temperature); the log loss is unimodal in it.
        double low = Math.Log(0.05), high = Math.Log(20);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        for (var step = 0; step < 60; step++)
        {
            var a = high - ratio * (high - low);
            var b = low + ratio * (high - low);
            if (LogLoss(Math.Exp(a)) < LogLoss(Math.Exp(b))) high = b; else low = a;
        }
        return Math.Exp((low + high) / 2);
    }

    private static (float[] Matrix, int[] Labels) Flatten(float[][] embeddings, IReadOnlyList<CategoryExample> examples, int dimensions, IEnumerable<int> rows)
    {
        var chosen = rows.ToArray();
        var matrix = new float[chosen.Length * dimensions];
        var labels = new int[chosen.Length];
        for (var r = 0; r < chosen.Length; r++)
        {
            embeddings[chosen[r]].AsSpan(0, dimensions).CopyTo(matrix.AsSpan(r * dimensions, dimensions));
            labels[r] = (int)examples[chosen[r]].Category;
        }
        return (matrix, labels);
    }
}
