using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Privacy;

/// <summary>The <c>Retention</c> section: how long conversations keep their words.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// Conversations whose last activity is older than this many days are anonymised; null or 0
    /// (the default) keeps everything.
    /// </summary>
    [Range(0, 36_500)] public int? Days { get; set; }

    /// <summary>How often the retention job looks for conversations past the limit.</summary>
    [Range(1, 10_080)] public int CheckIntervalMinutes { get; set; } = 60;

    /// <summary>How many conversations one transaction anonymises, so writers are never held up for long.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 100;

    /// <summary>Whether the retention job runs at all.</summary>
    public bool Enabled => Days is > 0;
}

/// <summary>Checks <see cref="RetentionOptions"/>; generated from its attributes.</summary>
[OptionsValidator]
public sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;
