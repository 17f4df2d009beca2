using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Metrics;

/// <summary>
/// Writes cases with a past history straight into the store, as the engine would have logged it:
/// opened at a given instant with given reasons, then whatever <c>history</c> does to the case
/// (queue, offer, decline, accept, reclaim, resolve), each step at its own instant.
/// </summary>
internal static class CaseHistory
{
    private static int _conversations;

    public static async Task<long> SeedAsync(EngineHarness h, DateTime openedAt, ReasonCategory[] reasons, Action<Case, Agent?>? history = null,
        Guid? agentId = null, IssueCategory category = IssueCategory.Billing)
    {
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var n = Interlocked.Increment(ref _conversations);
        var customer = new Customer($"history-customer-{n}-{Guid.NewGuid():N}", openedAt);
        var conversation = new Conversation(h.Integration, $"history-{n}-{Guid.NewGuid():N}", "web", openedAt);
        conversation.AttachCustomer(customer);
        db.Conversations.Add(conversation);
        var decision = EscalationDecision.Escalated([.. reasons.Select(r => new EscalationReason(r, r.ToString().ToLowerInvariant(), "evidence"))],
            category, 0.9, CasePriority.Normal, Skill.Billing, AgentTier.Specialist, -0.2, SentimentTrend.Steady);
        var @case = new Case(conversation, decision, "briefing", openedAt);
        var agent = agentId is { } id ? await db.Agents.SingleAsync(a => a.Id == id) : null;
        history?.Invoke(@case, agent);
        db.Cases.Add(@case);
        await db.SaveChangesAsync();
        return @case.Id;
    }

    /// <summary>A day and time relative to the harness's start (14 March 2026, 09:00 UTC).</summary>
    public static DateTime At(int day, int hour, int minute = 0, int second = 0) => new(2026, 3, day, hour, minute, second, DateTimeKind.Utc);
}
