using AgentConsole.Core.Settings;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>Proposes a higher frustration threshold when agents often flag the frustration trigger's escalations as unnecessary.</summary>
public static class FrustrationRule
{
    public const string Trigger = "frustration";
    public const string SettingKey = "Triggers:Sentiment:FrustrationThreshold";

    public static IEnumerable<ProposedChange> Propose(TuningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var options = input.Options;
        var threshold = input.Triggers.Sentiment.FrustrationThreshold;
        if (!input.Triggers.Sentiment.Enabled) return [];
        var cases = input.Cases.Where(c => c.Triggers.Contains(Trigger)).ToList();
        if (cases.Count < options.MinimumSample) return [];
        var flagged = cases.Where(c => c.FlaggedUnnecessary).OrderByDescending(c => c.OpenedAt).ToList();
        var share = (double)flagged.Count / cases.Count;
        var raised = Math.Min(1, Math.Round(threshold + options.FrustrationStep, 2));
        if (1 - share >= options.LowPrecision || raised <= threshold) return [];

        return [new ProposedChange(TuningSuggestionKind.RaiseFrustrationThreshold, SettingKey,
            SettingValues.Format(SettingKind.Number, threshold), SettingValues.Format(SettingKind.Number, raised), null,
            $"The frustration trigger was flagged unnecessary in {TuningInput.Percent(share)} of {cases.Count} cases: raise its threshold from {TuningInput.Number(threshold)} to {TuningInput.Number(raised)}.",
            $"{flagged.Count} of {cases.Count} cases opened since {input.SinceText} with frustration among their reasons were flagged as unnecessary escalations " +
            $"(precision {TuningInput.Percent(1 - share)}, below {TuningInput.Percent(options.LowPrecision)}).",
            cases.Count, flagged.Count, flagged.Select(c => c.CaseId).Take(ProposedChange.MaxExamples).ToList())];
    }
}
