using System.ComponentModel.DataAnnotations;
using AgentConsole.Core.Common;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// How the history metrics judge what they measure. Bound from the <c>Metrics</c> section of the
/// root configuration, which ships these defaults.
/// </summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Metrics";

    /// <summary>An escalation whose customer spent longer than this with the bot first counts as stuck in an automation loop.</summary>
    [Range(1, 1440)] public int AutomationLoopMinutes { get; set; } = 10;

    /// <summary><see cref="AutomationLoopMinutes"/> as a duration.</summary>
    public TimeSpan AutomationLoop => TimeSpan.FromMinutes(AutomationLoopMinutes);

    /// <summary>
    /// A case counts as resolved at first contact only if its conversation does not escalate again
    /// within this many days of the resolution (see <see cref="RoutingAccuracyQuery"/>).
    /// </summary>
    [Range(1, 365)] public int ReopenWindowDays { get; set; } = 7;

    /// <summary>
    /// How often the host brings the history's fact rows up to date (<see cref="Facts.FactsCatchUp"/>).
    /// A read catches up first whatever this is; the timer keeps what a read finds to do small.
    /// </summary>
    [Range(1, 3600)] public int FactsCatchUpSeconds { get; set; } = 5;

    /// <summary>
    /// Whether the history figures read the day rollups (<see cref="Facts.FactRollups"/>) when they can
    /// answer the filter; off, every figure sweeps the fact rows. The figures are the same either way.
    /// </summary>
    public bool Rollups { get; set; } = true;

    /// <summary>The desk's time zone (an IANA id such as "Europe/Berlin"): where its days begin and what hour of day an instant is.</summary>
    [Required, TimeZoneId] public string TimeZone { get; set; } = "UTC";

    /// <summary><see cref="TimeZone"/> as the system knows it.</summary>
    public TimeZoneInfo DeskTimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>Checks <see cref="MetricsOptions"/>; generated from its attributes.</summary>
[OptionsValidator]
public sealed partial class MetricsOptionsValidator : IValidateOptions<MetricsOptions>;
