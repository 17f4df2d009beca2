using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace AgentConsole.Core.Triggers.Classification;

/// <summary>
/// The embedded default issue classifier: sentence embeddings compared with labelled example
/// utterances, with nothing downloaded at run time.
/// </summary>
/// <remarks>
/// <para>
/// Two views of the examples are averaged. A multinomial logistic regression trained on the
/// example embeddings learns which directions of the embedding space mark each category, and so
/// carries over to wordings no example is close to. A similarity-weighted vote of the ten nearest
/// examples lets a close paraphrase of an example follow it exactly, which is what an admin who
/// adds an example expects. The average is temperature-scaled, with the temperature fitted on
/// five-fold cross-validation of the examples, so <see cref="CategoryPrediction.Confidence"/>
/// estimates the chance the category is right. A text unlike every example (cosine similarity
/// to its nearest example below about 0.3) falls back to <see cref="IssueCategory.Other"/>.
/// </para>
/// <para>
/// Thread-safe. <see cref="SetExamples"/> trains a new immutable model and swaps it in, so a
/// <see cref="Classify"/> call already running finishes with the model it started with. Trained
/// models are remembered beside their embedder instance (and go with it), keyed by the examples'
/// content, so classifiers that share an embedder and load the same examples train once.
/// </para>
/// </remarks>
public sealed class EmbeddingIssueClassifier : IIssueClassifier
{
    private const int ModelCacheCapacity = 8;
    private static readonly ConditionalWeakTable<ITextEmbedder, Dictionary<string, ExampleModel>> ModelCache = new();

    private readonly ITextEmbedder _embedder;
    private readonly Lock _trainingLock = new();
    private readonly IReadOnlyList<LabelledMessage> _labelled;
    private readonly float[][] _labelledEmbeddings;
    private LabelVotes _votes = LabelVotes.None;
    private ExampleModel _model;

    /// <summary>The two label votes, trained together and swapped together.</summary>
    private sealed record LabelVotes(MessageLabelVote? Requests, MessageLabelVote? Complaints)
    {
        public static readonly LabelVotes None = new(null, null);
    }

    /// <summary>
    /// Creates a classifier over <paramref name="examples"/>, embedding and training on them now, and,
    /// when <paramref name="labelled"/> messages are given, votes of which messages ask for a person
    /// (<see cref="CategoryPrediction.PersonRequest"/>) and which complain (<see cref="CategoryPrediction.Complaint"/>),
    /// which admins' example edits leave as they are.
    /// </summary>
    /// <exception cref="ArgumentException">There are no examples, or one has a blank text.</exception>
    public EmbeddingIssueClassifier(ITextEmbedder embedder, IReadOnlyList<CategoryExample> examples, IReadOnlyList<LabelledMessage>? labelled = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        _embedder = embedder;
        _model = BuildModel(examples);
        _labelled = labelled ?? [];
        _labelledEmbeddings = _labelled.Count > 0 ? _embedder.Embed([.. _labelled.Select(r => r.Text)]) : [];
        foreach (var embedding in _labelledEmbeddings) CheckDimensions(embedding);
        _votes = TrainVotes(_labelled, _labelledEmbeddings);
    }

    /// <summary>A classifier over the project's own examples, with <paramref name="embedder"/> (the app's MiniLM singleton).</summary>
    public static EmbeddingIssueClassifier CreateDefault(ITextEmbedder embedder) =>
        new(embedder, CategoryExamples.LoadDefault(), Evaluation.LabelledUtterances.Messages(Evaluation.LabelledUtterances.BuiltIn));

    /// <summary>The labelled examples the classifier currently uses.</summary>
    public IReadOnlyList<CategoryExample> Examples => Volatile.Read(ref _model).Examples;

    /// <inheritdoc />
    public IReadOnlyList<CategoryPrediction> Classify(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) return [];
        var model = Volatile.Read(ref _model);
        var votes = Volatile.Read(ref _votes);
        var embeddings = _embedder.Embed(texts, cancellationToken);
        if (embeddings.Length != texts.Count)
            throw new InvalidOperationException($"The embedder returned {embeddings.Length} embeddings for {texts.Count} texts.");

        var categories = Enum.GetValues<IssueCategory>();
        var predictions = new CategoryPrediction[texts.Count];
        Span<double> probabilities = stackalloc double[ExampleModel.CategoryCount];
        for (var i = 0; i < texts.Count; i++)
        {
            CheckDimensions(embeddings[i]);
            model.Probabilities(embeddings[i], probabilities);
            var best = 0;
            var byCategory = new Dictionary<IssueCategory, double>(categories.Length);
            for (var c = 0; c < categories.Length; c++)
            {
                byCategory[categories[c]] = probabilities[c];
                if (probabilities[c] > probabilities[best]) best = c;
            }
            // A copy: the embedder's cache shares its arrays, and a caller may keep or change this one.
            predictions[i] = new CategoryPrediction(categories[best], probabilities[best], byCategory, (float[])embeddings[i].Clone(),
                votes.Requests?.Probability(embeddings[i]) ?? 0, votes.Complaints?.Probability(embeddings[i]) ?? 0);
        }
        return predictions;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">There are no examples, or one has a blank text.</exception>
    public void SetExamples(IReadOnlyList<CategoryExample> examples)
    {
        // One training at a time, so a slow earlier call cannot overwrite a later one's model.
        lock (_trainingLock)
        {
            var model = BuildModel(examples);
            Volatile.Write(ref _model, model);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The votes are trained again on the labelled messages the classifier was made with plus
    /// <paramref name="learned"/>; only the learned texts are embedded. A classifier made without
    /// labelled messages has no vote to teach, so learned messages alone (which the desk approves
    /// only as messages that did not ask for a person and did not complain) change nothing.
    /// </remarks>
    public void SetLearnedMessages(IReadOnlyList<LabelledMessage> learned)
    {
        ArgumentNullException.ThrowIfNull(learned);
        if (learned.Any(m => m is null || string.IsNullOrWhiteSpace(m.Text))) throw new ArgumentException("A learned message has no text.", nameof(learned));
        lock (_trainingLock)
        {
            var embeddings = learned.Count > 0 ? _embedder.Embed([.. learned.Select(m => m.Text)]) : [];
            foreach (var embedding in embeddings) CheckDimensions(embedding);
            Volatile.Write(ref _votes, TrainVotes([.. _labelled, .. learned], [.. _labelledEmbeddings, .. embeddings]));
        }
    }

    private LabelVotes TrainVotes(IReadOnlyList<LabelledMessage> labelled, float[][] embeddings) => labelled.Count == 0
        ? LabelVotes.None
        : new LabelVotes(
            MessageLabelVote.Train([.. labelled.Select(m => m.AsksForPerson)], embeddings, _embedder.Dimensions),
            MessageLabelVote.Train([.. labelled.Select(m => m.Complains)], embeddings, _embedder.Dimensions));

    private ExampleModel BuildModel(IReadOnlyList<CategoryExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0) throw new ArgumentException("At least one example is needed.", nameof(examples));
        for (var i = 0; i < examples.Count; i++)
        {
            if (examples[i] is null || string.IsNullOrWhiteSpace(examples[i].Text))
                throw new ArgumentException($"Example {i} has no text.", nameof(examples));
            if (!Enum.IsDefined(examples[i].Category))
                throw new ArgumentException($"Example {i} has an unknown category ({(int)examples[i].Category}).", nameof(examples));
        }

        var snapshot = examples.ToArray();
        var key = Fingerprint(snapshot);
        var cache = ModelCache.GetOrCreateValue(_embedder);
        lock (cache)
        {
            if (cache.TryGetValue(key, out var cached)) return cached;
        }

        var embeddings = _embedder.Embed(snapshot.Select(e => e.Text).ToArray());
        foreach (var embedding in embeddings) CheckDimensions(embedding);
        var model = ExampleModel.Train(snapshot, embeddings, _embedder.Dimensions);

        lock (cache)
        {
            if (cache.Count >= ModelCacheCapacity) cache.Clear();
            cache[key] = model;
        }
        return model;
    }

    private void CheckDimensions(float[] embedding)
    {
        if (embedding is null || embedding.Length != _embedder.Dimensions)
            throw new InvalidOperationException($"The embedder returned an embedding of {embedding?.Length ?? 0} values; it declares {_embedder.Dimensions}.");
    }

    private static string Fingerprint(IReadOnlyList<CategoryExample> examples)
    {
        var builder = new StringBuilder();
        foreach (var example in examples)
            builder.Append((int)example.Category).Append('\u001f').Append(example.Text).Append('\u001e');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }
}
