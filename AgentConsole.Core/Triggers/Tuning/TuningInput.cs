using System.Globalization;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>What the tuning rules judge: the span's cases and bot phases, the trigger settings in effect and the tuning's own options.</summary>
public sealed record TuningInput(DateTime Since, IReadOnlyList<CaseOutcome> Cases, IReadOnlyList<BotPhase> Conversations, TriggerOptions Triggers, TuningOptions Options)
{
    /// <summary>The span's first day, for the evidence.</summary>
    public string SinceText => Since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A share as a whole percentage ("40%").</summary>
    public static string Percent(double share) => share.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>A number as invariant text ("0.45").</summary>
    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
