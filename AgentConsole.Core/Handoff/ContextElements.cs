namespace AgentConsole.Core.Handoff;

/// <summary>
/// The catalogue of the case page's openable parts. Only these keys are recorded, and the context-use
/// figures list every one of them, so a part nobody opens shows as 0% rather than going missing.
/// </summary>
public static class ContextElements
{
    /// <summary>The briefing's list of what the bot already did, with each outcome.</summary>
    public static readonly ContextElement BriefingBotAttempts = new("briefing.bot-attempts", "Briefing: what the bot already did");
    /// <summary>The briefing's list of what the customer already tried.</summary>
    public static readonly ContextElement BriefingCustomerTries = new("briefing.customer-tries", "Briefing: what the customer already tried");
    /// <summary>The briefing's list of why the conversation escalated, with the evidence.</summary>
    public static readonly ContextElement BriefingReasons = new("briefing.reasons", "Briefing: why it escalated");
    /// <summary>The customer panel's tier, plan, contract and lifetime value, and tenure.</summary>
    public static readonly ContextElement CustomerProfile = new("customer.profile", "Customer profile (tier, value, tenure)");
    /// <summary>The customer panel's account health: usage trend, a recent downgrade, the last CSAT.</summary>
    public static readonly ContextElement CustomerHealth = new("customer.health", "Account health and usage");
    /// <summary>The products the customer uses.</summary>
    public static readonly ContextElement CustomerProducts = new("customer.products", "Products in use");
    /// <summary>The customer's other recent cases and how they ended.</summary>
    public static readonly ContextElement RecentCases = new("customer.recent-cases", "Earlier cases of the customer");
    /// <summary>The page the customer was on when the case opened.</summary>
    public static readonly ContextElement PageCurrent = new("page.current", "Page the customer was on");
    /// <summary>The pages the customer viewed before it.</summary>
    public static readonly ContextElement PageHistory = new("page.history", "Earlier pages");
    /// <summary>Why the conversation escalated: each reason with its trigger and evidence, and the customer's mood.</summary>
    public static readonly ContextElement EscalationReasons = new("escalation.reasons", "Why it escalated");
    /// <summary>The routing decision step by step: the winner's score terms and each step's candidates.</summary>
    public static readonly ContextElement RoutingExplanation = new("routing.explanation", "Why it was routed here");

    /// <summary>Every element, in the order the dashboard lists them.</summary>
    public static IReadOnlyList<ContextElement> All { get; } =
        [BriefingBotAttempts, BriefingCustomerTries, BriefingReasons, CustomerProfile, CustomerHealth, CustomerProducts, RecentCases, PageCurrent, PageHistory, EscalationReasons, RoutingExplanation];

    private static readonly Dictionary<string, ContextElement> ByKey = All.ToDictionary(e => e.Key, StringComparer.Ordinal);

    /// <summary>The element with <paramref name="key"/>, or null for a key not in the catalogue.</summary>
    public static ContextElement? Find(string? key) => key is not null && ByKey.TryGetValue(key, out var element) ? element : null;

    /// <summary>The longest key, for the store's column.</summary>
    public const int MaxKeyLength = 64;
}
