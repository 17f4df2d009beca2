using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers.Requests;

/// <summary>
/// The words the detector knows, and what each one does. The lists ship as text files under
/// <c>Triggers/Resources/Requests</c> and are read once, when the detector is first used.
/// </summary>
internal static class RequestVocabulary
{
    private const string Folder = "Requests/";

    /// <summary>Which list gives the words of each class.</summary>
    private static readonly (WordClass Class, string List)[] ClassLists =
    [
        (WordClass.Glue, "glue-words"),
        (WordClass.Contact, "contact-verbs"),
        (WordClass.Desire, "desire-verbs"),
        (WordClass.Loose, "loose-verbs"),
        (WordClass.Conditional, "conditional-verbs"),
        (WordClass.Possessive, "possessives"),
        (WordClass.Negator, "negators"),
        (WordClass.Skippable, "skippable-words"),
        (WordClass.Product, "product-words"),
        (WordClass.ForwardFiller, "forward-fillers"),
        (WordClass.ForwardVerb, "forward-verbs"),
        (WordClass.Channel, "channel-words"),
        (WordClass.Edit, "edit-verbs"),
    ];

    private static readonly Dictionary<string, WordClass> Classes = BuildClasses();
    private static readonly Dictionary<string, WordClass>.AlternateLookup<ReadOnlySpan<char>> ClassLookup = Classes.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Fillers = WordLists.Set(Folder + "fillers");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Subjects = WordLists.Set(Folder + "subjects");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> HeadNouns = WordLists.Set(Folder + "head-nouns");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RealWords = WordLists.Set(Folder + "real-words");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CallContinuations = WordLists.Set(Folder + "call-continuations");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ReportingVerbs = WordLists.Set(Folder + "reporting-verbs");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ConditionalOpeners = WordLists.Set(Folder + "conditional-openers");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ModalOpeners = WordLists.Set(Folder + "modal-openers");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PersonActions = WordLists.Set(Folder + "person-actions");

    /// <summary>The longer nouns a typo may be forgiven in, in the order they are tried.</summary>
    public static IReadOnlyList<string> NounSpellings { get; } = WordLists.Get(Folder + "noun-spellings");

    /// <summary>The verbs and prepositions of a request a typo may be forgiven in, in the order they are tried.</summary>
    public static IReadOnlyList<string> VerbSpellings { get; } = WordLists.Get(Folder + "verb-spellings");

    /// <summary>Parts of a phrase from configuration that make it a manager request ("supervisor", "escalat").</summary>
    public static IReadOnlyList<string> ManagerMarkers { get; } = WordLists.Get(Folder + "manager-markers");

    /// <summary>Every built-in candidate phrase and what it names. A phrase listed twice takes its last kind.</summary>
    public static IEnumerable<(string Phrase, Candidate Candidate)> Candidates
    {
        get
        {
            var allowMy = WordLists.Get(Folder + "my-allowed-nouns");
            foreach (var p in WordLists.Get(Folder + "strong-nouns")) yield return (p, new Candidate(NounKind.Strong, AllowsMy: allowMy.Contains(p)));
            foreach (var p in WordLists.Get(Folder + "manager-nouns")) yield return (p, new Candidate(NounKind.Strong, Manager: true));
            foreach (var p in WordLists.Get(Folder + "person-nouns")) yield return (p, new Candidate(NounKind.Person));
            foreach (var p in WordLists.Get(Folder + "channel-nouns")) yield return (p, new Candidate(NounKind.Channel));
            foreach (var p in WordLists.Get(Folder + "request-phrases")) yield return (p, new Candidate(NounKind.Request));
            foreach (var p in WordLists.Get(Folder + "naming-calls")) yield return (p, new Candidate(NounKind.Request, Naming: true));
            foreach (var p in WordLists.Get(Folder + "manager-requests")) yield return (p, new Candidate(NounKind.Request, Manager: true));
            foreach (var p in WordLists.Get(Folder + "contact-fields")) yield return (p, new Candidate(NounKind.Contact));
        }
    }

    public static WordClass Classify(TextTokens tokens, int t)
    {
        var token = tokens[t];
        if (token.Kind == TokenKind.Symbol)
            return tokens.Lower(t).IndexOfAny(".,;:!?()[]") >= 0 ? WordClass.ClauseBreak : WordClass.None;
        return ClassLookup.TryGetValue(tokens.Lower(t), out var cls) ? cls : WordClass.None;
    }

    public static bool IsFiller(ReadOnlySpan<char> word) => Fillers.Contains(word);

    public static bool IsSubject(ReadOnlySpan<char> word) => Subjects.Contains(word);

    /// <summary>"told", "said", "advised": someone else's words are reported ("told me to call the helpline").</summary>
    public static bool IsReportingVerb(ReadOnlySpan<char> word) => ReportingVerbs.Contains(word);

    /// <summary>"when", "if": before "I" and a request frame, a condition rather than a wish.</summary>
    public static bool IsConditionalOpener(ReadOnlySpan<char> word) => ConditionalOpeners.Contains(word);

    /// <summary>"can", "could": opens a question asking a person to act ("could a manager sort this out").</summary>
    public static bool IsModalOpener(ReadOnlySpan<char> word) => ModalOpeners.Contains(word);

    /// <summary>What a person is asked to do after "could a manager…" ("sort", "check", "call"), or "who".</summary>
    public static bool IsPersonAction(ReadOnlySpan<char> word) => PersonActions.Contains(word);

    public static bool IsHeadNoun(ReadOnlySpan<char> word) => HeadNouns.Contains(word);

    /// <summary>Whether a word after "call me" makes it a request to be called ("back", "at", "asap").</summary>
    public static bool ContinuesACall(ReadOnlySpan<char> word) => CallContinuations.Contains(word);

    public static bool IsFrameVerb(ReadOnlySpan<char> word) =>
        ClassLookup.TryGetValue(word, out var cls) && (cls & (WordClass.Contact | WordClass.Desire)) != 0;

    /// <summary>Whether <paramref name="word"/> is spelt right: a word the detector knows, or a real word close to one it knows.</summary>
    public static bool IsKnownSpelling(ReadOnlySpan<char> word) => RealWords.Contains(word) || ClassLookup.ContainsKey(word);

    private static Dictionary<string, WordClass> BuildClasses()
    {
        var classes = new Dictionary<string, WordClass>(StringComparer.Ordinal);
        foreach (var (cls, list) in ClassLists)
        {
            foreach (var word in WordLists.Get(Folder + list)) classes[word] = classes.GetValueOrDefault(word) | cls;
        }
        return classes;
    }
}
