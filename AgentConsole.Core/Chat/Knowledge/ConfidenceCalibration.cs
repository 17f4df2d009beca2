using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>What retrieval measured for one labelled question, and whether its best passage came from the right article.</summary>
/// <param name="Similarity">The cosine similarity of the best passage.</param>
/// <param name="Margin">How far that passage's similarity is above the best passage of any other article.</param>
/// <param name="IsRight">The best passage's article answers the question (never true for an unanswerable question).</param>
public readonly record struct CalibrationSample(double Similarity, double Margin, bool IsRight);

/// <summary>
/// A Platt mapping from what retrieval measures to the probability that the best passage's article
/// is the right one: σ(<see cref="Intercept"/> + <see cref="SimilarityWeight"/> × similarity +
/// <see cref="MarginWeight"/> × margin). The shipped coefficients are fitted with <see cref="Fit"/> on
/// the shipped labelled questions and stored in <c>calibration.json</c>.
/// </summary>
/// <param name="Intercept">The log-odds at zero similarity and zero margin.</param>
/// <param name="SimilarityWeight">The log-odds added per unit of the best passage's cosine similarity.</param>
/// <param name="MarginWeight">The log-odds added per unit of margin over the best passage of another article.</param>
public sealed record ConfidenceCalibration(
    [property: JsonPropertyName("intercept")] double Intercept,
    [property: JsonPropertyName("similarity")] double SimilarityWeight,
    [property: JsonPropertyName("margin")] double MarginWeight)
{
    /// <summary>The calibrated probability, in [0, 1], for a best passage with <paramref name="similarity"/> and <paramref name="margin"/>.</summary>
    public double Confidence(double similarity, double margin) => PlattFit.Sigmoid(Intercept + SimilarityWeight * similarity + MarginWeight * margin);

    /// <summary>The coefficients that ship embedded as <c>calibration.json</c>.</summary>
    public static ConfidenceCalibration LoadBuiltIn()
    {
        using var stream = KnowledgeResources.Open("calibration.json");
        return Parse(stream);
    }

    /// <summary>Reads <c>{"intercept": …, "similarity": …, "margin": …}</c>.</summary>
    /// <exception cref="FormatException">The JSON is malformed or a coefficient is missing or not finite.</exception>
    public static ConfidenceCalibration Parse(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new ConfidenceCalibration(Coefficient(root, "intercept"), Coefficient(root, "similarity"), Coefficient(root, "margin"));
        }
        catch (JsonException e)
        {
            throw new FormatException($"The confidence calibration is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// Fits the coefficients to <paramref name="samples"/> by maximum likelihood (Newton's method on
    /// standardised features, with a light ridge penalty so that separable samples still give finite
    /// weights). Deterministic: the same samples always give the same coefficients.
    /// </summary>
    /// <exception cref="ArgumentException">The samples are fewer than ten, or all have the same outcome.</exception>
    public static ConfidenceCalibration Fit(IReadOnlyList<CalibrationSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count < 10) throw new ArgumentException("Calibration needs at least ten samples.", nameof(samples));
        if (samples.All(s => s.IsRight) || !samples.Any(s => s.IsRight))
            throw new ArgumentException("Calibration needs samples both with the right article and with a wrong one.", nameof(samples));
        var w = PlattFit.Fit(samples);
        return new ConfidenceCalibration(w[0], w[1], w[2]);
    }

    /// <summary>
    /// Each sample's confidence from coefficients fitted on every other sample: an honest estimate of
    /// how the calibration does on questions it has not seen.
    /// </summary>
    public static IReadOnlyList<double> LeaveOneOut(IReadOnlyList<CalibrationSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var held = new double[samples.Count];
        Parallel.For(0, samples.Count, i =>
        {
            var others = samples.Where((_, j) => j != i).ToArray();
            held[i] = Fit(others).Confidence(samples[i].Similarity, samples[i].Margin);
        });
        return held;
    }

    /// <summary>The mean log loss of <paramref name="confidences"/> against the samples' outcomes; lower is better.</summary>
    public static double LogLoss(IReadOnlyList<CalibrationSample> samples, IReadOnlyList<double> confidences)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(confidences);
        if (samples.Count != confidences.Count || samples.Count == 0) throw new ArgumentException("Give one confidence for each sample.");
        return samples.Select((s, i) => -Math.Log(Math.Clamp(s.IsRight ? confidences[i] : 1 - confidences[i], 1e-12, 1))).Average();
    }

    private static double Coefficient(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble())
            ? value.GetDouble()
            : throw new FormatException($"The confidence calibration needs a finite number \"{name}\".");
}
