namespace AgentConsole.Core.Triggers.Classification;

/// <summary>Turns texts into fixed-length, L2-normalised sentence embeddings.</summary>
public interface ITextEmbedder
{
    /// <summary>The length of every embedding this embedder returns.</summary>
    int Dimensions { get; }

    /// <summary>
    /// Embeds <paramref name="texts"/> in order. Each result has <see cref="Dimensions"/> values
    /// and unit length, so a dot product is the cosine similarity. Callers must not modify the
    /// returned arrays: an embedder may share them with its cache.
    /// </summary>
    float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
