using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Core.Triggers.Learning;
using AgentConsole.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentConsole.Hosting;

/// <summary>Registers the triggers: the embedder, the classifier, the engine, the example store and the unresolved-time sweeper.</summary>
public static class TriggerServices
{
    public static IServiceCollection AddTriggers(this IServiceCollection services)
    {
        services.AddSectionOptions<TriggerOptions, TriggerOptionsValidator>(TriggerOptions.Section)
            .PostConfigure(TriggerVocabulary.FillUnsetLists);
        // One MiniLM model and embedding cache for the app; the embedded default classifier compares its embeddings with labelled examples.
        // What it embeds while the app starts is kept beside the store, so a restart reads it rather than running the model again.
        services.AddSingleton<ITextEmbedder>(sp => new StoredEmbeddings(new MiniLmEmbedder(), StoredEmbeddingsPath(sp), MiniLmEmbedder.Model,
            sp.GetRequiredService<ILogger<StoredEmbeddings>>()));
        services.AddSingleton<IIssueClassifier>(sp => EmbeddingIssueClassifier.CreateDefault(sp.GetRequiredService<ITextEmbedder>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<TriggerOptions>>();
            return new TriggerEngine(sp.GetRequiredService<IIssueClassifier>(), () => options.CurrentValue);
        });
        services.AddSingleton<CategoryExampleStore>();
        services.AddSingleton<DeskLearning>();
        services.AddSingleton<UnresolvedSweeper>();
        services.AddHostedService<UnresolvedTimerService>();
        return services;
    }

    /// <summary>The file beside a SQLite store's file for the embeddings kept across restarts; null for a store with no file.</summary>
    private static string? StoredEmbeddingsPath(IServiceProvider services)
    {
        using var db = services.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>().CreateDbContext();
        if (!db.Database.IsSqlite()) return null;
        var connection = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        return connection.Mode == SqliteOpenMode.Memory || connection.DataSource is "" or ":memory:" ? null : connection.DataSource + ".embeddings";
    }
}

/// <summary>Runs the unresolved-time trigger on a timer from the injected clock.</summary>
public sealed class UnresolvedTimerService(UnresolvedSweeper sweeper, IOptionsMonitor<TriggerOptions> options, TimeProvider time, ILogger<UnresolvedTimerService> logger)
    : TimedJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.CurrentValue.Unresolved.CheckIntervalSeconds);

    protected override string Name => "unresolved-time sweep";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var opened = await sweeper.SweepAsync(cancellationToken);
        if (opened.Count > 0) logger.LogInformation("Escalated {Count} unresolved conversations: cases {Cases}", opened.Count, string.Join(", ", opened));
    }
}
