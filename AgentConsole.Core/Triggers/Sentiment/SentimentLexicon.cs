using System.Collections.ObjectModel;
using System.Text.Json;
using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers.Sentiment;

/// <summary>
/// The words and phrases the sentiment analyser knows: scored terms (valence -4..+4), intensifiers
/// and dampeners, negators, contrast and concessive markers, sarcasm frames, profanity and
/// time-pressure phrases. Immutable and safe to share; every phrase is compiled into one
/// <see cref="PhraseMatcher{T}"/> so a message is read in a single linear pass.
/// </summary>
public sealed class SentimentLexicon
{
    /// <summary>The name of the built-in lexicon in this assembly's resources.</summary>
    public const string ResourceName = "AgentConsole.Core.Triggers.sentiment-lexicon.json";

    /// <summary>The strongest valence a term may have, either way.</summary>
    public const double MaxValence = 4;

    private static readonly Lazy<SentimentLexicon> BuiltIn = new(LoadBuiltIn);

    private static readonly IReadOnlyList<string> ShortScopeNegators = WordLists.Get("Sentiment/short-scope-negators");

    /// <summary>Words that count repetitions or waits, read with the unit that follows ("several times", "three days").</summary>
    private static readonly IReadOnlyList<string> CountWords = WordLists.Get("Sentiment/count-words");

    private readonly Sections _sections;

    private SentimentLexicon(Sections sections)
    {
        _sections = sections;
        Matcher = new PhraseMatcher<LexiconEntry>(Compile(sections));
    }

    /// <summary>The lexicon that ships with AgentConsole, loaded on first use.</summary>
    public static SentimentLexicon Default => BuiltIn.Value;

    /// <summary>Scored words and phrases, lower-cased, to their valence (-4..+4).</summary>
    public IReadOnlyDictionary<string, double> Terms => _sections.Terms;

    /// <summary>Boosters to their increment (0.3 = 30% stronger); dampeners are negative.</summary>
    public IReadOnlyDictionary<string, double> Intensifiers => _sections.Intensifiers;

    /// <summary>Words that flip or weaken the next few words ("not", "never", "don't").</summary>
    public IReadOnlyCollection<string> Negators => _sections.Negators;

    /// <summary>Markers that shift weight to what follows them ("but", "however").</summary>
    public IReadOnlyCollection<string> Contrast => _sections.Contrast;

    /// <summary>Markers that weaken the clause they open ("although", "despite").</summary>
    public IReadOnlyCollection<string> Concessive => _sections.Concessive;

    /// <summary>Phrases positive on their face ("oh great") to the valence they take beside other negative words.</summary>
    public IReadOnlyDictionary<string, double> Sarcasm => _sections.Sarcasm;

    /// <summary>Swear words: never negated, and they set the profanity signal.</summary>
    public IReadOnlyCollection<string> Profanity => _sections.Profanity;

    /// <summary>Phrases saying the customer has waited or repeated themselves ("for hours", "third time").</summary>
    public IReadOnlyCollection<string> TimePressure => _sections.TimePressure;

    /// <summary>
    /// Scored terms that report what went wrong ("keeps crashing", "not working", "urgent") rather than
    /// how the customer feels about it: they count in full toward the message's sentiment, and at
    /// <see cref="SentimentAnalyzer"/>'s problem weight toward its frustration.
    /// </summary>
    public IReadOnlyCollection<string> Problem => _sections.Problem;

    internal PhraseMatcher<LexiconEntry> Matcher { get; }

    /// <summary>Reads a lexicon from JSON with the sections of the built-in one; missing sections are empty.</summary>
    /// <exception cref="InvalidDataException">The JSON is malformed or a valence is out of range.</exception>
    public static SentimentLexicon Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException("The sentiment lexicon must be a JSON object.");
            return new SentimentLexicon(new Sections(
                ReadScores(root, "terms", MaxValence),
                ReadScores(root, "intensifiers", 1),
                ReadList(root, "negators"),
                ReadList(root, "contrast"),
                ReadList(root, "concessive"),
                ReadScores(root, "sarcasm", MaxValence),
                ReadList(root, "profanity"),
                ReadList(root, "timePressure"),
                ReadList(root, "problem")));
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"The sentiment lexicon is not valid JSON: {error.Message}", error);
        }
    }

    /// <summary>
    /// A copy of this lexicon with <paramref name="extraTerms"/> added, or replacing terms of the same
    /// spelling (compared case-insensitively). Lets admins tune the lexicon from configuration.
    /// </summary>
    /// <exception cref="ArgumentException">A phrase is blank or a valence is not within -4..+4.</exception>
    public SentimentLexicon With(IReadOnlyDictionary<string, double> extraTerms)
    {
        ArgumentNullException.ThrowIfNull(extraTerms);
        if (extraTerms.Count == 0) return this;
        var terms = new Dictionary<string, double>(_sections.Terms, StringComparer.Ordinal);
        foreach (var (phrase, valence) in extraTerms)
        {
            var key = Normalize(phrase);
            if (key.Length == 0) throw new ArgumentException("A sentiment term must not be blank.", nameof(extraTerms));
            if (!double.IsFinite(valence) || Math.Abs(valence) > MaxValence)
                throw new ArgumentException($"The sentiment term '{phrase}' must have a valence between -{MaxValence} and {MaxValence}.", nameof(extraTerms));
            terms[key] = valence;
        }
        return new SentimentLexicon(_sections with { Terms = terms.AsReadOnly() });
    }

    private static SentimentLexicon LoadBuiltIn()
    {
        using var stream = typeof(SentimentLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing.");
        return Load(stream);
    }

    /// <summary>Merges every section into one entry per phrase, so the longest phrase wins across sections.</summary>
    private static Dictionary<string, LexiconEntry> Compile(Sections sections)
    {
        var entries = new Dictionary<string, LexiconEntry>(StringComparer.Ordinal);
        void Merge(string phrase, Func<LexiconEntry, LexiconEntry> change) =>
            entries[phrase] = change(entries.GetValueOrDefault(phrase) ?? LexiconEntry.Empty);

        foreach (var (phrase, valence) in sections.Terms) Merge(phrase, e => e with { Valence = valence });
        foreach (var (phrase, boost) in sections.Intensifiers) Merge(phrase, e => e with { Boost = boost });
        // "no", "nothing", "nobody" negate the word right after them ("no good"), not a whole clause ("no it's still broken").
        foreach (var phrase in sections.Negators) Merge(phrase, e => e with { Negator = true, ShortScope = ShortScopeNegators.Contains(phrase) });
        foreach (var phrase in sections.Contrast) Merge(phrase, e => e with { Marker = Marker.Contrast });
        foreach (var phrase in sections.Concessive) Merge(phrase, e => e with { Marker = Marker.Concessive });
        foreach (var (phrase, valence) in sections.Sarcasm) Merge(phrase, e => e with { Sarcasm = -Math.Abs(valence) });
        foreach (var phrase in sections.Profanity) Merge(phrase, e => e with { Profane = true });
        foreach (var phrase in sections.TimePressure) Merge(phrase, e => e with { TimePressure = true });
        foreach (var phrase in sections.Problem) Merge(phrase, e => e with { Problem = true });
        // A longer phrase that opens with a time-pressure phrase ("still no update" after "still no") says it too.
        var timePressure = new HashSet<string>(sections.TimePressure, StringComparer.Ordinal);
        foreach (var phrase in entries.Keys.ToList())
        {
            for (var space = phrase.IndexOf(' '); space > 0; space = phrase.IndexOf(' ', space + 1))
            {
                if (timePressure.Contains(phrase[..space])) Merge(phrase, e => e with { TimePressure = true });
            }
        }
        foreach (var word in CountWords) Merge(word, e => e with { Count = true });
        return entries;
    }

    private static ReadOnlyDictionary<string, double> ReadScores(JsonElement root, string section, double limit)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!root.TryGetProperty(section, out var element)) return scores.AsReadOnly();
        if (element.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"The lexicon section '{section}' must be an object.");
        foreach (var property in element.EnumerateObject())
        {
            var key = Normalize(property.Name);
            if (key.Length == 0) continue;
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var value) || !double.IsFinite(value) || Math.Abs(value) > limit)
                throw new InvalidDataException($"The lexicon entry '{section}:{property.Name}' must be a number between -{limit} and {limit}.");
            scores[key] = value;
        }
        return scores.AsReadOnly();
    }

    private static ReadOnlyCollection<string> ReadList(JsonElement root, string section)
    {
        if (!root.TryGetProperty(section, out var element)) return ReadOnlyCollection<string>.Empty;
        if (element.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"The lexicon section '{section}' must be an array.");
        var items = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw new InvalidDataException($"The lexicon section '{section}' must hold strings.");
            var key = Normalize(item.GetString()!);
            if (key.Length > 0 && seen.Add(key)) items.Add(key);
        }
        return items.AsReadOnly();
    }

    /// <summary>Phrases are kept as the tokenizer reads them: lower-case, straight apostrophes.</summary>
    private static string Normalize(string phrase) =>
        phrase.Trim().ToLowerInvariant().Replace('\u2019', '\'').Replace('\u2018', '\'');

    private sealed record Sections(
        IReadOnlyDictionary<string, double> Terms,
        IReadOnlyDictionary<string, double> Intensifiers,
        IReadOnlyCollection<string> Negators,
        IReadOnlyCollection<string> Contrast,
        IReadOnlyCollection<string> Concessive,
        IReadOnlyDictionary<string, double> Sarcasm,
        IReadOnlyCollection<string> Profanity,
        IReadOnlyCollection<string> TimePressure,
        IReadOnlyCollection<string> Problem);
}

/// <summary>How a phrase steers the weight of the words around it.</summary>
internal enum Marker : byte { None, Contrast, Concessive }

/// <summary>
/// Everything the lexicon says about one phrase. A phrase may play several parts, such as
/// "fucking", which is a term, an intensifier and profanity; the analyser picks the part from context.
/// </summary>
internal sealed record LexiconEntry(
    double? Valence = null,
    double Boost = 0,
    bool Negator = false,
    Marker Marker = Marker.None,
    double? Sarcasm = null,
    bool Profane = false,
    bool TimePressure = false,
    bool Count = false,
    bool ShortScope = false,
    bool Problem = false)
{
    public static readonly LexiconEntry Empty = new();

    /// <summary>Whether the phrase does anything beyond marking time pressure or a count.</summary>
    public bool Active => Valence.HasValue || Sarcasm.HasValue || Boost != 0 || Negator || Marker != Marker.None || Profane;

    /// <summary>Whether the phrase carries a score of its own (possibly zero, for phrases that shield a negator).</summary>
    public bool Scored => Valence.HasValue || Sarcasm.HasValue;
}
