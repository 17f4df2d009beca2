using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Chat.Gaps;

/// <summary>
/// How the bot-gap report groups and bounds its work. Bound from the <c>BotGaps</c> section of the
/// root configuration, which ships these defaults.
/// </summary>
public sealed class BotGapOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "BotGaps";

    /// <summary>
    /// The least cosine similarity (of MiniLM embeddings) between a question and a cluster's centroid
    /// for the question to join the cluster; higher makes more, tighter clusters.
    /// </summary>
    [Range(0.1, 0.99)] public double SimilarityThreshold { get; set; } = 0.6;

    /// <summary>The most failed questions a report clusters: the latest are kept, and the report says how many were left out.</summary>
    [Range(1, 20_000)] public int MaxQuestions { get; set; } = 1_000;

    /// <summary>The most conversations a report reads: the latest started are kept, and the report says so when there were more.</summary>
    [Range(1, 100_000)] public int MaxConversations { get; set; } = 5_000;
}

/// <summary>Checks <see cref="BotGapOptions"/>; generated from its attributes.</summary>
[OptionsValidator]
public sealed partial class BotGapOptionsValidator : IValidateOptions<BotGapOptions>;
