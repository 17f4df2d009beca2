using AgentConsole.Core.Triggers.Classification;

namespace AgentConsole.Tests.Core.Triggers.Classification;

/// <summary>
/// A tiny deterministic embedder for fast classifier tests: each known word owns one dimension,
/// and a text's embedding is the unit-length sum of its words, so texts sharing no known word are
/// orthogonal.
/// </summary>
internal sealed class WordEmbedder(params string[] vocabulary) : ITextEmbedder
{
    private int _calls;

    public int Dimensions => vocabulary.Length;

    public int Calls => Volatile.Read(ref _calls);

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return texts.Select(Embed).ToArray();
    }

    private float[] Embed(string text)
    {
        var vector = new float[vocabulary.Length];
        foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var index = Array.IndexOf(vocabulary, word);
            if (index >= 0) vector[index] += 1;
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
            for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }
}
