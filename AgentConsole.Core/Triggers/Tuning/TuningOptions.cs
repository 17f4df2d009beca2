using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>
/// How the trigger tuning suggestions judge the desk's history. Bound from the <c>Tuning</c>
/// section of the root configuration, which ships these defaults.
/// </summary>
public sealed class TuningOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Tuning";

    /// <summary>The fewest escalations by a trigger before its precision is acted on.</summary>
    [Range(1, 100_000)] public int MinimumSample { get; set; } = 20;

    /// <summary>A trigger whose precision is below this share is proposed a stricter threshold.</summary>
    [Range(0, 1)] public double LowPrecision { get; set; } = 0.7;

    /// <summary>The keyword-repeat trigger at or above this precision may be proposed a lower threshold, when late escalations ask for it.</summary>
    [Range(0, 1)] public double HighPrecision { get; set; } = 0.95;

    /// <summary>An escalation after at least this many bot replies counts as late (besides one by the unresolved timer).</summary>
    [Range(1, 1000)] public int LateAfterBotReplies { get; set; } = 4;

    /// <summary>The fewest late conversations that must share a missed phrasing (or a near-repeat) before it is proposed.</summary>
    [Range(1, 100_000)] public int MinimumLateConversations { get; set; } = 5;

    /// <summary>The least share of the conversations using a phrasing that must have escalated late, so a phrase the bot handles well is not proposed.</summary>
    [Range(0, 1)] public double PhraseLateShare { get; set; } = 0.6;

    /// <summary>How much a frustration threshold is raised by at a time.</summary>
    [Range(0.01, 0.5)] public double FrustrationStep { get; set; } = 0.05;

    /// <summary>The most conversations whose messages the suggestions read, newest first.</summary>
    [Range(10, 1_000_000)] public int MaxConversations { get; set; } = 5000;

    /// <summary>How many days back the suggestions and the replay look.</summary>
    [Range(1, 365)] public int Days { get; set; } = 30;

    /// <summary>The most conversations a replay re-runs, newest first; the result says when it stopped there.</summary>
    [Range(1, 100_000)] public int ReplayMaxConversations { get; set; } = 300;
}

/// <summary>Checks <see cref="TuningOptions"/>; generated from its attributes.</summary>
[OptionsValidator]
public sealed partial class TuningOptionsValidator : IValidateOptions<TuningOptions>;
