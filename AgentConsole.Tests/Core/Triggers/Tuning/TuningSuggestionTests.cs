using AgentConsole.Core.Settings;
using AgentConsole.Core.Triggers.Tuning;

namespace AgentConsole.Tests.Core.Triggers.Tuning;

public sealed class TuningSuggestionTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    private static TuningSuggestion Raise() => new(new ProposedChange(TuningSuggestionKind.RaiseKeywordRepeatThreshold, "Triggers:KeywordRepeat:Threshold",
        "3", "4", null, "raise N from 3 to 4", "evidence", 10, 5, [1, 2, 3, 4, 5, 6, 7]), Now);

    [Fact]
    public void StartsProposedWithAtMostFiveExamples()
    {
        var suggestion = Raise();

        Assert.Equal((TuningSuggestionStatus.Proposed, (string?)null, (DateTime?)null), (suggestion.Status, suggestion.DecidedBy, suggestion.DecidedAt));
        Assert.Equal([1L, 2, 3, 4, 5], suggestion.ExampleCaseIds);
    }

    [Fact]
    public void IsDecidedOnlyOnce()
    {
        var suggestion = Raise();
        suggestion.Reject("first@agentconsole.demo", Now.AddMinutes(1));

        var error = Assert.Throws<SuggestionDecidedException>(() =>
            suggestion.Accept("second@agentconsole.demo", Now.AddMinutes(2), new SettingChange("Triggers:KeywordRepeat:Threshold", "3", "4", false, "second@agentconsole.demo", Now)));

        Assert.Equal((TuningSuggestionStatus.Rejected, "first@agentconsole.demo", Now.AddMinutes(1)), (suggestion.Status, suggestion.DecidedBy, suggestion.DecidedAt!.Value));
        Assert.Equal(TuningSuggestionStatus.Rejected, error.Status);
    }

    [Fact]
    public void ProposesTheSameChangeOnlyForTheSameKindSettingAndValue()
    {
        var suggestion = Raise();

        Assert.True(suggestion.Proposes(new ProposedChange(TuningSuggestionKind.RaiseKeywordRepeatThreshold, "triggers:keywordrepeat:threshold", "3", "4", null, "", "", 0, 0, [])));
        Assert.False(suggestion.Proposes(new ProposedChange(TuningSuggestionKind.RaiseKeywordRepeatThreshold, "Triggers:KeywordRepeat:Threshold", "4", "5", null, "", "", 0, 0, [])));
    }
}
