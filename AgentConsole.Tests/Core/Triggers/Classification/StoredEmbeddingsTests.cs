using System.Text;
using AgentConsole.Core.Triggers.Classification;

namespace AgentConsole.Tests.Core.Triggers.Classification;

/// <summary>
/// The embeddings kept beside the store across restarts: a restart reads what the last start
/// embedded instead of running the model, keeps only what was embedded while recording (never the
/// customer messages classified meanwhile, never a text), and ignores a file it cannot trust.
/// </summary>
public sealed class StoredEmbeddingsTests : IDisposable
{
    private const string Model = "word-model/1";
    private static readonly string[] Vocabulary = ["refund", "login", "invoice", "secret", "password"];
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("stored-embeddings-");

    private string FilePath => Path.Combine(_folder.FullName, "store.db.embeddings");

    [Fact]
    public void ARestartReadsWhatTheLastStartEmbeddedWithoutRunningTheModel()
    {
        // Arrange: the first start embeds two examples while recording.
        var first = Start(out _);
        float[][] before;
        using (first.Record()) before = first.Embed(["refund please", "login broken"]);

        // Act: the next start embeds the same texts.
        var second = Start(out var model);
        var after = second.Embed(["login broken", "refund please"]);

        // Assert
        Assert.Equal(2, second.Loaded);
        Assert.Equal(0, model.Texts);
        Assert.Equal(before[1], after[0]);
        Assert.Equal(before[0], after[1]);
    }

    [Fact]
    public void KeepsOnlyWhatWasEmbeddedWhileRecordingAndNoText()
    {
        // Arrange: an example while the app starts, then a customer's message once it runs.
        var first = Start(out _);
        using (first.Record()) first.Embed(["invoice wrong"]);
        first.Embed(["my secret password"]);

        // Act
        var second = Start(out var model);
        second.Embed(["my secret password"]);

        // Assert: the message was embedded again, and the file holds neither text.
        Assert.Equal(1, second.Loaded);
        Assert.Equal(1, model.Texts);
        var bytes = File.ReadAllBytes(FilePath);
        Assert.DoesNotContain("invoice", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void ATextNoLongerEmbeddedAtStartLeavesTheFile()
    {
        // Arrange: two examples, then a start where one was removed.
        var first = Start(out _);
        using (first.Record()) first.Embed(["refund please", "login broken"]);
        var second = Start(out _);
        using (second.Record()) second.Embed(["refund please"]);

        // Act
        var third = Start(out var model);
        third.Embed(["login broken"]);

        // Assert
        Assert.Equal(1, third.Loaded);
        Assert.Equal(1, model.Texts);
    }

    [Fact]
    public void AnotherModelsEmbeddingsAreIgnoredAndRewritten()
    {
        // Arrange
        var first = Start(out _, model: "another-model/2");
        using (first.Record()) first.Embed(["refund please"]);

        // Act
        var second = Start(out var model);
        using (second.Record()) second.Embed(["refund please"]);
        var third = Start(out var thirdModel);
        third.Embed(["refund please"]);

        // Assert
        Assert.Equal((0, 1), (second.Loaded, model.Texts));
        Assert.Equal((1, 0), (third.Loaded, thirdModel.Texts));
    }

    [Fact]
    public void ADamagedFileIsIgnoredAndRewritten()
    {
        // Arrange: a file cut short, as a disk might leave it.
        var first = Start(out _);
        using (first.Record()) first.Embed(["refund please", "login broken", "invoice wrong"]);
        var whole = File.ReadAllBytes(FilePath);
        File.WriteAllBytes(FilePath, whole[..(whole.Length / 2)]);

        // Act
        var second = Start(out var model);
        float[][] embedded;
        using (second.Record()) embedded = second.Embed(["refund please"]);
        var third = Start(out _);

        // Assert
        Assert.Equal(0, second.Loaded);
        Assert.Equal(1, model.Texts);
        Assert.Equal(1f, embedded[0].Sum(v => v * v), 3);
        Assert.Equal(1, third.Loaded);
    }

    [Fact]
    public void WithoutAFileItOnlyPassesTheModelsEmbeddingsOn()
    {
        var model = new CountingEmbedder(new WordEmbedder(Vocabulary));
        var embedder = new StoredEmbeddings(model, path: null, Model);

        using (embedder.Record()) embedder.Embed(["refund please"]);

        Assert.Equal(1, model.Texts);
        Assert.Empty(_folder.GetFiles());
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private StoredEmbeddings Start(out CountingEmbedder counting, string model = Model)
    {
        counting = new CountingEmbedder(new WordEmbedder(Vocabulary));
        return new StoredEmbeddings(counting, FilePath, model);
    }

    /// <summary>Counts the texts that reach the model.</summary>
    private sealed class CountingEmbedder(ITextEmbedder inner) : ITextEmbedder
    {
        private int _texts;

        public int Dimensions => inner.Dimensions;

        public int Texts => Volatile.Read(ref _texts);

        public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref _texts, texts.Count);
            return inner.Embed(texts, cancellationToken);
        }
    }
}
