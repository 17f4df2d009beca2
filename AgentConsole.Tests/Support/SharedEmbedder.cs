using AgentConsole.Core.Triggers.Classification;

namespace AgentConsole.Tests.Support;

/// <summary>
/// One MiniLM embedder for the whole test run. The app registers its own singleton, but the suite
/// hosts dozens of apps in one process, and each would load the model and embed the ~1,200 labelled
/// examples again (about 5 s each); <see cref="Integration.AgentConsoleFactory"/> gives every host
/// this one instead, and the classifier tests use it too.
/// </summary>
internal static class SharedEmbedder
{
    private static readonly Lazy<MiniLmEmbedder> Embedder = new(() => new MiniLmEmbedder(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The embedder, loaded on first use and never disposed.</summary>
    public static MiniLmEmbedder Instance => Embedder.Value;
}
