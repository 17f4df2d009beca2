using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Core.Triggers.Learning;
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
        services.AddSingleton<ITextEmbedder, MiniLmEmbedder>();
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
}

/// <summary>Runs the unresolved-time trigger on a timer from the injected clock.</summary>
public sealed class UnresolvedTimerService(UnresolvedSweeper sweeper, IOptionsMonitor<TriggerOptions> options, TimeProvider time, ILogger<UnresolvedTimerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.CurrentValue.Unresolved.CheckIntervalSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var opened = await sweeper.SweepAsync(stoppingToken);
                if (opened.Count > 0) logger.LogInformation("Escalated {Count} unresolved conversations: cases {Cases}", opened.Count, string.Join(", ", opened));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The unresolved-time sweep failed; it will run again at the next tick.");
            }
        }
    }
}
