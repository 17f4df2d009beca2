using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Chat;

/// <summary>
/// One retriever over the shipped articles for every test here: embedding the passages with the
/// shared MiniLM embedder is done once for the run.
/// </summary>
internal static class SharedRetriever
{
    private static readonly Lazy<KnowledgeRetriever> Retriever =
        new(() => new KnowledgeRetriever(KnowledgeBase.LoadBuiltIn(), SharedEmbedder.Instance), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The retriever, with the shipped calibration.</summary>
    public static KnowledgeRetriever Instance => Retriever.Value;

    /// <summary>A retriever over the same articles with other calibration, for steering a test's confidence.</summary>
    public static KnowledgeRetriever With(ConfidenceCalibration calibration) => new(Instance.Knowledge, SharedEmbedder.Instance, calibration);
}
