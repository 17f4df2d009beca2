using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentConsole.Core.Triggers.Classification;

/// <summary>
/// Keeps the embeddings of the texts the app embeds while it starts (the classifier's examples and
/// labelled messages, the knowledge articles) in a file beside the store, so that a restart reads
/// them instead of running the model over every one again: on a loaded machine that was most of a
/// minute of every restart (issue 15). Embeddings are keyed by the SHA-256 of the text and the
/// file by the model, so another model (or version) never reads them.
/// </summary>
/// <remarks>
/// Only what is embedded inside <see cref="Record"/> is written, and the file is rewritten each
/// time with exactly that, so customer messages classified while the app runs are never kept, and
/// a text that is no longer embedded at start (an example removed, a message erased) leaves the
/// file at the next start. The file holds hashes and vectors, no text. It is written to a temporary
/// file and moved into place, so a crash leaves the old file or the new one; a file that cannot be
/// read (another model, a different length, damage) is ignored and rewritten. Thread-safe.
/// </remarks>
public sealed class StoredEmbeddings : ITextEmbedder, IDisposable
{
    private const string Magic = "AgentConsole embeddings 1";

    private readonly ITextEmbedder _inner;
    private readonly string? _path;
    private readonly string _model;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, float[]> _stored = new(StringComparer.Ordinal);
    private readonly Lock _recordingLock = new();
    private Dictionary<string, float[]>? _recording;

    /// <summary>
    /// Embeddings of <paramref name="inner"/> (which it owns and disposes) kept in the file at <paramref name="path"/> (none when null:
    /// a store with no folder) for <paramref name="model"/>, which names the model and anything that changes its vectors.
    /// </summary>
    public StoredEmbeddings(ITextEmbedder inner, string? path, string model, ILogger<StoredEmbeddings>? logger = null)
    {
        _inner = inner;
        _path = path;
        _model = model;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Load();
    }

    /// <inheritdoc />
    public int Dimensions => _inner.Dimensions;

    /// <summary>How many embeddings were read from the file.</summary>
    public int Loaded { get; private set; }

    /// <inheritdoc />
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var results = new float[texts.Count][];
        var keys = new string[texts.Count];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts));
            keys[i] = Key(text);
            if (_stored.TryGetValue(keys[i], out var stored)) results[i] = stored;
            else missing.Add(i);
        }
        if (missing.Count > 0)
        {
            var embedded = _inner.Embed([.. missing.Select(i => texts[i])], cancellationToken);
            for (var j = 0; j < missing.Count; j++) results[missing[j]] = embedded[j];
        }
        lock (_recordingLock)
        {
            if (_recording is not null)
            {
                for (var i = 0; i < texts.Count; i++)
                {
                    _recording[keys[i]] = results[i];
                    // Kept for later calls too: an example set trained again after start is read, not embedded again.
                    _stored[keys[i]] = results[i];
                }
            }
        }
        return results;
    }

    /// <summary>
    /// Records what is embedded until the result is disposed, and then writes exactly that to the file.
    /// </summary>
    public IDisposable Record()
    {
        lock (_recordingLock)
        {
            if (_recording is not null) throw new InvalidOperationException("Already recording.");
            _recording = new Dictionary<string, float[]>(StringComparer.Ordinal);
        }
        return new Recording(this);
    }

    /// <summary>Disposes the inner embedder.</summary>
    public void Dispose() => (_inner as IDisposable)?.Dispose();

    private static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private void Load()
    {
        if (_path is null || !File.Exists(_path)) return;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(_path), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadString() != _model || reader.ReadInt32() != Dimensions)
            {
                _logger.LogInformation("The stored embeddings in {Path} are of another model; they will be rewritten.", _path);
                return;
            }
            var count = reader.ReadInt32();
            var read = new Dictionary<string, float[]>(count, StringComparer.Ordinal);
            var bytes = new byte[Dimensions * sizeof(float)];
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                reader.BaseStream.ReadExactly(bytes);
                var vector = new float[Dimensions];
                Buffer.BlockCopy(bytes, 0, vector, 0, bytes.Length);
                read[key] = vector;
            }
            foreach (var (key, vector) in read) _stored[key] = vector;
            Loaded = read.Count;
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or FormatException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "The stored embeddings in {Path} could not be read; they will be rewritten.", _path);
        }
    }

    private void Write(Dictionary<string, float[]> recorded)
    {
        if (_path is null) return;
        var temporary = _path + ".tmp";
        try
        {
            using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(_model);
                writer.Write(Dimensions);
                writer.Write(recorded.Count);
                var bytes = new byte[Dimensions * sizeof(float)];
                foreach (var (key, vector) in recorded)
                {
                    writer.Write(key);
                    Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
                    writer.Write(bytes);
                }
                writer.Flush();
                ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
            }
            File.Move(temporary, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a cache: the next start embeds again.
            _logger.LogWarning(e, "The embeddings could not be stored in {Path}.", _path);
        }
    }

    private sealed class Recording(StoredEmbeddings owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            Dictionary<string, float[]> recorded;
            lock (owner._recordingLock)
            {
                recorded = owner._recording!;
                owner._recording = null;
            }
            owner.Write(recorded);
        }
    }
}
