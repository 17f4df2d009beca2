using System.Text.RegularExpressions;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Settings;
using AgentConsole.Core.Triggers.Rules;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>
/// Proposes a keyword-repeat threshold one higher when agents often flag its escalations as
/// unnecessary, and one lower when it is precise and late escalations kept repeating a keyword
/// one time short of it.
/// </summary>
public static partial class KeywordRepeatRule
{
    public const string Trigger = "keyword-repeat";
    public const string SettingKey = "Triggers:KeywordRepeat:Threshold";

    public static IEnumerable<ProposedChange> Propose(TuningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var options = input.Options;
        var threshold = input.Triggers.KeywordRepeat.Threshold;
        if (!input.Triggers.KeywordRepeat.Enabled) return [];
        var cases = input.Cases.Where(c => c.Triggers.Contains(Trigger)).ToList();
        if (cases.Count < options.MinimumSample) return [];
        var flagged = cases.Where(c => c.FlaggedUnnecessary).OrderByDescending(c => c.OpenedAt).ToList();
        var precision = 1 - (double)flagged.Count / cases.Count;

        if (precision < options.LowPrecision && threshold < 100)
            return [Raise(input, cases, flagged, threshold)];
        if (precision >= options.HighPrecision && threshold > 2 && Lower(input, cases.Count, precision, threshold) is { } lower)
            return [lower];
        return [];
    }

    private static ProposedChange Raise(TuningInput input, List<CaseOutcome> cases, List<CaseOutcome> flagged, int threshold)
    {
        var share = (double)flagged.Count / cases.Count;
        var byKeyword = cases.GroupBy(c => Keyword(c) ?? "?")
            .Select(g => (Keyword: g.Key, Cases: g.Count(), Flagged: g.Count(c => c.FlaggedUnnecessary)))
            .OrderByDescending(k => k.Flagged).ThenByDescending(k => k.Cases).ThenBy(k => k.Keyword, StringComparer.Ordinal).ToList();
        var worst = byKeyword[0];
        var breakdown = string.Join(", ", byKeyword.Take(5).Select(k => $"'{k.Keyword}' {k.Flagged} of {k.Cases}"));
        return new ProposedChange(TuningSuggestionKind.RaiseKeywordRepeatThreshold, SettingKey,
            SettingValues.Format(SettingKind.Integer, threshold), SettingValues.Format(SettingKind.Integer, threshold + 1), null,
            $"Keyword repeat (most often for '{worst.Keyword}') was flagged unnecessary in {TuningInput.Percent(share)} of {cases.Count} cases: raise N from {threshold} to {threshold + 1}.",
            $"{flagged.Count} of {cases.Count} cases opened since {input.SinceText} with keyword repeat among their reasons were flagged as unnecessary escalations " +
            $"(precision {TuningInput.Percent(1 - share)}, below {TuningInput.Percent(input.Options.LowPrecision)}). Flagged by keyword: {breakdown}.",
            cases.Count, flagged.Count, flagged.Select(c => c.CaseId).Take(ProposedChange.MaxExamples).ToList());
    }

    private static ProposedChange? Lower(TuningInput input, int escalations, double precision, int threshold)
    {
        var rules = new RuleSet(input.Triggers);
        var near = new List<(BotPhase Conversation, string Keyword)>();
        foreach (var conversation in input.Conversations)
        {
            if (!conversation.EscalatedLate(input.Options.LateAfterBotReplies) || conversation.FirstCase!.Triggers.Contains(Trigger)) continue;
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var message in conversation.Messages.Where(m => m.Author == MessageAuthor.Customer))
            {
                foreach (var keyword in rules.ScanCustomer(message.Text).Keywords) counts[keyword] = counts.GetValueOrDefault(keyword) + 1;
            }
            var most = counts.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal).FirstOrDefault();
            if (most.Key is not null && most.Value == threshold - 1) near.Add((conversation, most.Key));
        }
        if (near.Count < input.Options.MinimumLateConversations) return null;
        var keywords = string.Join(", ", near.GroupBy(n => n.Keyword).OrderByDescending(g => g.Count()).Take(5).Select(g => $"'{g.Key}' {g.Count()}"));
        return new ProposedChange(TuningSuggestionKind.LowerKeywordRepeatThreshold, SettingKey,
            SettingValues.Format(SettingKind.Integer, threshold), SettingValues.Format(SettingKind.Integer, threshold - 1), null,
            $"Keyword repeat is precise ({TuningInput.Percent(precision)} of {escalations} cases) and {near.Count} conversations repeated a keyword {threshold - 1} times, then escalated late: lower N from {threshold} to {threshold - 1}.",
            $"Since {input.SinceText}, {near.Count} conversations that escalated late (by the unresolved timer or after {input.Options.LateAfterBotReplies}+ bot replies) " +
            $"said a keyword {threshold - 1} times before escalating: {keywords}.",
            escalations, near.Count, near.Select(n => n.Conversation.FirstCase!.CaseId).Take(ProposedChange.MaxExamples).ToList());
    }

    /// <summary>The keyword a keyword-repeat reason names, from its evidence ("\"refund\" said 3 times").</summary>
    public static string? Keyword(CaseOutcome outcome)
    {
        var reason = outcome.Reasons.FirstOrDefault(r => r.Trigger == Trigger);
        return reason is not null && EvidencePattern().Match(reason.Evidence) is { Success: true } match ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("^\"([^\"]+)\" said \\d+ times")]
    private static partial Regex EvidencePattern();
}
