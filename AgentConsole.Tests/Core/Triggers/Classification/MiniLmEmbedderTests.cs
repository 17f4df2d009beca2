using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Triggers.Classification;

public sealed class MiniLmEmbedderTests
{
    private static float Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    [Fact]
    public void EmbedsEachTextAsAUnitVectorInOrder()
    {
        string[] texts = ["I was charged twice", "the app crashes on start", "I was charged twice", ""];

        var embeddings = SharedEmbedder.Instance.Embed(texts);

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
        var e = SharedEmbedder.Instance.Embed(["you billed me two times this month", "I was charged twice in March", "what's the weather in Paris"]);

        Assert.True(Cosine(e[0], e[1]) > Cosine(e[0], e[2]) + 0.2);
    }

    [Fact]
    public void EmbedsAVeryLongTextWithoutFailing()
    {
        var longText = string.Join(' ', Enumerable.Repeat("the export keeps failing with a timeout error.", 400));

        var embedding = SharedEmbedder.Instance.Embed([longText]).Single();

        Assert.Equal(MiniLmEmbedder.EmbeddingDimensions, embedding.Length);
    }

    [Fact]
    public void GivesTheSameEmbeddingWhetherCachedOrNot()
    {
        var text = $"a sentence nobody else embeds {Guid.NewGuid()}";
        var first = SharedEmbedder.Instance.Embed([text]).Single();

        var again = SharedEmbedder.Instance.Embed(["something else entirely", text])[1];

        Assert.Same(first, again);
    }

    [Fact]
    public void EachEmbedderKeepsItsOwnCacheAndRefusesWorkOnceDisposed()
    {
        var text = $"a sentence only these two embedders see {Guid.NewGuid()}";
        var shared = SharedEmbedder.Instance.Embed([text]).Single();
        var own = new MiniLmEmbedder();

        var mine = own.Embed([text]).Single();
        own.Dispose();

        Assert.NotSame(shared, mine);
        Assert.Equal(1.0, Cosine(shared, mine), 4);
        Assert.Throws<ObjectDisposedException>(() => own.Embed(["a text it has not seen"]));
    }
}
