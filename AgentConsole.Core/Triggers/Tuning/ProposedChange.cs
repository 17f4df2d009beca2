namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>
/// A change a tuning rule proposes, before it is stored as a <see cref="TuningSuggestion"/>: the
/// setting and its values as canonical text, what it says in words, and the evidence behind it.
/// </summary>
/// <param name="Kind">What kind of change it is.</param>
/// <param name="SettingKey">The setting's configuration path, such as <c>Triggers:KeywordRepeat:Threshold</c>.</param>
/// <param name="CurrentValue">The value in effect when the change was proposed.</param>
/// <param name="ProposedValue">The value the change would put in effect.</param>
/// <param name="Phrase">For an added phrase: the phrase alone, added to whatever the list holds when accepted.</param>
/// <param name="Summary">The change in one sentence, with its main figure.</param>
/// <param name="Evidence">The counts behind it.</param>
/// <param name="Sample">How many cases or conversations were looked at.</param>
/// <param name="Count">How many of them speak for the change.</param>
/// <param name="ExampleCaseIds">A few of the cases that speak for it.</param>
public sealed record ProposedChange(
    TuningSuggestionKind Kind, string SettingKey, string CurrentValue, string ProposedValue, string? Phrase,
    string Summary, string Evidence, int Sample, int Count, IReadOnlyList<long> ExampleCaseIds)
{
    /// <summary>How many example cases a suggestion keeps.</summary>
    public const int MaxExamples = 5;
}
