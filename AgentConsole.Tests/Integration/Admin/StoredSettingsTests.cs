using AgentConsole.Core.Common;
using AgentConsole.Core.Settings;
using AgentConsole.Core.Triggers;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentConsole.Tests.Integration.Admin;

/// <summary>Trigger settings stored in the database, in the real host.</summary>
public sealed class StoredSettingsTests : ApiTestBase
{
    private const string Admin = "admin@agentconsole.demo";

    private StoredSettingsService Settings => Factory.Services.GetRequiredService<StoredSettingsService>();
    private TriggerOptions Current => Factory.Services.GetRequiredService<IOptionsMonitor<TriggerOptions>>().CurrentValue;

    [Fact]
    public async Task SavedThresholdIsStoredAuditedAndSeenByTheEngineWithoutARestart()
    {
        Assert.Equal(1.0, Current.EscalationThreshold);

        var change = await Settings.SaveAsync("Triggers:EscalationThreshold", "1.5", TestActors.Named(Admin));

        Assert.Equal(1.5, Current.EscalationThreshold);
        Assert.NotNull(change);
        await using var db = Factory.CreateDbContext();
        var stored = await db.Set<StoredSetting>().SingleAsync();
        Assert.Equal(("Triggers:EscalationThreshold", "1.5", Admin), (stored.Key, stored.Value, stored.UpdatedBy));
        var audit = await db.Set<SettingChange>().SingleAsync();
        Assert.Equal(("Triggers:EscalationThreshold", "1", "1.5", Admin, false), (audit.Key, audit.OldValue, audit.NewValue, audit.ChangedBy, audit.Reset));
        Assert.Equal(AgentConsoleFactory.Start.UtcDateTime, audit.ChangedAt);
    }

    [Fact]
    public async Task KeysAreMatchedWhateverTheirLetterCase()
    {
        await Settings.SaveAsync("triggers:sentiment:frustrationthreshold", "0.6", TestActors.Named(Admin));

        Assert.Equal(0.6, Current.Sentiment.FrustrationThreshold);
        await using var db = Factory.CreateDbContext();
        Assert.Equal("Triggers:Sentiment:FrustrationThreshold", (await db.Set<StoredSetting>().SingleAsync()).Key);
    }

    [Theory]
    [InlineData("Triggers:Sentiment:FrustrationThreshold", "1.5", "between 0 and 1")]
    [InlineData("Triggers:EscalationThreshold", "0", "between 0.1 and 10")]
    [InlineData("Triggers:KeywordRepeat:Threshold", "1", "between 2 and 100")]
    [InlineData("Triggers:Sentiment:ExtraTerms", "ugh = -9", "valence between -4 and 4")]
    [InlineData("Triggers:Sentiment:FrustrationThreshold", "0,5", "enter a number")]
    [InlineData("Triggers:KeywordRepeat:Enabled", "maybe", "enter true or false")]
    [InlineData("Triggers:Nope", "1", "not a trigger setting")]
    public async Task RefusesAnInvalidValueWithAClearMessageAndStoresNothing(string key, string input, string message)
    {
        var before = Current;

        var error = await Assert.ThrowsAsync<DomainException>(() => Settings.SaveAsync(key, input, TestActors.Named(Admin)));

        Assert.Contains(message, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Same(before, Current);
        await using var db = Factory.CreateDbContext();
        Assert.Equal(0, await db.Set<StoredSetting>().CountAsync());
        Assert.Equal(0, await db.Set<SettingChange>().CountAsync());
    }

    [Fact]
    public async Task StoredPhraseListReplacesTheDefaultListRatherThanAddingToIt()
    {
        await Settings.SaveAsync("Triggers:KeywordRepeat:Keywords", "refund\n  invoice \n\nREFUND", TestActors.Named(Admin));

        Assert.Equal(["refund", "invoice"], Current.KeywordRepeat.Keywords!);

        await Settings.SaveAsync("Triggers:KeywordRepeat:Keywords", "", TestActors.Named(Admin));

        Assert.Empty(Current.KeywordRepeat.Keywords!);
    }

    [Fact]
    public async Task StoredTermsReplaceTheFileTerms()
    {
        await Settings.SaveAsync("Triggers:Sentiment:ExtraTerms", "ugh = -2.5\nthis is ridiculous = -3", TestActors.Named(Admin));

        Assert.Equal(new Dictionary<string, double> { ["this is ridiculous"] = -3, ["ugh"] = -2.5 }, Current.Sentiment.ExtraTerms);
    }

    [Fact]
    public async Task ResetRestoresTheFileValueAndIsAudited()
    {
        await Settings.SaveAsync("Triggers:Unresolved:Minutes", "30", TestActors.Named(Admin));
        Assert.Equal(30, Current.Unresolved.Minutes);

        var reset = await Settings.ResetAsync("Triggers:Unresolved:Minutes", TestActors.Named("other.admin@agentconsole.demo"));

        Assert.Equal(15, Current.Unresolved.Minutes);
        Assert.NotNull(reset);
        Assert.Equal(("30", "15", true), (reset.OldValue, reset.NewValue, reset.Reset));
        var history = await Settings.HistoryAsync();
        Assert.Equal(["other.admin@agentconsole.demo", Admin], history.Select(h => h.ChangedBy));
        await using var db = Factory.CreateDbContext();
        Assert.Equal(0, await db.Set<StoredSetting>().CountAsync());
    }

    [Fact]
    public async Task SavingTheValueAlreadyInEffectChangesNothing()
    {
        var change = await Settings.SaveAsync("Triggers:Sentiment:FrustrationThreshold", "0.400", TestActors.Named(Admin));

        Assert.Null(change);
        Assert.Empty(await Settings.HistoryAsync());
    }

    [Fact]
    public async Task ListShowsTheValueInEffectTheFileValueAndWhoChangedIt()
    {
        await Settings.SaveAsync("Triggers:Security:ClassifierConfidence", "0.7", TestActors.Named(Admin));

        var settings = await Settings.ListAsync();

        var security = Assert.Single(settings, s => s.Setting.Key == "Triggers:Security:ClassifierConfidence");
        Assert.Equal(("0.7", "0.3", true, Admin), (security.Value, security.FileValue, security.IsStored, security.UpdatedBy));
        var weight = Assert.Single(settings, s => s.Setting.Key == "Triggers:Security:Weight");
        Assert.False(weight.IsStored);
        Assert.Contains(settings, s => s.Setting.Key == "Triggers:Complexity:DisputePhrases" && s.Setting.Kind == SettingKind.TextList);
    }

    [Fact]
    public async Task TheAuditCannotBeRewritten()
    {
        await Settings.SaveAsync("Triggers:EscalationThreshold", "2", TestActors.Named(Admin));
        await using var db = Factory.CreateDbContext();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"SettingChanges\""));

        Assert.Contains("append-only", error.Message);
    }

    [Fact]
    public async Task TheEngineStopsEscalatingARequestForAHumanOnceThatTriggerIsSwitchedOff()
    {
        const string Ask = "Can I talk to a human please?";
        var before = await ReadJsonAsync(await PostEventsAsync("conv-before", Batch(CustomerMessage("e1", Ask, 1))));
        Assert.True(before.GetProperty("decision").GetProperty("escalate").GetBoolean());

        await Settings.SaveAsync("Triggers:HumanRequest:Enabled", "false", TestActors.Named(Admin));
        var after = await ReadJsonAsync(await PostEventsAsync("conv-after", Batch(CustomerMessage("e1", Ask, 2))));

        Assert.False(after.GetProperty("decision").GetProperty("escalate").GetBoolean());
    }
}

/// <summary>Stored settings across a restart of the host.</summary>
public sealed class StoredSettingsRestartTests
{
    [Fact]
    public async Task StoredValuesApplyAgainAfterARestart()
    {
        using var database = new TempDatabase();
        using (var first = new AgentConsoleFactory(database))
        {
            await first.Services.GetRequiredService<StoredSettingsService>().SaveAsync("Triggers:CustomerValue:LongTenureYears", "3", TestActors.Named("admin@agentconsole.demo"));
        }

        using var second = new AgentConsoleFactory(database);

        Assert.Equal(3, second.Services.GetRequiredService<IOptionsMonitor<TriggerOptions>>().CurrentValue.CustomerValue.LongTenureYears);
    }
}
