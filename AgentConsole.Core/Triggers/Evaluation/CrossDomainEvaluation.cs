using AgentConsole.Core.Triggers.Classification;

namespace AgentConsole.Core.Triggers.Evaluation;

/// <summary>How the triggers did on one held-out set of labelled utterances.</summary>
public sealed record DomainScore(
    string Industry,
    bool HeldOut,
    int Utterances,
    double CategoryAccuracy,
    BinaryScore Escalate,
    BinaryScore PersonRequest,
    BinaryScore Security,
    BinaryScore Frustration)
{
    /// <summary>
    /// The project's own utterances this industry's judgement got wrong, for the person, security and
    /// frustration triggers; always empty for a held-out set, whose texts are for measuring only.
    /// </summary>
    public IReadOnlyList<TriggerMiss> Misses { get; init; } = [];
}

/// <summary>
/// One of the project's own labelled utterances a trigger judged wrongly: <paramref name="Labelled"/> says what the
/// label was; <paramref name="Why"/>, for a false alarm, which triggers fired and on what.
/// </summary>
public sealed record TriggerMiss(string Trigger, bool Labelled, string Text, string Why = "");

/// <summary>Counts of one yes/no judgement against its labels, and the figures they give (NaN where undefined).</summary>
public sealed record BinaryScore(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public int Positives => TruePositives + FalseNegatives;
    public double Precision => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => Positives == 0 ? double.NaN : (double)TruePositives / Positives;
    public double F1 => Precision + Recall is var sum && (double.IsNaN(sum) || sum == 0) ? double.NaN : 2 * Precision * Recall / sum;

    internal static BinaryScore Of<T>(IReadOnlyList<T> items, Func<T, bool> actual, Func<T, bool> predicted) => new(
        items.Count(i => actual(i) && predicted(i)), items.Count(i => !actual(i) && predicted(i)), items.Count(i => actual(i) && !predicted(i)));
}

/// <summary>
/// Leave-one-industry-out validation of the triggers. For each industry in turn, the classifier
/// learns from the general examples and every other industry's, and the triggers judge each of the
/// left-out industry's messages on its own, as the first message of a conversation: so the score
/// says how the triggers do on the words of an industry they have never seen. Sets given as
/// <em>held out</em> (such as a measuring set from outside the project) are judged by a
/// classifier that learned from all the built-in examples, and are never learned from.
/// </summary>
public static class CrossDomainEvaluation
{
    /// <summary>Scores each industry of <paramref name="industries"/> left out in turn, then each of <paramref name="heldOut"/>.</summary>
    /// <param name="embedder">The sentence embedder every fold's classifier uses; its cache makes each text's embedding a one-off.</param>
    /// <param name="options">The trigger options the decisions are made with.</param>
    /// <param name="general">Examples that belong to no industry: always learned from.</param>
    /// <param name="industries">The project's own labelled utterances, each tagged with its industry.</param>
    /// <param name="heldOut">Labelled sets scored but never learned from.</param>
    /// <param name="now">The time of every judged message.</param>
    /// <param name="progress">Told the name of each set as its scoring starts.</param>
    /// <param name="cancellationToken">Stops between sets and inside classification.</param>
    public static IReadOnlyList<DomainScore> Run(ITextEmbedder embedder, TriggerOptions options, IReadOnlyList<CategoryExample> general,
        IReadOnlyList<LabelledUtterance> industries, IReadOnlyList<LabelledUtterance> heldOut, DateTime now,
        Action<string>? progress = null, CancellationToken cancellationToken = default) =>
        Sweep(embedder, [options], general, industries, heldOut, now, progress, cancellationToken)[0];

    /// <summary>
    /// <see cref="Run"/> for each of <paramref name="variants"/>, which share each fold's classifier:
    /// the way to choose a threshold or weight is to compare its values here, never on one set.
    /// Returns the scores of each variant, in the variants' order.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<DomainScore>> Sweep(ITextEmbedder embedder, IReadOnlyList<TriggerOptions> variants, IReadOnlyList<CategoryExample> general,
        IReadOnlyList<LabelledUtterance> industries, IReadOnlyList<LabelledUtterance> heldOut, DateTime now,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(general);
        ArgumentNullException.ThrowIfNull(industries);
        ArgumentNullException.ThrowIfNull(heldOut);
        if (variants.Count == 0) throw new ArgumentException("At least one set of options is needed.", nameof(variants));
        var scores = variants.Select(_ => new List<DomainScore>()).ToList();
        void Score(string name, bool isHeldOut, IReadOnlyList<LabelledUtterance> set, IReadOnlyList<LabelledUtterance> learned)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Invoke(name);
            var classifier = new EmbeddingIssueClassifier(embedder, [.. general.Concat(learned.Select(u => u.Example))], LabelledUtterances.Messages(learned));
            // The classifier depends on no option: it runs once for every variant.
            var classified = new TriggerEngine(classifier, () => variants[0]).Classify(
                set.Select(u => new TriggerInput(TriggerInputKind.CustomerMessage, u.Text, now)), cancellationToken);
            for (var v = 0; v < variants.Count; v++)
            {
                var options = variants[v];
                scores[v].Add(ScoreSet(name, isHeldOut, set, new TriggerEngine(classifier, () => options), classified, now));
            }
        }

        foreach (var industry in industries.Select(u => u.Industry).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            Score(industry, false, [.. industries.Where(u => u.Industry == industry)], [.. industries.Where(u => u.Industry != industry)]);
        foreach (var set in heldOut.GroupBy(u => u.Industry, StringComparer.Ordinal)) Score(set.Key, true, [.. set], industries);
        return scores;
    }

    /// <summary>The decision the triggers make on <paramref name="text"/> as a conversation's first message.</summary>
    private static EscalationDecision Judge(TriggerEngine engine, string text, IReadOnlyDictionary<string, CategoryPrediction> classified, DateTime now)
    {
        var state = new TriggerState();
        engine.Apply(state, [new TriggerInput(TriggerInputKind.CustomerMessage, text, now)], classified);
        return engine.Decide(state, null, now);
    }

    private static DomainScore ScoreSet(string industry, bool heldOut, IReadOnlyList<LabelledUtterance> set, TriggerEngine engine,
        IReadOnlyDictionary<string, CategoryPrediction> classified, DateTime now)
    {
        var judged = set.Select(u => (Label: u, Decision: Judge(engine, u.Text, classified, now))).ToList();

        bool Gave(EscalationDecision d, ReasonCategory reason) => d.Escalate && d.Reasons.Any(r => r.Category == reason);
        var judgements = new (string Trigger, ReasonCategory Reason, Func<(LabelledUtterance Label, EscalationDecision Decision), bool> Actual, Func<(LabelledUtterance Label, EscalationDecision Decision), bool> Predicted)[]
        {
            ("person", ReasonCategory.CustomerRequest, j => j.Label.Reason == ReasonCategory.CustomerRequest, j => j.Decision.Reasons.Any(r => r.Category == ReasonCategory.CustomerRequest)),
            // Security is recall first: every message about fraud, theft, compromise or privacy should reach a human as a security case.
            ("security", ReasonCategory.SecurityCompliance, j => j.Label.Category == IssueCategory.Security || j.Label.Reason == ReasonCategory.SecurityCompliance,
                j => Gave(j.Decision, ReasonCategory.SecurityCompliance)),
            ("frustration", ReasonCategory.Sentiment, j => j.Label.Reason == ReasonCategory.Sentiment, j => j.Decision.Reasons.Any(r => r.Category == ReasonCategory.Sentiment)),
        };
        var misses = heldOut ? [] : judgements.SelectMany(t => judged.Where(j => t.Actual(j) != t.Predicted(j)).Select(j => new TriggerMiss(t.Trigger, t.Actual(j), j.Label.Text,
            string.Join("; ", j.Decision.Reasons.Where(r => r.Category == t.Reason).Select(r => $"{r.Trigger}: {r.Evidence}"))))).ToList();
        return new DomainScore(
            industry, heldOut, judged.Count,
            judged.Count == 0 ? double.NaN : judged.Count(j => j.Decision.Category == j.Label.Category) / (double)judged.Count,
            BinaryScore.Of(judged, j => j.Label.Escalate, j => j.Decision.Escalate),
            BinaryScore.Of(judged, judgements[0].Actual, judgements[0].Predicted),
            BinaryScore.Of(judged, judgements[1].Actual, judgements[1].Predicted),
            BinaryScore.Of(judged, judgements[2].Actual, judgements[2].Predicted)) { Misses = misses };
    }
}
