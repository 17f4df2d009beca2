using AgentConsole.Core.Triggers.Classification;

namespace AgentConsole.Tests.Core.Triggers.Classification;

public sealed class MiniLmEmbedderTests
{
    private static float Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    [Fact]
    public void EmbedsEachTextAsAUnitVectorInOrder()
    {
        string[] texts = ["I was charged twice", "the app crashes on start", "I was charged twice", ""];

        var embeddings = MiniLmEmbedder.Shared.Embed(texts);

        Assert.Equal(texts.Length, embeddings.Length);
        Assert.All(embeddings, e =>
        {
            Assert.Equal(MiniLmEmbedder.EmbeddingDimensions, e.Length);
            Assert.Equal(1.0, Math.Sqrt(e.Sum(v => v * v)), 3);
        });
        Assert.Equal(embeddings[0], embeddings[2]);
    }

    [Fact]
    public void PlacesParaphrasesCloserThanUnrelatedTexts()
    {
        var e = MiniLmEmbedder.Shared.Embed(["you billed me two times this month", "I was charged twice in March", "what's the weather in Paris"]);

        Assert.True(Cosine(e[0], e[1]) > Cosine(e[0], e[2]) + 0.2);
    }

    [Fact]
    public void EmbedsAVeryLongTextWithoutFailing()
    {
        var longText = string.Join(' ', Enumerable.Repeat("the export keeps failing with a timeout error.", 400));

        var embedding = MiniLmEmbedder.Shared.Embed([longText]).Single();

        Assert.Equal(MiniLmEmbedder.EmbeddingDimensions, embedding.Length);
    }

    [Fact]
    public void GivesTheSameEmbeddingWhetherCachedOrNot()
    {
        var text = $"a sentence nobody else embeds {Guid.NewGuid()}";
        var first = MiniLmEmbedder.Shared.Embed([text]).Single();

        var again = MiniLmEmbedder.Shared.Embed(["something else entirely", text])[1];

        Assert.Same(first, again);
    }
}
