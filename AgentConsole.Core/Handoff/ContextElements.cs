namespace AgentConsole.Core.Handoff;

/// <summary>
/// The catalogue of the case page's openable parts. Only these keys are recorded, and the context-use
/// figures list every one of them, so a part nobody opens shows as 0% rather than going missing.
/// </summary>
public static class ContextElements
{
    public static readonly ContextElement CustomerProfile = new("customer.profile", "Customer profile (tier, value, tenure)");
    public static readonly ContextElement CustomerHealth = new("customer.health", "Account health and usage");
    public static readonly ContextElement CustomerProducts = new("customer.products", "Products in use");
    public static readonly ContextElement RecentCases = new("customer.recent-cases", "Earlier cases of the customer");
    public static readonly ContextElement PageCurrent = new("page.current", "Page the customer was on");
    public static readonly ContextElement PageHistory = new("page.history", "Earlier pages");
    public static readonly ContextElement EscalationReasons = new("escalation.reasons", "Why it escalated");
    public static readonly ContextElement RoutingExplanation = new("routing.explanation", "Why it was routed here");

    /// <summary>Every element, in the order the dashboard lists them.</summary>
    public static IReadOnlyList<ContextElement> All { get; } =
        [CustomerProfile, CustomerHealth, CustomerProducts, RecentCases, PageCurrent, PageHistory, EscalationReasons, RoutingExplanation];

    private static readonly Dictionary<string, ContextElement> ByKey = All.ToDictionary(e => e.Key, StringComparer.Ordinal);

    /// <summary>The element with <paramref name="key"/>, or null for a key not in the catalogue.</summary>
    public static ContextElement? Find(string? key) => key is not null && ByKey.TryGetValue(key, out var element) ? element : null;

    /// <summary>The longest key, for the store's column.</summary>
    public const int MaxKeyLength = 64;
}
