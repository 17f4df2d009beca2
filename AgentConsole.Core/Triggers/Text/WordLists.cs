using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace AgentConsole.Core.Triggers.Text;

/// <summary>
/// The word and phrase lists that ship in this assembly, one text file each under
/// <c>Triggers/Resources</c> (such as <c>Rules/security-phrases.txt</c>): one entry a line, with
/// blank lines and lines that start with <c>#</c> skipped. A list is read on first use and then
/// shared; reading is thread-safe.
/// </summary>
public static class WordLists
{
    private const string ResourcePrefix = "AgentConsole.Core.Triggers.Resources.";
    private const string Extension = ".txt";

    private static readonly ConcurrentDictionary<string, Lazy<ReadOnlyCollection<string>>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The names of every list that ships, such as <c>Rules/security-phrases</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(WordLists).Assembly.GetManifestResourceNames()
        .Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.EndsWith(Extension, StringComparison.Ordinal))
        .Select(r => r[ResourcePrefix.Length..^Extension.Length].Replace('.', '/'))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The entries of the list <paramref name="name"/> (<c>Folder/file</c>, without <c>.txt</c>), in file order.</summary>
    /// <exception cref="InvalidOperationException">No such list ships in the assembly.</exception>
    public static IReadOnlyList<string> Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Loaded.GetOrAdd(name, n => new Lazy<ReadOnlyCollection<string>>(() => Load(n), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>The list <paramref name="name"/> as a set, for lookups of a word still in the message's text.</summary>
    public static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(string name) =>
        new HashSet<string>(Get(name), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Reads entries in the list format: one a line, trimmed, skipping blank lines and <c>#</c> comments.</summary>
    public static IReadOnlyList<string> Parse(TextReader reader) => Entries(reader).AsReadOnly();

    private static ReadOnlyCollection<string> Load(string name)
    {
        var resource = ResourcePrefix + name.Replace('/', '.') + Extension;
        using var stream = typeof(WordLists).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The word list '{name}' ({resource}) is not among the assembly's resources.");
        using var reader = new StreamReader(stream);
        return Entries(reader).AsReadOnly();
    }

    private static List<string> Entries(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<string>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            var entry = line.Trim();
            if (entry.Length > 0 && entry[0] != '#') entries.Add(entry);
        }
        return entries;
    }
}
