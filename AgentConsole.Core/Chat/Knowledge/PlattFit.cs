namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>Two-feature logistic regression by Newton's method: the numeric core of <see cref="ConfidenceCalibration.Fit"/>.</summary>
internal static class PlattFit
{
    /// <summary>
    /// The ridge penalty on the standardised weights (not the intercept). It is small beside the
    /// hundred-odd samples' log likelihood, yet keeps the weights finite if similarity alone separates them.
    /// </summary>
    public const double RidgePenalty = 1.0;

    private const int MaxIterations = 100;
    private const double Tolerance = 1e-10;

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>The coefficients [intercept, similarity, margin] in the samples' raw units.</summary>
    public static double[] Fit(IReadOnlyList<CalibrationSample> samples)
    {
        var (mean, scale) = Standardisation(samples);
        var rows = samples.Select(s => new[] { 1, (s.Similarity - mean[0]) / scale[0], (s.Margin - mean[1]) / scale[1] }).ToArray();
        var w = new double[3];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var gradient = new double[3];
            var hessian = new double[3, 3];
            for (var i = 0; i < rows.Length; i++)
            {
                var p = Sigmoid(Dot(w, rows[i]));
                var error = p - (samples[i].IsRight ? 1 : 0);
                var weight = Math.Max(p * (1 - p), 1e-12);
                for (var a = 0; a < 3; a++)
                {
                    gradient[a] += error * rows[i][a];
                    for (var b = 0; b < 3; b++) hessian[a, b] += weight * rows[i][a] * rows[i][b];
                }
            }
            for (var a = 1; a < 3; a++)
            {
                gradient[a] += RidgePenalty * w[a];
                hessian[a, a] += RidgePenalty;
            }
            var step = Solve(hessian, gradient);
            for (var a = 0; a < 3; a++) w[a] -= step[a];
            if (step.Max(Math.Abs) < Tolerance) break;
        }
        // Back from standardised features: a + Σ b (x − μ) / σ = (a − Σ b μ / σ) + Σ (b / σ) x.
        return [w[0] - w[1] * mean[0] / scale[0] - w[2] * mean[1] / scale[1], w[1] / scale[0], w[2] / scale[1]];
    }

    private static (double[] Mean, double[] Scale) Standardisation(IReadOnlyList<CalibrationSample> samples)
    {
        double[] mean = [samples.Average(s => s.Similarity), samples.Average(s => s.Margin)];
        double[] scale =
        [
            Math.Sqrt(samples.Average(s => Math.Pow(s.Similarity - mean[0], 2))),
            Math.Sqrt(samples.Average(s => Math.Pow(s.Margin - mean[1], 2))),
        ];
        // A feature that never varies carries no information; a unit scale leaves its weight to the ridge.
        for (var i = 0; i < 2; i++) if (scale[i] < 1e-9) scale[i] = 1;
        return (mean, scale);
    }

    private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

    /// <summary>Solves the 3 × 3 system by Gaussian elimination with partial pivoting.</summary>
    private static double[] Solve(double[,] matrix, double[] rhs)
    {
        var m = (double[,])matrix.Clone();
        var x = (double[])rhs.Clone();
        for (var col = 0; col < 3; col++)
        {
            var pivot = Enumerable.Range(col, 3 - col).MaxBy(r => Math.Abs(m[r, col]));
            for (var k = 0; k < 3; k++) (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (var r = col + 1; r < 3; r++)
            {
                var factor = m[r, col] / m[col, col];
                for (var k = col; k < 3; k++) m[r, k] -= factor * m[col, k];
                x[r] -= factor * x[col];
            }
        }
        for (var r = 2; r >= 0; r--)
        {
            for (var k = r + 1; k < 3; k++) x[r] -= m[r, k] * x[k];
            x[r] /= m[r, r];
        }
        return x;
    }
}
