using AgentConsole.Core.Audit;
using AgentConsole.Tests.Support;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Settings;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Tuning;
using AgentConsole.Hosting;
using AgentConsole.Tests.Core.Triggers.Tuning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentConsole.Tests.Integration.Admin;

/// <summary>Tuning suggestions in the real host: stored, decided once by an admin, applied only on acceptance, and audited.</summary>
public sealed class TuningSuggestionsTests() : ApiTestBase(demoEnabled: false, settings: SmallSample)
{
    private const string Admin = "admin@agentconsole.demo";
    private const string OtherAdmin = "other.admin@agentconsole.demo";

    internal static readonly IReadOnlyDictionary<string, string?> SmallSample = new Dictionary<string, string?>
    {
        ["Tuning:MinimumSample"] = "5",
        ["Tuning:MinimumLateConversations"] = "3",
        ["Tuning:LateAfterBotReplies"] = "3",
    };

    private TuningSuggestions Suggestions => Factory.Services.GetRequiredService<TuningSuggestions>();
    private AuditLog Audit => Factory.Services.GetRequiredService<AuditLog>();
    private StoredSettingsService Settings => Factory.Services.GetRequiredService<StoredSettingsService>();
    private TriggerOptions Current => Factory.Services.GetRequiredService<IOptionsMonitor<TriggerOptions>>().CurrentValue;
    private DateTime Now => Factory.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Five keyword-repeat cases in the last days, three flagged unnecessary: the history speaks for raising N from 3 to 4.</summary>
    private async Task<TuningSuggestion> ProposeRaiseAsync()
    {
        var desk = await TuningDesk.CreateAsync(Factory.Services.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>(), Now.AddDays(-20));
        for (var i = 0; i < 5; i++) await desk.CaseAsync(Now.AddDays(-10 + i), flags: i < 3 ? 1 : 0, TuningDesk.KeywordRepeat("refund", 3));
        return Assert.Single(await Suggestions.ComputeAsync());
    }

    [Fact]
    public async Task ASuggestionChangesNoSettingUntilAnAdminAcceptsIt()
    {
        var suggestion = await ProposeRaiseAsync();

        Assert.Equal((TuningSuggestionKind.RaiseKeywordRepeatThreshold, TuningSuggestionStatus.Proposed), (suggestion.Kind, suggestion.Status));
        Assert.Equal(3, Current.KeywordRepeat.Threshold);
        Assert.Equal(suggestion.Id, Assert.Single(await Suggestions.OpenAsync()).Id);
        await using var db = Factory.CreateDbContext();
        Assert.Equal(0, await db.Set<StoredSetting>().CountAsync());
        Assert.Equal(0, await db.Set<SettingChange>().CountAsync());
    }

    [Fact]
    public async Task AcceptingAppliesTheSettingThroughTheStoreAndAuditsWhoAndWhen()
    {
        var suggestion = await ProposeRaiseAsync();
        Factory.Clock.Advance(TimeSpan.FromHours(2));

        var accepted = await Suggestions.AcceptAsync(suggestion.Id, TestActors.Named(Admin));

        Assert.Equal(4, Current.KeywordRepeat.Threshold);
        Assert.Equal((TuningSuggestionStatus.Accepted, Admin, Now), (accepted.Status, accepted.DecidedBy, accepted.DecidedAt!.Value));
        await using var db = Factory.CreateDbContext();
        var change = await db.Set<SettingChange>().SingleAsync();
        Assert.Equal(("Triggers:KeywordRepeat:Threshold", "3", "4", Admin, Now), (change.Key, change.OldValue, change.NewValue, change.ChangedBy, change.ChangedAt));
        Assert.Equal(change.Id, accepted.SettingChangeId);
        Assert.Equal("4", (await db.Set<StoredSetting>().SingleAsync(s => s.Key == "Triggers:KeywordRepeat:Threshold")).Value);
        Assert.Empty(await Suggestions.OpenAsync());
        Assert.Equal(suggestion.Id, Assert.Single(await Suggestions.DecidedAsync()).Id);
    }

    [Fact]
    public async Task RejectingRecordsWhoAndWhenAndChangesNothing()
    {
        var suggestion = await ProposeRaiseAsync();
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));

        var rejected = await Suggestions.RejectAsync(suggestion.Id, TestActors.Named(OtherAdmin));

        Assert.Equal((TuningSuggestionStatus.Rejected, OtherAdmin, Now, (long?)null), (rejected.Status, rejected.DecidedBy, rejected.DecidedAt!.Value, rejected.SettingChangeId));
        Assert.Equal(3, Current.KeywordRepeat.Threshold);
        await using var db = Factory.CreateDbContext();
        Assert.Equal(0, await db.Set<SettingChange>().CountAsync());
        Assert.Equal(OtherAdmin, Assert.Single(await Suggestions.DecidedAsync()).DecidedBy);
    }

    [Fact]
    public async Task DecidingTwiceIsRefusedAndTheFirstDecisionStands()
    {
        var suggestion = await ProposeRaiseAsync();
        await Suggestions.AcceptAsync(suggestion.Id, TestActors.Named(Admin));

        var again = await Assert.ThrowsAsync<SuggestionDecidedException>(() => Suggestions.AcceptAsync(suggestion.Id, TestActors.Named(OtherAdmin)));
        var reject = await Assert.ThrowsAsync<SuggestionDecidedException>(() => Suggestions.RejectAsync(suggestion.Id, TestActors.Named(OtherAdmin)));

        Assert.Contains($"already accepted by {Admin}", again.Message);
        Assert.Equal(TuningSuggestionStatus.Accepted, reject.Status);
        var decided = Assert.Single(await Suggestions.DecidedAsync());
        Assert.Equal((TuningSuggestionStatus.Accepted, Admin), (decided.Status, decided.DecidedBy));
        Assert.Equal(4, Current.KeywordRepeat.Threshold);
        await using var db = Factory.CreateDbContext();
        Assert.Equal(1, await db.Set<SettingChange>().CountAsync());
    }

    [Fact]
    public async Task AcceptingIsInTheAuditLogBesideTheSettingItChanged()
    {
        var suggestion = await ProposeRaiseAsync();
        Factory.Clock.Advance(TimeSpan.FromHours(2));

        await Suggestions.AcceptAsync(suggestion.Id, TestActors.Named(Admin));

        var entries = (await Audit.PageAsync(new(), 0, 10)).Entries;
        Assert.Equal([(AuditActions.SettingChanged, Admin, Now), (AuditActions.SuggestionAccepted, Admin, Now)], entries.Select(e => (e.Action, e.ActorName, e.At)));
        Assert.All(entries, e => Assert.Equal(suggestion.SettingKey, e.Target));
    }

    [Fact]
    public async Task RejectingIsInTheAuditLogWithWhoAndWhen()
    {
        var suggestion = await ProposeRaiseAsync();
        Factory.Clock.Advance(TimeSpan.FromHours(2));

        await Suggestions.RejectAsync(suggestion.Id, TestActors.Named(OtherAdmin));

        var entry = Assert.Single((await Audit.PageAsync(new(), 0, 10)).Entries);
        Assert.Equal((AuditActions.SuggestionRejected, OtherAdmin, Now, suggestion.SettingKey), (entry.Action, entry.ActorName, entry.At, entry.Target));
    }

    [Fact]
    public async Task ARejectedSuggestionCannotBeAcceptedLater()
    {
        var suggestion = await ProposeRaiseAsync();
        await Suggestions.RejectAsync(suggestion.Id, TestActors.Named(Admin));

        await Assert.ThrowsAsync<SuggestionDecidedException>(() => Suggestions.AcceptAsync(suggestion.Id, TestActors.Named(OtherAdmin)));

        Assert.Equal(3, Current.KeywordRepeat.Threshold);
    }

    [Fact]
    public async Task ComputingAgainDoesNotDuplicateAnOpenSuggestion()
    {
        await ProposeRaiseAsync();

        var again = await Suggestions.ComputeAsync();

        Assert.Empty(again);
        Assert.Single(await Suggestions.OpenAsync());
    }

    [Fact]
    public async Task AcceptingAfterTheSettingChangedIsRefusedAndStoresNothing()
    {
        var suggestion = await ProposeRaiseAsync();
        await Settings.SaveAsync("Triggers:KeywordRepeat:Threshold", "5", TestActors.Named(Admin));

        var error = await Assert.ThrowsAsync<DomainException>(() => Suggestions.AcceptAsync(suggestion.Id, TestActors.Named(Admin)));

        Assert.Contains("changed since this was proposed", error.Message);
        Assert.Equal(5, Current.KeywordRepeat.Threshold);
        Assert.Equal(TuningSuggestionStatus.Proposed, Assert.Single(await Suggestions.OpenAsync()).Status);
        await using var db = Factory.CreateDbContext();
        Assert.Equal(1, await db.Set<SettingChange>().CountAsync());
    }

    [Fact]
    public async Task AnAcceptedPhraseJoinsTheListTheDetectorUses()
    {
        var desk = await TuningDesk.CreateAsync(Factory.Services.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>(), Now.AddDays(-20));
        foreach (var ask in new[] { "can I talk to billing about this charge", "I need to talk to billing please", "let me talk to billing" })
            await desk.ConversationAsync(Now.AddDays(-5), TuningDesk.Alternating(ask, "I can help with charges.", "no", "Here is our pricing page.", "that is not it", "Anything else?"),
                [TuningDesk.Reason("unresolved")]);
        var suggestion = Assert.Single(await Suggestions.ComputeAsync());
        var engine = Factory.Services.GetRequiredService<TriggerEngine>();
        Assert.Null(engine.Rules.ScanCustomer("let me talk to billing").HumanRequest);

        await Suggestions.AcceptAsync(suggestion.Id, TestActors.Named(Admin));

        Assert.Equal(["talk to billing"], Current.HumanRequest.ExtraPhrases);
        Assert.NotNull(engine.Rules.ScanCustomer("let me talk to billing").HumanRequest);
    }

    [Fact]
    public async Task ReplayShowsTheDecisionsTheSuggestionWouldChangeAndChangesNothing()
    {
        await Settings.SaveAsync("Triggers:KeywordRepeat:Keywords", "widget", TestActors.Named(Admin));
        var desk = await TuningDesk.CreateAsync(Factory.Services.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>(), Now.AddDays(-20));
        var (thrice, _) = await desk.ConversationAsync(Now.AddDays(-2), TuningDesk.Alternating("my widget arrived", "Good to hear.", "the widget is blue", "Nice colour.", "widget manual"));
        var suggestion = await ProposeRaiseAsync();

        var replay = await Suggestions.ReplayAsync(suggestion.Id);

        var change = Assert.Single(replay.Changes, c => c.ConversationId == thrice);
        Assert.Equal((ReplayChangeKind.NoLongerEscalated, 5, (int?)null), (change.Kind, change.CurrentAt!.Value, change.ProposedAt));
        Assert.Equal((Now.AddDays(-30), Now, false), (replay.From, replay.To, replay.Capped));
        Assert.Equal(3, Current.KeywordRepeat.Threshold);
        Assert.Equal(TuningSuggestionStatus.Proposed, Assert.Single(await Suggestions.OpenAsync()).Status);
    }

    [Fact]
    public async Task AnUnknownSuggestionIsNotFound()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Suggestions.AcceptAsync(4242, TestActors.Named(Admin)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Suggestions.RejectAsync(4242, TestActors.Named(Admin)));
    }
}
