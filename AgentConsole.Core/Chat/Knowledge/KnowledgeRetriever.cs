using AgentConsole.Core.Triggers.Classification;

namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>The passage that best answers a question, with what retrieval measured and the calibrated confidence.</summary>
/// <param name="Passage">The passage most similar to the question.</param>
/// <param name="Similarity">Its cosine similarity to the question.</param>
/// <param name="Margin">How far <paramref name="Similarity"/> is above the best passage of any other article considered (0 or more).</param>
/// <param name="Confidence">The calibrated probability, in [0, 1], that the passage's article answers the question.</param>
public sealed record KnowledgeMatch(KnowledgePassage Passage, double Similarity, double Margin, double Confidence);

/// <summary>
/// Finds the passage of a <see cref="KnowledgeBase"/> most similar to a customer's question, by
/// sentence embeddings, and says how likely it is to be the right one. Every passage is embedded
/// once, when the retriever is built, as its article title, heading and body together. Thread-safe.
/// </summary>
public sealed class KnowledgeRetriever
{
    private readonly ITextEmbedder _embedder;
    private readonly float[][] _passageEmbeddings;

    /// <summary>Embeds every passage of <paramref name="knowledge"/>.</summary>
    /// <param name="knowledge">The articles to answer from.</param>
    /// <param name="embedder">The sentence embedder; its embeddings have unit length.</param>
    /// <param name="calibration">The mapping to confidence; the shipped <see cref="ConfidenceCalibration.LoadBuiltIn"/> when null.</param>
    public KnowledgeRetriever(KnowledgeBase knowledge, ITextEmbedder embedder, ConfidenceCalibration? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(embedder);
        Knowledge = knowledge;
        _embedder = embedder;
        Calibration = calibration ?? ConfidenceCalibration.LoadBuiltIn();
        _passageEmbeddings = embedder.Embed(knowledge.Passages.Select(EmbeddingText).ToArray());
    }

    /// <summary>The articles this retriever answers from.</summary>
    public KnowledgeBase Knowledge { get; }

    /// <summary>The mapping from similarity and margin to confidence.</summary>
    public ConfidenceCalibration Calibration { get; }

    /// <summary>
    /// A retriever over <paramref name="knowledge"/> with this one's embedder and calibration, such
    /// as after an admin edited the articles. Passages whose text is unchanged cost nothing to embed
    /// again when the embedder caches, as MiniLM's does.
    /// </summary>
    public KnowledgeRetriever Over(KnowledgeBase knowledge) => new(knowledge, _embedder, Calibration);

    /// <summary>
    /// The passage most similar to <paramref name="question"/>, leaving out the articles in
    /// <paramref name="excludedArticles"/> (say, those the customer already said did not help); the
    /// margin and confidence are then measured among the articles that remain. Null only when every
    /// article is excluded.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="question"/> is blank.</exception>
    public KnowledgeMatch? Find(string question, IReadOnlyCollection<string>? excludedArticles = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        var embedding = _embedder.Embed([question])[0];
        KnowledgePassage? best = null;
        var bestSimilarity = double.NegativeInfinity;
        var bestPerArticle = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < _passageEmbeddings.Length; i++)
        {
            var passage = Knowledge.Passages[i];
            if (excludedArticles?.Contains(passage.ArticleSlug) == true) continue;
            double similarity = VectorMath.Dot(embedding, _passageEmbeddings[i]);
            if (!bestPerArticle.TryGetValue(passage.ArticleSlug, out var articleBest) || similarity > articleBest)
                bestPerArticle[passage.ArticleSlug] = similarity;
            if (similarity > bestSimilarity) (best, bestSimilarity) = (passage, similarity);
        }
        if (best is null) return null;

        // With a single article left there is no rival; the similarity itself is then the margin over nothing.
        var runnerUp = bestPerArticle.Where(a => a.Key != best.ArticleSlug).Select(a => a.Value).DefaultIfEmpty(0).Max();
        var margin = Math.Max(0, bestSimilarity - runnerUp);
        return new KnowledgeMatch(best, bestSimilarity, margin, Calibration.Confidence(bestSimilarity, margin));
    }

    /// <summary>What retrieval measures for <paramref name="question"/>, for fitting a <see cref="ConfidenceCalibration"/>.</summary>
    public CalibrationSample Measure(LabelledQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var match = Find(question.Text)!;
        return new CalibrationSample(match.Similarity, match.Margin, match.Passage.ArticleSlug == question.ArticleSlug);
    }

    /// <summary>The text a passage is embedded as: title, heading and body, without Markdown emphasis and code marks.</summary>
    internal static string EmbeddingText(KnowledgePassage passage) =>
        $"{passage.ArticleTitle}. {passage.Heading}. {passage.Body}".Replace("**", "").Replace("`", "").ReplaceLineEndings(" ");
}
