using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Tuning;

namespace AgentConsole.Tests.Core.Triggers.Tuning;

/// <summary>Each kind of suggestion appears on history that speaks for it, and not on history that does not.</summary>
public sealed class TuningAdvisorTests : TuningStore
{
    private static readonly TuningOptions Options = new()
    {
        MinimumSample = 5, LowPrecision = 0.7, HighPrecision = 0.95, LateAfterBotReplies = 3, MinimumLateConversations = 3, PhraseLateShare = 0.6,
        FrustrationStep = 0.05,
    };

    private Task<IReadOnlyList<ProposedChange>> ProposeAsync(TriggerOptions? triggers = null) =>
        new TuningAdvisor(DbFactory).ProposeAsync(Now.AddDays(-30), Now, triggers ?? new TriggerOptions(), Options);

    [Fact]
    public async Task ProposesARaisedKeywordThresholdWhenItsEscalationsAreOftenFlaggedUnnecessary()
    {
        // 5 cases, 3 flagged: precision 40%, below 70%.
        var flagged = new List<long>();
        for (var i = 0; i < 3; i++) flagged.Add(await Desk.CaseAsync(Now.AddDays(-10 + i), flags: 1, TuningDesk.KeywordRepeat("refund", 3)));
        await Desk.CaseAsync(Now.AddDays(-5), flags: 0, TuningDesk.KeywordRepeat("refund", 3));
        await Desk.CaseAsync(Now.AddDays(-4), flags: 0, TuningDesk.KeywordRepeat("cancel", 3));

        var proposal = Assert.Single(await ProposeAsync());

        Assert.Equal(TuningSuggestionKind.RaiseKeywordRepeatThreshold, proposal.Kind);
        Assert.Equal(("Triggers:KeywordRepeat:Threshold", "3", "4"), (proposal.SettingKey, proposal.CurrentValue, proposal.ProposedValue));
        Assert.Equal((5, 3), (proposal.Sample, proposal.Count));
        Assert.Equal(flagged.AsEnumerable().Reverse(), proposal.ExampleCaseIds);
        Assert.Equal("Keyword repeat (most often for 'refund') was flagged unnecessary in 60% of 5 cases: raise N from 3 to 4.", proposal.Summary);
        Assert.Contains("'refund' 3 of 4, 'cancel' 0 of 1", proposal.Evidence);
    }

    [Fact]
    public async Task ProposesNoKeywordChangeWhenItsEscalationsAreRarelyFlaggedOrTooFew()
    {
        // 5 cases, 1 flagged: precision 80%, above 70% and below 95%.
        for (var i = 0; i < 5; i++) await Desk.CaseAsync(Now.AddDays(-10 + i), flags: i == 0 ? 1 : 0, TuningDesk.KeywordRepeat("refund", 3));
        // Few, all flagged: under the minimum sample.
        for (var i = 0; i < 4; i++) await Desk.CaseAsync(Now.AddDays(-3), flags: 1, TuningDesk.Reason("frustration"));

        Assert.Empty(await ProposeAsync());
    }

    [Fact]
    public async Task ProposesALowerKeywordThresholdWhenItIsPreciseAndLateEscalationsRepeatedAKeywordOneTimeShort()
    {
        for (var i = 0; i < 5; i++) await Desk.CaseAsync(Now.AddDays(-10 + i), flags: 0, TuningDesk.KeywordRepeat("refund", 3));
        var late = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var (_, caseId) = await Desk.ConversationAsync(Now.AddDays(-3 + i),
                TuningDesk.Alternating("where is my refund", "Let me check.", "still no refund here", "Please wait."), [TuningDesk.Reason("unresolved")]);
            late.Add(caseId!.Value);
        }

        var proposal = Assert.Single(await ProposeAsync());

        Assert.Equal(TuningSuggestionKind.LowerKeywordRepeatThreshold, proposal.Kind);
        Assert.Equal(("3", "2"), (proposal.CurrentValue, proposal.ProposedValue));
        Assert.Equal(3, proposal.Count);
        Assert.Equal(late.Order(), proposal.ExampleCaseIds.Order());
        Assert.Contains("'refund' 3", proposal.Evidence);
    }

    [Fact]
    public async Task ProposesNoLowerKeywordThresholdWhenLateEscalationsSaidTheKeywordOnlyOnce()
    {
        for (var i = 0; i < 5; i++) await Desk.CaseAsync(Now.AddDays(-10 + i), flags: 0, TuningDesk.KeywordRepeat("refund", 3));
        for (var i = 0; i < 3; i++)
            await Desk.ConversationAsync(Now.AddDays(-3 + i), TuningDesk.Alternating("where is my refund", "Let me check.", "any news", "Please wait."), [TuningDesk.Reason("unresolved")]);

        Assert.Empty(await ProposeAsync());
    }

    [Fact]
    public async Task ProposesARaisedFrustrationThresholdWhenItsEscalationsAreOftenFlaggedUnnecessary()
    {
        for (var i = 0; i < 6; i++) await Desk.CaseAsync(Now.AddDays(-10 + i), flags: i < 4 ? 1 : 0, TuningDesk.Reason("frustration"));

        var proposal = Assert.Single(await ProposeAsync());

        Assert.Equal(TuningSuggestionKind.RaiseFrustrationThreshold, proposal.Kind);
        Assert.Equal(("Triggers:Sentiment:FrustrationThreshold", "0.4", "0.45"), (proposal.SettingKey, proposal.CurrentValue, proposal.ProposedValue));
        Assert.Equal("The frustration trigger was flagged unnecessary in 67% of 6 cases: raise its threshold from 0.4 to 0.45.", proposal.Summary);
    }

    [Fact]
    public async Task ProposesNoFrustrationChangeWhenItsEscalationsAreRarelyFlagged()
    {
        for (var i = 0; i < 6; i++) await Desk.CaseAsync(Now.AddDays(-10 + i), flags: i < 1 ? 1 : 0, TuningDesk.Reason("frustration"));

        Assert.Empty(await ProposeAsync());
    }

    [Fact]
    public async Task ProposesAPhrasingTheDetectorMissedInConversationsThatEscalatedLate()
    {
        var late = new List<long>();
        string[] asks = ["can I talk to billing about this charge", "I need to talk to billing please", "let me talk to billing"];
        foreach (var ask in asks)
        {
            var (_, caseId) = await Desk.ConversationAsync(Now.AddDays(-5),
                TuningDesk.Alternating(ask, "I can help with charges.", "no", "Here is our pricing page.", "that is not it", "Anything else?"),
                [TuningDesk.Reason("unresolved")]);
            late.Add(caseId!.Value);
        }
        // One conversation the bot handled: 3 of the 4 that asked this way escalated late (75%).
        await Desk.ConversationAsync(Now.AddDays(-4), TuningDesk.Alternating("I want to talk to billing", "Billing is open 9 to 5.", "thanks"));

        var proposal = Assert.Single(await ProposeAsync());

        Assert.Equal(TuningSuggestionKind.AddHumanRequestPhrase, proposal.Kind);
        Assert.Equal("talk to billing", proposal.Phrase);
        Assert.Equal(("[]", "[\"talk to billing\"]"), (proposal.CurrentValue, proposal.ProposedValue));
        Assert.Equal((4, 3), (proposal.Sample, proposal.Count));
        Assert.Equal("Add 'talk to billing' to the human-request phrases: 3 conversations asked this way and escalated late.", proposal.Summary);
        Assert.Equal(late.Order(), proposal.ExampleCaseIds.Order());
    }

    [Fact]
    public async Task ProposesNoPhrasingThatConversationsUsedWithoutEscalatingLate()
    {
        // Escalated at once, by another trigger, with one bot reply.
        for (var i = 0; i < 3; i++)
            await Desk.ConversationAsync(Now.AddDays(-5), TuningDesk.Alternating("can I talk to billing about this charge", "Sure."), [TuningDesk.Reason("billing-dispute")]);
        // The bot handled these.
        for (var i = 0; i < 3; i++)
            await Desk.ConversationAsync(Now.AddDays(-4), TuningDesk.Alternating("talk to billing", "Billing is open 9 to 5.", "thanks", "Bye.", "bye"));

        Assert.Empty(await ProposeAsync());
    }

    [Fact]
    public async Task ProposesNoPhrasingTheDetectorAlreadyHears()
    {
        for (var i = 0; i < 3; i++)
        {
            await Desk.ConversationAsync(Now.AddDays(-5),
                TuningDesk.Alternating("I want to talk to a real person", "I can help.", "no", "Try this.", "no", "Anything else?"), [TuningDesk.Reason("unresolved")]);
        }

        Assert.DoesNotContain(await ProposeAsync(), p => p.Kind == TuningSuggestionKind.AddHumanRequestPhrase);
    }
}
