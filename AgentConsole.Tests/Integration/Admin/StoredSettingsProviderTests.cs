using AgentConsole.Core.Data;
using AgentConsole.Core.Settings;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Text;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Time.Testing;

namespace AgentConsole.Tests.Integration.Admin;

public sealed class StoredSettingsProviderTests
{
    [Fact]
    public void ReadsNothingUntilConnected()
    {
        var provider = new StoredSettingsConfigurationProvider();

        provider.Load();

        Assert.False(provider.TryGet("Triggers:EscalationThreshold", out _));
        Assert.Empty(provider.Stored);
    }

    [Fact]
    public void TreatsAStoreWithoutTheSettingsTableAsEmpty()
    {
        using var database = TempDatabase.OnSqlite();
        var store = new SettingsStore(new TestDbFactory(database.ConnectionString), TimeProvider.System);
        var provider = new StoredSettingsConfigurationProvider();
        provider.Connect(store.ReadAll);

        provider.Refresh();

        Assert.Empty(provider.Stored);
    }

    [SkippableFact]
    public async Task TreatsAPostgresDatabaseWithoutTheSettingsTableAsEmpty()
    {
        var name = "e_" + Guid.NewGuid().ToString("N");
        var connectionString = await PostgresServer.CreateEmptyDatabaseAsync(name);
        try
        {
            var options = new DbContextOptionsBuilder<AgentConsoleDbContext>();
            StoreConfiguration.UsePostgres(options, connectionString);
            var store = new SettingsStore(new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<AgentConsoleDbContext>(options.Options), TimeProvider.System);
            var provider = new StoredSettingsConfigurationProvider();
            provider.Connect(store.ReadAll);

            provider.Refresh();

            Assert.Empty(provider.Stored);
        }
        finally
        {
            PostgresServer.DropDatabase(name);
        }
    }

    [Fact]
    public async Task LoadsStoredValuesAndExpandsListsToIndexedKeys()
    {
        using var database = new TempDatabase();
        var dbFactory = database.CreateFactory();
        await DatabaseInitializer.MigrateAsync(dbFactory);
        var store = new SettingsStore(dbFactory, new FakeTimeProvider(AgentConsoleFactory.Start));
        await store.WriteAsync("Triggers:EscalationThreshold", "1.5", "1", "1.5", TestActors.Named("admin"));
        await store.WriteAsync("Triggers:KeywordRepeat:Keywords", """["refund","invoice"]""", "[]", """["refund","invoice"]""", TestActors.Named("admin"));
        await store.WriteAsync("Triggers:Sentiment:ExtraTerms", """{"ugh":-2.5}""", "{}", """{"ugh":-2.5}""", TestActors.Named("admin"));
        var provider = new StoredSettingsConfigurationProvider();
        provider.Connect(store.ReadAll);

        provider.Load();

        Assert.True(provider.TryGet("Triggers:EscalationThreshold", out var threshold) && threshold == "1.5");
        Assert.True(provider.TryGet("Triggers:KeywordRepeat:Keywords:0", out var first) && first == "refund");
        Assert.True(provider.TryGet("Triggers:KeywordRepeat:Keywords:1", out var second) && second == "invoice");
        Assert.True(provider.TryGet("Triggers:Sentiment:ExtraTerms:ugh", out var ugh) && ugh == "-2.5");
        Assert.Equal(3, provider.Stored.Count);
    }

    [Fact]
    public void RefreshTellsConfigurationListenersThatValuesChanged()
    {
        var values = new Dictionary<string, string>();
        var provider = new StoredSettingsConfigurationProvider();
        provider.Connect(() => new Dictionary<string, string>(values));
        var configuration = new ConfigurationManager();
        configuration.AddStoredSettings(provider);
        var changed = 0;
        using var subscription = Microsoft.Extensions.Primitives.ChangeToken.OnChange(((IConfiguration)configuration).GetReloadToken, () => changed++);

        values["Triggers:EscalationThreshold"] = "2";
        provider.Refresh();

        Assert.Equal(1, changed);
        Assert.Equal("2", configuration["Triggers:EscalationThreshold"]);
    }

    [Fact]
    public void SitsRightAfterTheSettingsFilesSoTheEnvironmentStillWins()
    {
        var configuration = new ConfigurationManager();
        configuration.AddJsonFile("appsettings.json", optional: true);
        configuration.AddJsonFile("appsettings.Testing.json", optional: true);
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Triggers:EscalationThreshold"] = "3" });
        var provider = new StoredSettingsConfigurationProvider();
        provider.Connect(() => new Dictionary<string, string> { ["Triggers:EscalationThreshold"] = "2", ["Triggers:Unresolved:Minutes"] = "20" });

        configuration.AddStoredSettings(provider);
        provider.Refresh();

        var sources = ((IConfigurationBuilder)configuration).Sources.ToList();
        Assert.IsType<StoredSettingsConfigurationSource>(sources[sources.FindLastIndex(s => s is JsonConfigurationSource) + 1]);
        Assert.Equal("3", configuration["Triggers:EscalationThreshold"]);
        Assert.Equal("20", configuration["Triggers:Unresolved:Minutes"]);
    }

    [Fact]
    public void AStoredListOrMapReplacesTheOneBelowItWholeAndScalarsStillApply()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Triggers:Security:Phrases:0"] = "hacked",
            ["Triggers:Security:Phrases:1"] = "fraud",
            ["Triggers:Security:Phrases:2"] = "stolen",
            ["Triggers:Sentiment:ExtraTerms:ugh"] = "-2",
        });

        configuration.AddStoredSettings(StoredSettingsConfigurationProvider.Holding(new Dictionary<string, string>
        {
            ["Triggers:Security:Phrases"] = """["breach"]""",
            ["Triggers:Sentiment:ExtraTerms"] = """{"meh":-1}""",
            ["Triggers:EscalationThreshold"] = "5",
        }));

        var options = configuration.GetSection(TriggerOptions.Section).Get<TriggerOptions>()!;
        Assert.Equal(["breach"], options.Security.Phrases!);
        Assert.Equal(new Dictionary<string, double> { ["meh"] = -1 }, options.Sentiment.ExtraTerms);
        Assert.Equal(5, options.EscalationThreshold);
    }

    [Fact]
    public void AStoredEmptyListEmptiesItWhileUnstoredListsKeepTheFilesOrTheBuiltInOne()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Triggers:Security:Phrases:0"] = "hacked",
            ["Triggers:Complexity:DefectPhrases:0"] = "crash",
        });

        configuration.AddStoredSettings(StoredSettingsConfigurationProvider.Holding(new Dictionary<string, string>
        {
            ["Triggers:Security:Phrases"] = "[]",
        }));

        var options = configuration.GetSection(TriggerOptions.Section).Get<TriggerOptions>()!;
        TriggerVocabulary.FillUnsetLists(options);
        Assert.Empty(options.Security.Phrases!);
        Assert.Equal(["crash"], options.Complexity.DefectPhrases!);
        Assert.Equal(WordLists.Get("Rules/dispute-phrases"), options.Complexity.DisputePhrases!);
    }

    private sealed class TestDbFactory(string connectionString) : IDbContextFactory<AgentConsoleDbContext>
    {
        public AgentConsoleDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<AgentConsoleDbContext>().UseSqlite(connectionString).Options);
    }
}
