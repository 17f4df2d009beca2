using AgentConsole.Core.Common;
using AgentConsole.Core.Settings;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>
/// A stored proposal to change one trigger setting, with its evidence. It changes nothing until an
/// admin accepts it; accepting applies the setting through the audited settings store in the same
/// transaction as the decision, and rejecting records who and when. A suggestion is decided once.
/// </summary>
public sealed class TuningSuggestion
{
    /// <summary>The longest summary or evidence text kept.</summary>
    public const int MaxTextLength = 2000;

    private List<long> _exampleCaseIds = [];

    private TuningSuggestion() { }

    public TuningSuggestion(ProposedChange change, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(change.SettingKey);
        Kind = change.Kind;
        SettingKey = change.SettingKey;
        CurrentValue = change.CurrentValue;
        ProposedValue = change.ProposedValue;
        Phrase = change.Phrase;
        Summary = Shorten(change.Summary);
        Evidence = Shorten(change.Evidence);
        Sample = change.Sample;
        Count = change.Count;
        _exampleCaseIds = change.ExampleCaseIds.Take(ProposedChange.MaxExamples).ToList();
        Status = TuningSuggestionStatus.Proposed;
        ProposedAt = now.EnsureUtc(nameof(now));
    }

    public long Id { get; private set; }
    public TuningSuggestionKind Kind { get; private set; }
    /// <summary>The setting the suggestion changes.</summary>
    public string SettingKey { get; private set; } = "";
    /// <summary>The value in effect when it was proposed, as canonical text.</summary>
    public string CurrentValue { get; private set; } = "";
    /// <summary>The value it proposes, as canonical text.</summary>
    public string ProposedValue { get; private set; } = "";
    /// <summary>For an added phrase, the phrase alone.</summary>
    public string? Phrase { get; private set; }
    public string Summary { get; private set; } = "";
    public string Evidence { get; private set; } = "";
    public int Sample { get; private set; }
    public int Count { get; private set; }
    public IReadOnlyList<long> ExampleCaseIds => _exampleCaseIds;
    public TuningSuggestionStatus Status { get; private set; }
    public DateTime ProposedAt { get; private set; }
    /// <summary>The admin who accepted or rejected it.</summary>
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    /// <summary>The settings audit entry that accepting it wrote.</summary>
    public long? SettingChangeId { get; private set; }
    public SettingChange? SettingChange { get; private set; }

    /// <summary>Whether another proposal would make the same change.</summary>
    public bool Proposes(ProposedChange change) =>
        Kind == change.Kind && string.Equals(SettingKey, change.SettingKey, StringComparison.OrdinalIgnoreCase)
        && (Phrase is not null ? string.Equals(Phrase, change.Phrase, StringComparison.OrdinalIgnoreCase) : ProposedValue == change.ProposedValue);

    /// <summary>Records the acceptance, with the audit entry of the setting it applied.</summary>
    /// <exception cref="SuggestionDecidedException">It was already decided.</exception>
    public void Accept(string decidedBy, DateTime now, SettingChange applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        Decide(TuningSuggestionStatus.Accepted, decidedBy, now);
        SettingChange = applied;
    }

    /// <summary>Records the rejection; nothing else changes.</summary>
    /// <exception cref="SuggestionDecidedException">It was already decided.</exception>
    public void Reject(string decidedBy, DateTime now) => Decide(TuningSuggestionStatus.Rejected, decidedBy, now);

    private void Decide(TuningSuggestionStatus status, string decidedBy, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(decidedBy);
        if (Status != TuningSuggestionStatus.Proposed) throw new SuggestionDecidedException(Id, Status, DecidedBy);
        Status = status;
        DecidedBy = decidedBy;
        DecidedAt = now.EnsureUtc(nameof(now));
    }

    private static string Shorten(string text) => text.Length <= MaxTextLength ? text : text[..(MaxTextLength - 1)] + "…";
}
