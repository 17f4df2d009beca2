using System.Globalization;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;

namespace AgentConsole.Core.Triggers;

/// <summary>
/// Turns a conversation's <see cref="TriggerState"/> and the customer's profile into an
/// <see cref="EscalationDecision"/>. Pure: the same state, profile and options give the same decision.
/// </summary>
public static class DecisionPolicy
{
    private sealed record Signal(ReasonCategory Category, string Trigger, Evidence Evidence, double Weight, bool Guardrail = false);

    /// <summary>
    /// Decides; <paramref name="timedOut"/> says the unresolved-time trigger fired. An
    /// <paramref name="opened"/> reason says a case is opened whatever the triggers say (a case
    /// opened directly, with no bot): it comes first among the reasons, and the triggers still
    /// decide the category, priority, skill and tier as for any escalation.
    /// </summary>
    public static EscalationDecision Decide(TriggerState state, Customer? customer, TriggerOptions options, DateTime now, bool timedOut = false, EscalationReason? opened = null)
    {
        var value = CustomerValue.Of(customer, options.CustomerValue, now);
        var signals = CollectSignals(state, value, options, now, timedOut);
        var threshold = options.EscalationThreshold * (value.IsValuable && options.CustomerValue.Enabled ? options.CustomerValue.ThresholdFactor : 1);
        var score = signals.Sum(s => s.Weight);
        var escalate = opened is not null || signals.Any(s => s.Guardrail && s.Weight > 0) || score >= threshold && signals.Count > 0;

        var reasons = signals.Where(s => s.Weight > 0).OrderByDescending(s => s.Guardrail).ThenByDescending(s => s.Weight)
            .Select(s => new EscalationReason(s.Category, s.Trigger, s.Evidence.Text, s.Evidence.MessageId)).ToList();
        if (opened is not null) reasons.Insert(0, opened);
        if (escalate && value.IsValuable && options.CustomerValue.Enabled && reasons.All(r => r.Trigger != "churn-risk"))
            reasons.Add(new EscalationReason(ReasonCategory.CustomerValue, "customer-value", value.Description));

        var (category, confidence) = state.Category();
        if (confidence < options.Classifier.UndecidedBelow) category = IssueCategory.Other;
        if (state.Security is not null || state.ClassifiedSecurity is not null) category = IssueCategory.Security;
        var retention = state.Cancellation is not null && (value.ChurnRisk || category == IssueCategory.Cancellation);
        var skill = SkillFor(category, retention);
        var priority = escalate ? Priority(state, signals, value, timedOut) : CasePriority.Low;
        var tier = TierFor(category, priority, signals.Select(s => s.Category), retention);

        return new EscalationDecision(escalate, reasons, category, Math.Round(confidence, 3), priority, skill, tier,
            Math.Round(state.SentimentAverage, 3), state.Trend(), Math.Round(score, 3), Math.Round(threshold, 3));
    }

    /// <summary>
    /// <paramref name="decision"/> with what whoever opened the case asked for: a category (whose
    /// skill follows unless a skill is asked for too), a priority, a skill. The tier follows them
    /// as it follows the triggers' own choices.
    /// </summary>
    public static EscalationDecision WithRequested(EscalationDecision decision, IssueCategory? category, CasePriority? priority, Skill? skill)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (category is null && priority is null && skill is null) return decision;
        var retention = category is null && decision.RequiredSkill == Skill.Retention;
        var finalCategory = category ?? decision.Category;
        var finalSkill = skill ?? (category is { } asked ? SkillFor(asked, retention: false) : decision.RequiredSkill);
        var finalPriority = priority ?? decision.Priority;
        return decision with
        {
            Category = finalCategory,
            RequiredSkill = finalSkill,
            Priority = finalPriority,
            Tier = TierFor(finalCategory, finalPriority, decision.Reasons.Select(r => r.Category), retention || finalSkill == Skill.Retention),
        };
    }

    private static List<Signal> CollectSignals(TriggerState state, CustomerValue value, TriggerOptions o, DateTime now, bool timedOut)
    {
        var signals = new List<Signal>();
        void Add(bool enabled, Evidence? evidence, ReasonCategory category, string trigger, double weight, bool guardrail = false)
        {
            if (enabled && evidence is not null) signals.Add(new Signal(category, trigger, evidence, weight, guardrail));
        }

        Add(o.Security.Enabled, state.Security ?? state.ClassifiedSecurity, ReasonCategory.SecurityCompliance, "security", o.Security.Weight, guardrail: true);
        Add(o.HumanRequest.Enabled, state.HumanRequest, ReasonCategory.CustomerRequest, state.ManagerRequested ? "manager-request" : "human-request", o.HumanRequest.Weight, guardrail: true);
        Add(o.HandoffRequested.Enabled, state.Handoff, ReasonCategory.AutomationUncertainty, "bot-handoff", o.HandoffRequested.Weight, guardrail: true);
        if (timedOut && state.FirstCustomerMessageAt is { } first)
            Add(o.Unresolved.Enabled, new Evidence($"Still unresolved {(int)(now - first).TotalMinutes} minutes after the customer's first message", now), ReasonCategory.Timeout, "unresolved", o.Unresolved.Weight, guardrail: true);

        var repeated = state.KeywordCounts.Where(k => k.Value >= o.KeywordRepeat.Threshold).OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal).FirstOrDefault();
        if (o.KeywordRepeat.Enabled && repeated.Key is not null)
        {
            var evidence = state.KeywordEvidence[repeated.Key];
            Add(true, evidence with { Text = $"\"{repeated.Key}\" said {repeated.Value} times" }, ReasonCategory.Sentiment, "keyword-repeat", o.KeywordRepeat.Weight);
        }
        Add(o.BotUncertainty.Enabled, state.CannotHelp, ReasonCategory.AutomationUncertainty, "bot-cannot-help", o.BotUncertainty.Weight);
        if (state.LowConfidenceAnswers >= o.BotUncertainty.LowConfidenceCount && state.LowConfidence is { } low)
            Add(o.BotUncertainty.Enabled, low with { Text = $"{state.LowConfidenceAnswers} low-confidence answers; lowest: {low.Text}" }, ReasonCategory.AutomationUncertainty, "bot-low-confidence", o.BotUncertainty.Weight);

        if (state.PeakFrustration >= o.Sentiment.FrustrationThreshold)
            Add(o.Sentiment.Enabled, state.Frustration, ReasonCategory.Sentiment, "frustration", o.Sentiment.Weight);
        Add(o.Sentiment.Enabled, state.Complaint, ReasonCategory.Sentiment, "complaint", o.Sentiment.Weight);
        if (state.SentimentAverage <= o.Sentiment.TrendThreshold && state.Trend() == SentimentTrend.Worsening && state.CustomerMessages >= 2)
            Add(o.Sentiment.Enabled, new Evidence($"Sentiment falling across the conversation (now {state.SentimentAverage:0.00})", now), ReasonCategory.Sentiment, "sentiment-trend", o.Sentiment.TrendWeight);
        Add(o.Sentiment.Enabled, state.Repeat, ReasonCategory.Sentiment, "repeated-concern", o.Sentiment.RepeatWeight);
        Add(o.Sentiment.Enabled, state.Abrupt, ReasonCategory.Sentiment, "abrupt-replies", o.Sentiment.AbruptWeight);

        Add(o.Complexity.Enabled, state.Dispute, ReasonCategory.Complexity, "billing-dispute", o.Complexity.Weight);
        Add(o.Complexity.Enabled, state.AccountAction, ReasonCategory.Complexity, "account-action", o.Complexity.Weight);
        if (state.Defect is not null) Add(o.Complexity.Enabled, state.Defect, ReasonCategory.ProductDefect, "suspected-bug", o.Complexity.DefectWeight);
        else Add(o.Complexity.Enabled, state.ErrorCode, ReasonCategory.ProductDefect, "error-code", o.Complexity.ErrorCodeWeight);
        var categories = state.ConfidentCategories;
        if (o.Complexity.Enabled && categories.Count >= 2)
        {
            var names = string.Join(" + ", categories.Keys.OrderBy(c => c));
            var latest = categories.Values.MaxBy(e => e.At)!;
            Add(true, latest with { Text = $"Several issues in one conversation: {names}" }, ReasonCategory.Complexity, "several-categories",
                categories.Count >= 3 ? o.Complexity.ManyCategoriesWeight : o.Complexity.MultiCategoryWeight);
        }

        if (o.CustomerValue.Enabled && state.Cancellation is { } cancellation)
        {
            var text = value.ChurnRisk ? $"Cancellation intent from a churn risk ({value.ChurnSignals}): \"{cancellation.Text}\"" : $"Cancellation intent: \"{cancellation.Text}\"";
            Add(true, cancellation with { Text = text }, ReasonCategory.CustomerValue, "churn-risk", value.ChurnRisk ? 1.0 : o.CustomerValue.CancellationIntentWeight);
        }
        return signals;
    }

    private static CasePriority Priority(TriggerState state, List<Signal> signals, CustomerValue value, bool timedOut)
    {
        var frustrated = state.PeakFrustration >= 0.8;
        if (signals.Any(s => s.Trigger == "security")) return CasePriority.Urgent;
        if (value.IsValuable && (state.HumanRequest is not null || frustrated || timedOut || state.Dispute is not null)) return CasePriority.Urgent;
        if (value.IsValuable || state.ManagerRequested || frustrated || state.Dispute is not null || signals.Any(s => s.Trigger == "churn-risk" && s.Weight >= 1))
            return CasePriority.High;
        return CasePriority.Normal;
    }

    private static Skill SkillFor(IssueCategory category, bool retention) => retention ? Skill.Retention : category switch
    {
        IssueCategory.Billing => Skill.Billing,
        IssueCategory.Technical => Skill.Technical,
        IssueCategory.AccountAccess => Skill.AccountManagement,
        IssueCategory.Security => Skill.Security,
        IssueCategory.Integration => Skill.Integration,
        IssueCategory.Cancellation => Skill.Retention,
        _ => Skill.ProductTraining,
    };

    private static AgentTier TierFor(IssueCategory category, CasePriority priority, IEnumerable<ReasonCategory> reasons, bool retention)
    {
        if (category == IssueCategory.Security || priority == CasePriority.Urgent) return AgentTier.Senior;
        if (retention || category is IssueCategory.Billing or IssueCategory.Integration || reasons.Any(r => r is ReasonCategory.Complexity or ReasonCategory.ProductDefect))
            return AgentTier.Specialist;
        return AgentTier.Frontline;
    }
}

/// <summary>How much a customer is worth to the business, and whether they may leave.</summary>
public sealed record CustomerValue(bool IsValuable, string Description, bool ChurnRisk, string ChurnSignals)
{
    public static CustomerValue Of(Customer? customer, CustomerValueOptions options, DateTime now)
    {
        if (customer is null) return new CustomerValue(false, "", false, "");
        var tenure = customer.TenureYears(now);
        var valuable = customer.Tier == CustomerTier.Enterprise || customer.AnnualContractValue >= options.HighValueAnnualContract
            || customer.LifetimeValue >= options.HighLifetimeValue || tenure >= options.LongTenureYears;
        var parts = new List<string> { $"{customer.Tier} account" };
        if (customer.AnnualContractValue > 0) parts.Add($"{customer.AnnualContractValue.ToString("$#,0", CultureInfo.InvariantCulture)} annual contract");
        if (tenure is > 0) parts.Add($"{tenure}-year customer");
        if (customer.LifetimeValue >= options.HighLifetimeValue) parts.Add($"{customer.LifetimeValue.ToString("$#,0", CultureInfo.InvariantCulture)} lifetime value");

        var churn = new List<string>();
        if (customer.RecentDowngrade) churn.Add("recent downgrade");
        if (customer.UsageTrend == UsageTrend.Declining) churn.Add("usage declining");
        if (customer.LastFeedbackScore <= options.LowFeedbackScore) churn.Add($"last CSAT {customer.LastFeedbackScore}/5");
        return new CustomerValue(valuable, string.Join(", ", parts), churn.Count > 0, string.Join(", ", churn));
    }
}
